import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReadModelsModule } from '../read-models/read-models.module';
import { CheckInEventsHandler } from './check-in-events.handler';
import { SeekerRecommendations, SeekerRecommendationsSchema } from './recommendation.schema';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';

/** Reads the read models and consumes the check-ins itself, so the dependency goes one way. */
@Module({
  imports: [MongooseModule.forFeature([{ name: SeekerRecommendations.name, schema: SeekerRecommendationsSchema }]), ReadModelsModule],
  controllers: [RecommendationsController, CheckInEventsHandler],
  providers: [RecommendationsService],
})
export class RecommendationsModule {}
