import { Module } from '@nestjs/common';
import { PlacementsModule } from '../placements/placements.module';
import { PlansModule } from '../plans/plans.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [PlacementsModule, PlansModule, ReadModelsModule],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
