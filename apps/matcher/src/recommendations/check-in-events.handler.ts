import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SeekerCheckedIn, Topics } from '@jobfair/contracts';
import { EventBatch, EventDispatcher, onBatch } from '@jobfair/messaging';
import { RecommendationsService } from './recommendations.service';

/** The matcher's one consumer of the attendance topic: a check-in makes a member of the fair and their recommendations. */
@Controller()
export class CheckInEventsHandler {
  constructor(
    private readonly events: EventDispatcher,
    private readonly recommendations: RecommendationsService,
  ) {}

  @EventPattern(Topics.attendance)
  onAttendance(@Payload() batch: EventBatch) {
    return this.events.dispatch(batch, [onBatch(SeekerCheckedIn, (events) => this.recommendations.onCheckIns(events))]);
  }
}
