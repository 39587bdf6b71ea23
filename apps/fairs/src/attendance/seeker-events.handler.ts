import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { EventEnvelope, SeekerErased, SeekerRegistered, SeekerSnapshot, SeekerUpdated, Topics } from '@jobfair/contracts';
import { EventDispatcher, on } from '@jobfair/messaging';
import { SeekersService } from '../seekers/seekers.service';
import { AttendanceService } from './attendance.service';

/** Seekers as the seekers service tells them; a registration that answers a walk-in completes its check-in. */
@Controller()
export class SeekerEventsHandler {
  constructor(
    private readonly events: EventDispatcher,
    private readonly seekers: SeekersService,
    private readonly attendance: AttendanceService,
  ) {}

  @EventPattern(Topics.seeker)
  onSeeker(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    const apply = async (e: EventEnvelope<SeekerSnapshot>) => {
      await this.seekers.apply(e);
      await this.attendance.completeWalkIn(e);
    };
    return this.events.dispatch(context, payload, [
      on(SeekerRegistered, apply),
      on(SeekerUpdated, apply),
      on(SeekerErased, (e) => this.seekers.erase(e)),
    ]);
  }
}
