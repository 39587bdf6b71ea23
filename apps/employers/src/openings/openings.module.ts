import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EmployersModule } from '../employers/employers.module';
import { OpeningEventsHandler } from './opening-events.handler';
import { OpeningFill, OpeningFillSchema } from './opening-fill.schema';
import { Opening, OpeningSchema } from './opening.schema';
import { OpeningsController } from './openings.controller';
import { OpeningsService } from './openings.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Opening.name, schema: OpeningSchema },
      { name: OpeningFill.name, schema: OpeningFillSchema },
    ]),
    EmployersModule,
  ],
  controllers: [OpeningsController, OpeningEventsHandler],
  providers: [OpeningsService],
})
export class OpeningsModule {}
