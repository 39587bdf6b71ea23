import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReceivedDataKeys, SEEKER_DATA_KEYS } from '@jobfair/messaging';
import { receivedDataKeysProvider } from '@jobfair/platform';
import { NationalIdEntry, NationalIdEntrySchema, Seeker, SeekerSchema } from './seeker.schema';
import { SeekersService } from './seekers.service';

/** The seekers read model; its events are handled in AttendanceModule, which also completes walk-ins on them. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Seeker.name, schema: SeekerSchema },
      { name: NationalIdEntry.name, schema: NationalIdEntrySchema },
    ]),
  ],
  providers: [SeekersService, receivedDataKeysProvider(SEEKER_DATA_KEYS)],
  exports: [SeekersService, ReceivedDataKeys],
})
export class SeekersModule {}
