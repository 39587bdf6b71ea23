import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SeekerCheckedIn, SeekerPreRegistered, Topics } from '@jobfair/contracts';
import { EventBatch, EventDispatcher, onBatch } from '@jobfair/messaging';
import { ReadModelsService } from '../read-models/read-models.service';
import { RecommendationsService } from './recommendations.service';

/**
 * The matcher's one consumer of the attendance topic: a check-in makes a member of the fair and
 * their recommendations; a registration before the fair is kept for the funnel.
 */
@Controller()
export class CheckInEventsHandler {
  constructor(
    private readonly events: EventDispatcher,
    private readonly recommendations: RecommendationsService,
    private readonly readModels: ReadModelsService,
  ) {}

  @EventPattern(Topics.attendance)
  onAttendance(@Payload() batch: EventBatch) {
    return this.events.dispatch(batch, [
      onBatch(SeekerCheckedIn, (events) => this.recommendations.onCheckIns(events)),
      onBatch(SeekerPreRegistered, (events) => this.readModels.recordRegistrations(events)),
    ]);
  }
}
