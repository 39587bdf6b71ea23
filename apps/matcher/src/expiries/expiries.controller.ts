import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@jobfair/platform';
import { ExpiryList, ExpiryQuery } from './expiry.dto';
import { ExpiriesService } from './expiries.service';

/** What runs out soon, so that staff call people in for a new test or check before a fair or a start date. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/expiries')
@Roles('admin', 'staff')
export class ExpiriesController {
  constructor(private readonly expiries: ExpiriesService) {}

  @Get()
  @ApiOkResponse({ type: ExpiryList })
  list(@Query() query: ExpiryQuery): Promise<ExpiryList> {
    return this.expiries.list(query);
  }
}
