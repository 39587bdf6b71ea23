import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
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
import { EventBatch, EventDispatcher, on } from '@jobfair/messaging';
import { OpeningsService } from './openings.service';

/** What other services tell the openings: hires fill them, fairs list them at booths. */
@Controller()
export class OpeningEventsHandler {
  constructor(
    private readonly events: EventDispatcher,
    private readonly openings: OpeningsService,
  ) {}

  @EventPattern(Topics.placement)
  onPlacement(@Payload() batch: EventBatch) {
    const apply = (e: Parameters<OpeningsService['applyPlacement']>[0]) => this.openings.applyPlacement(e);
    return this.events.dispatch(batch, [on(PlacementHired, apply), on(PlacementCancelled, apply)]);
  }

  @EventPattern(Topics.fair)
  onFair(@Payload() batch: EventBatch) {
    const record = (e: Parameters<OpeningsService['recordBooths']>[0]) => this.openings.recordBooths(e);
    return this.events.dispatch(batch, [
      on(FairScheduled, record),
      on(BoothSetUp, record),
      on(BoothReduced, record),
      on(FairOpened, record),
      on(FairClosed, record),
    ]);
  }
}
