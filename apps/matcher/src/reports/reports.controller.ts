import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@jobfair/platform';
import { FairReport, SummaryQuery, SummaryReport } from './report.dto';
import { FunnelQuery, FunnelReport } from './funnel.dto';
import { fairCsv, funnelCsv, summaryCsv } from './report-tables';
import { ReportsService } from './reports.service';

/** JSON by default; CSV when the client asks for it with `Accept: text/csv`. */
function negotiate<T>(accept: string | undefined, res: Response, report: T, csv: (report: T) => string): T | string {
  if (!accept?.includes('text/csv')) return report;
  res.type('text/csv; charset=utf-8');
  return csv(report);
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
@Roles('admin', 'staff')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('summary')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SummaryReport, description: 'CSV: one line per group and a `total` line' })
  async summary(@Query() query: SummaryQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    return negotiate(accept, res, await this.reports.summary(query), summaryCsv);
  }

  @Get('fairs/:id')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: FairReport, description: 'CSV: `section,key,status,count`, one figure per line' })
  async fair(@Param('id') id: string, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    return negotiate(accept, res, await this.reports.fair(id), fairCsv);
  }

  @Get('funnel')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: FunnelReport,
    description: 'one fair (`fairId`) or the fairs starting in a period; CSV: `group,step,figure,reason,count`, one figure per line',
  })
  @ApiNotFoundResponse({ description: 'the matcher knows no fair `fairId`' })
  async funnel(@Query() query: FunnelQuery, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    return negotiate(accept, res, await this.reports.funnel(query), funnelCsv);
  }
}
