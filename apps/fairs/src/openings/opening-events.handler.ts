import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { OpeningClosed, OpeningPosted, OpeningUpdated, Topics } from '@jobfair/contracts';
import { EventDispatcher, on } from '@jobfair/messaging';
import { OpeningsService } from './openings.service';

/** Employers' openings, so a booth brings only open openings of its own employer. */
@Controller()
export class OpeningEventsHandler {
  constructor(
    private readonly events: EventDispatcher,
    private readonly openings: OpeningsService,
  ) {}

  @EventPattern(Topics.opening)
  onOpening(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    const apply = (e: Parameters<OpeningsService['apply']>[0]) => this.openings.apply(e);
    return this.events.dispatch(context, payload, [on(OpeningPosted, apply), on(OpeningUpdated, apply), on(OpeningClosed, apply)]);
  }
}
