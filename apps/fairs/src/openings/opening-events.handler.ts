import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OpeningClosed, OpeningPosted, OpeningUpdated, Topics } from '@jobfair/contracts';
import { EventBatch, EventDispatcher, on } from '@jobfair/messaging';
import { OpeningsService } from './openings.service';

/** Employers' openings, so a booth brings only open openings of its own employer. */
@Controller()
export class OpeningEventsHandler {
  constructor(
    private readonly events: EventDispatcher,
    private readonly openings: OpeningsService,
  ) {}

  @EventPattern(Topics.opening)
  onOpening(@Payload() batch: EventBatch) {
    const apply = (e: Parameters<OpeningsService['apply']>[0]) => this.openings.apply(e);
    return this.events.dispatch(batch, [on(OpeningPosted, apply), on(OpeningUpdated, apply), on(OpeningClosed, apply)]);
  }
}
