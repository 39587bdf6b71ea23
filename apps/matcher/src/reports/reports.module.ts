import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { PlacementsModule } from '../placements/placements.module';
import { PlansModule } from '../plans/plans.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { MatchingRun, MatchingRunSchema } from '../runs/matching-run.schema';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: MatchingRun.name, schema: MatchingRunSchema }]),
    PlacementsModule,
    PlansModule,
    ReadModelsModule,
  ],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
