import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  EventEnvelope,
  SealedSeekerSnapshot,
  SeekerErased,
  SeekerRegistered,
  SeekerUpdated,
  SeekersMerged,
  Topics,
} from '@jobfair/contracts';
import { EventBatch, EventDispatcher, ReceivedDataKeys, SEEKER_DATA_KEYS, dataKeyHandlers, on, onBatch } from '@jobfair/messaging';
import { SeekersService } from '../seekers/seekers.service';
import { AttendanceService } from './attendance.service';

/** Seekers as the seekers service tells them; a registration that answers a walk-in completes its check-in. */
@Controller()
export class SeekerEventsHandler {
  constructor(
    private readonly events: EventDispatcher,
    private readonly seekers: SeekersService,
    private readonly attendance: AttendanceService,
    private readonly seekerKeys: ReceivedDataKeys,
  ) {
    seekerKeys.deliverWaitingTo(this.seekerHandlers());
  }

  /** Seeker events that came before their key are handled by the same handlers once it has come. */
  private seekerHandlers() {
    const apply = async (events: EventEnvelope<SealedSeekerSnapshot>[]) => {
      await this.seekers.applyAll(events);
      for (const event of events) await this.attendance.completeWalkIn(event);
    };
    return [onBatch(SeekerRegistered, apply), onBatch(SeekerUpdated, apply)];
  }

  @EventPattern(Topics.seeker)
  onSeeker(@Payload() batch: EventBatch) {
    return this.events.dispatch(batch, [
      ...this.seekerHandlers(),
      on(SeekerErased, (e) => this.seekers.erase(e)),
      // The attendance moves first: a redelivery after a crash in between finishes both.
      on(SeekersMerged, async (e) => {
        await this.attendance.moveMerged(e);
        await this.seekers.forgetMerged(e);
      }),
    ]);
  }

  /** The keys that open seeker events (crypto-erasure): kept until the seeker is erased. */
  @EventPattern(Topics.seekerKey)
  onSeekerKey(@Payload() batch: EventBatch) {
    return this.events.dispatch(batch, dataKeyHandlers(SEEKER_DATA_KEYS, this.seekerKeys));
  }
}
