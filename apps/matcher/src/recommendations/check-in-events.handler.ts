import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { SeekerCheckedIn, Topics } from '@jobfair/contracts';
import { EventDispatcher, on } from '@jobfair/messaging';
import { RecommendationsService } from './recommendations.service';

/** The matcher's one consumer of the attendance topic: a check-in makes a member of the fair and their recommendations. */
@Controller()
export class CheckInEventsHandler {
  constructor(
    private readonly events: EventDispatcher,
    private readonly recommendations: RecommendationsService,
  ) {}

  @EventPattern(Topics.attendance)
  onAttendance(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    return this.events.dispatch(context, payload, [on(SeekerCheckedIn, (e) => this.recommendations.onCheckIn(e))]);
  }
}
