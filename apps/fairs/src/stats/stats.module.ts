import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AttendanceModule } from '../attendance/attendance.module';
import { FairsModule } from '../fairs/fairs.module';
import { OpeningsModule } from '../openings/openings.module';
import { CountedFact, CountedFactSchema } from './fair-stats.schema';
import { StatsController, StatsEventsHandler } from './stats.controller';
import { StatsService } from './stats.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: CountedFact.name, schema: CountedFactSchema }]),
    FairsModule,
    AttendanceModule,
    OpeningsModule,
  ],
  controllers: [StatsController, StatsEventsHandler],
  providers: [StatsService],
})
export class StatsModule {}
