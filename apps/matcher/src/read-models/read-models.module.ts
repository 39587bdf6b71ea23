import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SEEKER_DATA_KEYS } from '@jobfair/messaging';
import { receivedDataKeysProvider } from '@jobfair/platform';
import { RunInputsModule } from '../runs/run-inputs.module';
import { ErasedSeeker, ErasedSeekerSchema } from './erased-seeker.schema';
import { ReadModelEventsHandler } from './read-model-events.handler';
import { ReadModelsController } from './read-models.controller';
import {
  FairAttendee,
  FairAttendeeSchema,
  FairRegistrant,
  FairRegistrantSchema,
  FairView,
  FairViewSchema,
  OpeningView,
  OpeningViewSchema,
  SeekerView,
  SeekerViewSchema,
} from './read-model.schemas';
import { ReadModelsService } from './read-models.service';
import { SeekerMerges } from './seeker-merges';
import { Match, MatchSchema } from '../matches/match.schema';
import { Placement, PlacementSchema } from '../placements/placement.schema';
import { SeekerCommitment, SeekerCommitmentSchema } from '../placements/seeker-commitments';
import { SeekerRecommendations, SeekerRecommendationsSchema } from '../recommendations/recommendation.schema';

@Module({
  imports: [
    RunInputsModule,
    MongooseModule.forFeature([
      { name: OpeningView.name, schema: OpeningViewSchema },
      { name: SeekerView.name, schema: SeekerViewSchema },
      { name: ErasedSeeker.name, schema: ErasedSeekerSchema },
      { name: FairView.name, schema: FairViewSchema },
      { name: FairAttendee.name, schema: FairAttendeeSchema },
      { name: FairRegistrant.name, schema: FairRegistrantSchema },
      // What a merge of two seekers' records moves (SeekerMerges); their own modules own them.
      { name: Match.name, schema: MatchSchema },
      { name: Placement.name, schema: PlacementSchema },
      { name: SeekerCommitment.name, schema: SeekerCommitmentSchema },
      { name: SeekerRecommendations.name, schema: SeekerRecommendationsSchema },
    ]),
  ],
  controllers: [ReadModelEventsHandler, ReadModelsController],
  providers: [ReadModelsService, SeekerMerges, receivedDataKeysProvider(SEEKER_DATA_KEYS)],
  exports: [ReadModelsService],
})
export class ReadModelsModule {}
