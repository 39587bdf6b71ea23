import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { PlacementCancelled, PlacementHired, PlacementReturned, Topics, WalkInRegistrationRequested } from '@jobfair/contracts';
import { EventDispatcher, on } from '@jobfair/messaging';
import { SeekersService } from './seekers.service';

/** What other services tell the seekers: placements hold and release them, fairs bring walk-ins. */
@Controller()
export class SeekerEventsHandler {
  constructor(
    private readonly events: EventDispatcher,
    private readonly seekers: SeekersService,
  ) {}

  @EventPattern(Topics.placement)
  onPlacement(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    const apply = (e: Parameters<SeekersService['applyPlacement']>[0]) => this.seekers.applyPlacement(e);
    return this.events.dispatch(context, payload, [on(PlacementHired, apply), on(PlacementCancelled, apply), on(PlacementReturned, apply)]);
  }

  @EventPattern(Topics.attendance)
  onAttendance(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    return this.events.dispatch(context, payload, [on(WalkInRegistrationRequested, (e) => this.seekers.registerWalkIn(e))]);
  }
}
