import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { PlacementCancelled, PlacementHired, PlacementReturned, Topics, WalkInRegistrationRequested } from '@jobfair/contracts';
import { EventBatch, EventDispatcher, on } from '@jobfair/messaging';
import { SeekersService } from './seekers.service';

/** What other services tell the seekers: placements hold and release them, fairs bring walk-ins. */
@Controller()
export class SeekerEventsHandler {
  constructor(
    private readonly events: EventDispatcher,
    private readonly seekers: SeekersService,
  ) {}

  @EventPattern(Topics.placement)
  onPlacement(@Payload() batch: EventBatch) {
    const apply = (e: Parameters<SeekersService['applyPlacement']>[0]) => this.seekers.applyPlacement(e);
    return this.events.dispatch(batch, [on(PlacementHired, apply), on(PlacementCancelled, apply), on(PlacementReturned, apply)]);
  }

  @EventPattern(Topics.attendance)
  onAttendance(@Payload() batch: EventBatch) {
    return this.events.dispatch(batch, [on(WalkInRegistrationRequested, (e) => this.seekers.registerWalkIn(e))]);
  }
}
