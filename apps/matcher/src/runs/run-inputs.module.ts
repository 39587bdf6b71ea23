import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { RunInput, RunInputSchema } from './run-input.schema';
import { RunInputsService } from './run-inputs.service';

/** Runs' recorded inputs: written by runs, read to recompute them and for what-ifs, cleared of a person by erasure. */
@Module({
  imports: [MongooseModule.forFeature([{ name: RunInput.name, schema: RunInputSchema }])],
  providers: [RunInputsService],
  exports: [RunInputsService],
})
export class RunInputsModule {}
