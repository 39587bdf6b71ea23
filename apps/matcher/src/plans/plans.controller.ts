import { Body, Controller, Get, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@jobfair/platform';
import { ListPlansQuery, PlanView, SetPlanDto } from './plan.dto';
import { PlansService } from './plans.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  /** One plan per (centre, year, market): the first POST creates it (201), a later one sets its target (200). */
  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: PlanView, description: 'created' })
  @ApiOkResponse({ type: PlanView, description: 'the existing plan, with the new target' })
  async set(@Body() dto: SetPlanDto, @Res({ passthrough: true }) res: Response): Promise<PlanView> {
    const { plan, created } = await this.plans.set(dto);
    res.status(created ? 201 : 200);
    return plan;
  }

  @Get()
  @Roles('admin', 'staff')
  list(@Query() query: ListPlansQuery) {
    return this.plans.list(query);
  }
}
