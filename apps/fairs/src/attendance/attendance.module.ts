import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { WALK_IN_DATA_KEYS } from '@jobfair/messaging';
import { ownedDataKeysProvider } from '@jobfair/platform';
import { FairsModule } from '../fairs/fairs.module';
import { SeekersModule } from '../seekers/seekers.module';
import { AttendanceController, SeekerAttendanceController } from './attendance.controller';
import { Attendance, AttendanceSchema } from './attendance.schema';
import { AttendanceService } from './attendance.service';
import { CheckInRecord, CheckInRecordSchema } from './check-in.schema';
import { SeekerEventsHandler } from './seeker-events.handler';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Attendance.name, schema: AttendanceSchema },
      { name: CheckInRecord.name, schema: CheckInRecordSchema },
    ]),
    FairsModule,
    SeekersModule,
  ],
  controllers: [AttendanceController, SeekerAttendanceController, SeekerEventsHandler],
  providers: [AttendanceService, ownedDataKeysProvider(WALK_IN_DATA_KEYS)],
  exports: [AttendanceService],
})
export class AttendanceModule {}
