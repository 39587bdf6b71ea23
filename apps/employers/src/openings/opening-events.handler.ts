import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import {
  BoothReduced,
  BoothSetUp,
  FairClosed,
  FairOpened,
  FairScheduled,
  PlacementCancelled,
  PlacementHired,
  Topics,
} from '@jobfair/contracts';
import { EventDispatcher, on } from '@jobfair/messaging';
import { OpeningsService } from './openings.service';

/** What other services tell the openings: hires fill them, fairs list them at booths. */
@Controller()
export class OpeningEventsHandler {
  constructor(
    private readonly events: EventDispatcher,
    private readonly openings: OpeningsService,
  ) {}

  @EventPattern(Topics.placement)
  onPlacement(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    const apply = (e: Parameters<OpeningsService['applyPlacement']>[0]) => this.openings.applyPlacement(e);
    return this.events.dispatch(context, payload, [on(PlacementHired, apply), on(PlacementCancelled, apply)]);
  }

  @EventPattern(Topics.fair)
  onFair(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    const record = (e: Parameters<OpeningsService['recordBooths']>[0]) => this.openings.recordBooths(e);
    return this.events.dispatch(context, payload, [
      on(FairScheduled, record),
      on(BoothSetUp, record),
      on(BoothReduced, record),
      on(FairOpened, record),
      on(FairClosed, record),
    ]);
  }
}
