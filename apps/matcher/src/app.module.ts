import { Module } from '@nestjs/common';
import { PlatformModule } from '@jobfair/platform';
import { ExpiriesModule } from './expiries/expiries.module';
import { MatchesModule } from './matches/matches.module';
import { PlacementsModule } from './placements/placements.module';
import { PlansModule } from './plans/plans.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { ReportsModule } from './reports/reports.module';
import { RunsModule } from './runs/runs.module';
import { MATCHER_SERVICE } from './service-spec';

@Module({
  imports: [
    PlatformModule.forService(MATCHER_SERVICE),
    ReadModelsModule,
    PlacementsModule,
    PlansModule,
    ReportsModule,
    RunsModule,
    MatchesModule,
    RecommendationsModule,
    ExpiriesModule,
  ],
})
export class AppModule {}
