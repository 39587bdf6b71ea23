import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, SeekerErased, SeekerRegistered, SeekerSnapshot, SeekerUpdated, Topics } from '@jobfair/contracts';
import { EventBatch, EventDispatcher, on, onBatch } from '@jobfair/messaging';
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
  onSeeker(@Payload() batch: EventBatch) {
    const apply = async (events: EventEnvelope<SeekerSnapshot>[]) => {
      await this.seekers.applyAll(events);
      for (const event of events) await this.attendance.completeWalkIn(event);
    };
    return this.events.dispatch(batch, [
      onBatch(SeekerRegistered, apply),
      onBatch(SeekerUpdated, apply),
      on(SeekerErased, (e) => this.seekers.erase(e)),
    ]);
  }
}
