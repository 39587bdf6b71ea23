import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OpeningsModule } from '../openings/openings.module';
import { Fair, FairSchema } from './fair.schema';
import { FairsController } from './fairs.controller';
import { FairsService } from './fairs.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Fair.name, schema: FairSchema }]), OpeningsModule],
  controllers: [FairsController],
  providers: [FairsService],
  exports: [FairsService],
})
export class FairsModule {}
