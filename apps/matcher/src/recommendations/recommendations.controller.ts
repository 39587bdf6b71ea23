import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@jobfair/platform';
import { RecommendationsQuery } from './recommendation.dto';
import { RecommendationsService } from './recommendations.service';

/** Served by the matcher under the fairs' path: the gateway routes `/fairs/:id/recommendations` here. */
@ApiTags('recommendations')
@ApiBearerAuth()
@Controller('fairs')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Get(':id/recommendations')
  @Roles('admin', 'staff')
  get(@Param('id') fairId: string, @Query() query: RecommendationsQuery) {
    return this.recommendations.get(fairId, query);
  }
}
