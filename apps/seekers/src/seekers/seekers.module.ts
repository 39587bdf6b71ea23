import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NameBirthKey, NameBirthKeySchema, Seeker, SeekerSchema } from './seeker.schema';
import { SeekerEventsHandler } from './seeker-events.handler';
import { SeekersController } from './seekers.controller';
import { SeekersService } from './seekers.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Seeker.name, schema: SeekerSchema },
      { name: NameBirthKey.name, schema: NameBirthKeySchema },
    ]),
  ],
  controllers: [SeekersController, SeekerEventsHandler],
  providers: [SeekersService],
})
export class SeekersModule {}
