import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MatchesModule } from '../matches/matches.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { MatchingRun, MatchingRunSchema } from './matching-run.schema';
import { RunInputsModule } from './run-inputs.module';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

@Module({
  imports: [
    MongooseModule.forFeature([{ name: MatchingRun.name, schema: MatchingRunSchema }]),
    ReadModelsModule,
    MatchesModule,
    RunInputsModule,
  ],
  controllers: [RunsController],
  providers: [RunsService],
})
export class RunsModule {}
