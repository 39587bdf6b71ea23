import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NameBirthKey, NameBirthKeySchema, Seeker, SeekerSchema, WalkInAnswer, WalkInAnswerSchema } from './seeker.schema';
import { SeekerEventsHandler } from './seeker-events.handler';
import { SeekersController } from './seekers.controller';
import { SeekersService } from './seekers.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Seeker.name, schema: SeekerSchema },
      { name: NameBirthKey.name, schema: NameBirthKeySchema },
      { name: WalkInAnswer.name, schema: WalkInAnswerSchema },
    ]),
  ],
  controllers: [SeekersController, SeekerEventsHandler],
  providers: [SeekersService],
})
export class SeekersModule {}
