import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@jobfair/platform';
import { ListRunsQuery, StartRunDto } from './run.dto';
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
}
