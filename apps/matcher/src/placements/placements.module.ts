import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Match, MatchSchema } from '../matches/match.schema';
import { MatchesModule } from '../matches/matches.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { HireRecord, HireRecordSchema } from './hire-record.schema';
import { AlternatePromotion } from './alternates';
import { Hiring } from './hiring';
import { HiringReconciler } from './hiring-reconciler';
import { OpeningSeats, OpeningSeatsSchema } from './opening-seats.schema';
import { OpeningSeatsService } from './opening-seats.service';
import { Placement, PlacementSchema } from './placement.schema';
import { PlacementsController } from './placements.controller';
import { PlacementsService } from './placements.service';
import { SeekerCommitment, SeekerCommitmentSchema, SeekerCommitments } from './seeker-commitments';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Placement.name, schema: PlacementSchema },
      { name: OpeningSeats.name, schema: OpeningSeatsSchema },
      { name: Match.name, schema: MatchSchema },
      { name: SeekerCommitment.name, schema: SeekerCommitmentSchema },
      { name: HireRecord.name, schema: HireRecordSchema },
    ]),
    ReadModelsModule,
    MatchesModule,
  ],
  controllers: [PlacementsController],
  providers: [AlternatePromotion, PlacementsService, OpeningSeatsService, SeekerCommitments, Hiring, HiringReconciler],
  exports: [MongooseModule],
})
export class PlacementsModule {}
