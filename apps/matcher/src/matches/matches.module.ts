import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ReadModelsModule } from '../read-models/read-models.module';
import { MatchingRun, MatchingRunSchema } from '../runs/matching-run.schema';
import { Match, MatchSchema } from './match.schema';
import { MatchesController } from './matches.controller';
import { MatchesService } from './matches.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Match.name, schema: MatchSchema },
      { name: MatchingRun.name, schema: MatchingRunSchema },
    ]),
    ReadModelsModule,
  ],
  controllers: [MatchesController],
  providers: [MatchesService],
  exports: [MatchesService],
})
export class MatchesModule {}
