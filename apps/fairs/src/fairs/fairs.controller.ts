import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@jobfair/platform';
import { ListFairsQuery, ScheduleFairDto, SetUpBoothDto } from './fair.dto';
import { FairsService } from './fairs.service';

@ApiTags('fairs')
@ApiBearerAuth()
@Controller('fairs')
@Roles('admin', 'staff')
export class FairsController {
  constructor(private readonly fairs: FairsService) {}

  @Post()
  schedule(@Body() dto: ScheduleFairDto) {
    return this.fairs.schedule(dto);
  }

  @Get()
  list(@Query() query: ListFairsQuery) {
    return this.fairs.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.fairs.get(id);
  }

  @Post(':id/open')
  @HttpCode(200)
  open(@Param('id') id: string) {
    return this.fairs.open(id);
  }

  @Post(':id/close')
  @HttpCode(200)
  close(@Param('id') id: string) {
    return this.fairs.close(id);
  }

  /** One booth per employer: setting it up again adds openings to it. */
  @Post(':id/booths')
  setUpBooth(@Param('id') id: string, @Body() dto: SetUpBoothDto) {
    return this.fairs.setUpBooth(id, dto);
  }

  /** The employer leaves the fair with all its openings; answers the fair. */
  @Delete(':id/booths/:employerId')
  takeDownBooth(@Param('id') id: string, @Param('employerId') employerId: string) {
    return this.fairs.reduceBooth(id, employerId);
  }

  /** One opening leaves the employer's booth (its last one takes the booth with it); answers the fair. */
  @Delete(':id/booths/:employerId/openings/:openingId')
  withdrawOpening(@Param('id') id: string, @Param('employerId') employerId: string, @Param('openingId') openingId: string) {
    return this.fairs.reduceBooth(id, employerId, [openingId]);
  }
}
