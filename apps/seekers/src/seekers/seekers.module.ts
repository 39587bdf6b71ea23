import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SEEKER_DATA_KEYS, WALK_IN_DATA_KEYS } from '@jobfair/messaging';
import { ownedDataKeysProvider, receivedDataKeysProvider } from '@jobfair/platform';
import { DocumentExpiryJob } from './document-expiry.job';
import {
  DistinctPair,
  DistinctPairSchema,
  NameBirthKey,
  NameBirthKeySchema,
  Seeker,
  SeekerSchema,
  WalkInAnswer,
  WalkInAnswerSchema,
} from './seeker.schema';
import { SeekerEventsHandler } from './seeker-events.handler';
import { SeekersController } from './seekers.controller';
import { SeekersService } from './seekers.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Seeker.name, schema: SeekerSchema },
      { name: NameBirthKey.name, schema: NameBirthKeySchema },
      { name: WalkInAnswer.name, schema: WalkInAnswerSchema },
      { name: DistinctPair.name, schema: DistinctPairSchema },
    ]),
  ],
  controllers: [SeekersController, SeekerEventsHandler],
  providers: [SeekersService, DocumentExpiryJob, ownedDataKeysProvider(SEEKER_DATA_KEYS), receivedDataKeysProvider(WALK_IN_DATA_KEYS)],
})
export class SeekersModule {}
