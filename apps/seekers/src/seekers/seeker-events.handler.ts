import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PlacementCancelled, PlacementHired, PlacementReturned, Topics, WalkInRegistrationRequested } from '@jobfair/contracts';
import { EventBatch, EventDispatcher, ReceivedDataKeys, WALK_IN_DATA_KEYS, dataKeyHandlers, on } from '@jobfair/messaging';
import { SeekersService } from './seekers.service';

/** What other services tell the seekers: placements hold and release them, fairs bring walk-ins (and their keys). */
@Controller()
export class SeekerEventsHandler {
  constructor(
    private readonly events: EventDispatcher,
    private readonly seekers: SeekersService,
    private readonly walkInKeys: ReceivedDataKeys,
  ) {
    walkInKeys.deliverWaitingTo(this.walkInHandlers());
  }

  /** Walk-in requests that came before their key are handled by the same handler once it has come. */
  private walkInHandlers() {
    return [on(WalkInRegistrationRequested, (e) => this.seekers.registerWalkIn(e))];
  }

  @EventPattern(Topics.placement)
  onPlacement(@Payload() batch: EventBatch) {
    const apply = (e: Parameters<SeekersService['applyPlacement']>[0]) => this.seekers.applyPlacement(e);
    return this.events.dispatch(batch, [on(PlacementHired, apply), on(PlacementCancelled, apply), on(PlacementReturned, apply)]);
  }

  @EventPattern(Topics.attendance)
  onAttendance(@Payload() batch: EventBatch) {
    return this.events.dispatch(batch, this.walkInHandlers());
  }

  @EventPattern(Topics.walkInKey)
  onWalkInKey(@Payload() batch: EventBatch) {
    return this.events.dispatch(batch, dataKeyHandlers(WALK_IN_DATA_KEYS, this.walkInKeys));
  }
}
