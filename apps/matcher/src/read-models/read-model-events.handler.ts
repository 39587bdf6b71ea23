import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import {
  BoothReduced,
  BoothSetUp,
  FairClosed,
  FairOpened,
  FairScheduled,
  OpeningClosed,
  OpeningPosted,
  OpeningUpdated,
  SeekerErased,
  SeekerRegistered,
  SeekerUpdated,
  Topics,
} from '@jobfair/contracts';
import { EventDispatcher, on } from '@jobfair/messaging';
import { ReadModelsService } from './read-models.service';

/**
 * The one consumer of each topic the matcher reads (Nest runs every handler of a
 * pattern, so a second handler would validate and dead-letter a message twice);
 * check-ins are consumed by the recommendations, which record the membership here.
 */
@Controller()
export class ReadModelEventsHandler {
  constructor(
    private readonly events: EventDispatcher,
    private readonly readModels: ReadModelsService,
  ) {}

  @EventPattern(Topics.opening)
  onOpening(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    const apply = (e: Parameters<ReadModelsService['applyOpening']>[0]) => this.readModels.applyOpening(e);
    return this.events.dispatch(context, payload, [on(OpeningPosted, apply), on(OpeningUpdated, apply), on(OpeningClosed, apply)]);
  }

  @EventPattern(Topics.seeker)
  onSeeker(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    const apply = (e: Parameters<ReadModelsService['applySeeker']>[0]) => this.readModels.applySeeker(e);
    return this.events.dispatch(context, payload, [
      on(SeekerRegistered, apply),
      on(SeekerUpdated, apply),
      on(SeekerErased, (e) => this.readModels.eraseSeeker(e)),
    ]);
  }

  @EventPattern(Topics.fair)
  onFair(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    const apply = (e: Parameters<ReadModelsService['applyFair']>[0]) => this.readModels.applyFair(e);
    return this.events.dispatch(context, payload, [
      on(FairScheduled, apply),
      on(FairOpened, apply),
      on(FairClosed, apply),
      on(BoothSetUp, apply),
      on(BoothReduced, apply),
    ]);
  }
}
