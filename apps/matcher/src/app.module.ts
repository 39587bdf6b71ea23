import { Module } from '@nestjs/common';
import { PlatformModule } from '@jobfair/platform';
import { PlacementsModule } from './placements/placements.module';
import { PlansModule } from './plans/plans.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { ReportsModule } from './reports/reports.module';
import { MATCHER_SERVICE } from './service-spec';

@Module({
  imports: [PlatformModule.forService(MATCHER_SERVICE), ReadModelsModule, PlacementsModule, PlansModule, ReportsModule],
})
export class AppModule {}
