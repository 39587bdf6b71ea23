import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@jobfair/platform';
import { ListRunsQuery, RecomputeDto, StartRunDto, WhatIfDto } from './run.dto';
import { RunsService } from './runs.service';

@ApiTags('matching runs')
@ApiBearerAuth()
@Controller('matching/runs')
@Roles('admin', 'staff')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  /** Accepted at once; poll `GET /matching/runs/:id` for progress and the summary. */
  @Post()
  @HttpCode(202)
  start(@Body() dto: StartRunDto) {
    return this.runs.start(dto);
  }

  @Get()
  list(@Query() query: ListRunsQuery) {
    return this.runs.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string) {
    return this.runs.get(id);
  }

  /** Computes a completed run again from what it recorded and reports any difference from the matches it proposed; stores nothing. */
  @Post(':id/recompute')
  @HttpCode(200)
  recompute(@Param('id') id: string, @Body() dto: RecomputeDto) {
    return this.runs.recompute(id, dto);
  }

  /** A simulation: the run's inputs with changed settings beside the run's own; stores nothing and sends no event. */
  @Post(':id/what-if')
  @HttpCode(200)
  whatIf(@Param('id') id: string, @Body() dto: WhatIfDto) {
    return this.runs.whatIf(id, dto);
  }
}
