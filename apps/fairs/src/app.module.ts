import { Module } from '@nestjs/common';
import { PlatformModule } from '@jobfair/platform';
import { AttendanceModule } from './attendance/attendance.module';
import { FairsModule } from './fairs/fairs.module';
import { OpeningsModule } from './openings/openings.module';
import { SeekersModule } from './seekers/seekers.module';
import { StatsModule } from './stats/stats.module';
import { FAIRS_SERVICE } from './service-spec';

@Module({
  imports: [PlatformModule.forService(FAIRS_SERVICE), OpeningsModule, SeekersModule, FairsModule, AttendanceModule, StatsModule],
})
export class AppModule {}
