import { Module, forwardRef } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReadModelsModule } from '../read-models/read-models.module';
import { SeekerRecommendations, SeekerRecommendationsSchema } from './recommendation.schema';
import { RecommendationsController } from './recommendations.controller';
import { RecommendationsService } from './recommendations.service';

/** Imports the read models, whose check-in handler calls back into it: hence forwardRef on both sides. */
@Module({
  imports: [
    MongooseModule.forFeature([{ name: SeekerRecommendations.name, schema: SeekerRecommendationsSchema }]),
    forwardRef(() => ReadModelsModule),
  ],
  controllers: [RecommendationsController],
  providers: [RecommendationsService],
  exports: [RecommendationsService],
})
export class RecommendationsModule {}
