import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@jobfair/platform';
import { CheckInBatchDto, CheckInDto, ListAttendanceQuery, PreRegisterSeekerDto } from './attendance.dto';
import { AttendanceService, CheckInOutcome } from './attendance.service';

/** 201 a new check-in, 200 the one already stored for this clientRef (or seeker), 202 a walk-in waiting for its registration. */
const CHECK_IN_STATUS: Record<CheckInOutcome, number> = {
  created: HttpStatus.CREATED,
  duplicate: HttpStatus.OK,
  pending: HttpStatus.ACCEPTED,
};

@ApiTags('fairs')
@ApiBearerAuth()
@Controller('fairs/:id')
@Roles('admin', 'staff')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  /** 201 a new registration, 200 the seeker was already registered. */
  @Post('registrations')
  async register(@Param('id') id: string, @Body() dto: PreRegisterSeekerDto, @Res({ passthrough: true }) res: Response) {
    const { created, registration } = await this.attendance.register(id, dto.seekerId);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return registration;
  }

  @Post('check-ins')
  async checkIn(@Param('id') id: string, @Body() dto: CheckInDto, @Res({ passthrough: true }) res: Response) {
    const { outcome, checkIn } = await this.attendance.checkIn(id, dto);
    res.status(CHECK_IN_STATUS[outcome]);
    return checkIn;
  }

  @Post('check-ins/batch')
  @HttpCode(200)
  async checkInBatch(@Param('id') id: string, @Body() dto: CheckInBatchDto) {
    return { items: await this.attendance.checkInBatch(id, dto.items) };
  }

  /** Declared before `check-ins/:checkInId`, which would take `hourly` for an id. */
  @Get('check-ins/hourly')
  hourly(@Param('id') id: string) {
    return this.attendance.hourly(id);
  }

  @Get('check-ins/:checkInId')
  getCheckIn(@Param('id') id: string, @Param('checkInId') checkInId: string) {
    return this.attendance.getCheckIn(id, checkInId);
  }
}

/** Which fairs a seeker signed up for and came to (the seeker's profile shows it). */
@ApiTags('fairs')
@ApiBearerAuth()
@Controller('attendance')
@Roles('admin', 'staff')
export class SeekerAttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get()
  list(@Query() query: ListAttendanceQuery) {
    return this.attendance.forSeeker(query.seekerId, query);
  }
}
