import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OpeningEventsHandler } from './opening-events.handler';
import { Opening, OpeningSchema } from './opening.schema';
import { OpeningsService } from './openings.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Opening.name, schema: OpeningSchema }])],
  controllers: [OpeningEventsHandler],
  providers: [OpeningsService],
  exports: [OpeningsService],
})
export class OpeningsModule {}
