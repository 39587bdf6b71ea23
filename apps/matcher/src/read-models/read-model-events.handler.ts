import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import {
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
import { EventDispatcher, ReceivedDataKeys, SEEKER_DATA_KEYS, dataKeyHandlers, on } from '@jobfair/messaging';
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
    private readonly seekerKeys: ReceivedDataKeys,
  ) {
    seekerKeys.deliverWaitingTo(this.seekerHandlers());
  }

  /** Seeker events that came before their key are handled by the same handlers once it has come. */
  private seekerHandlers() {
    const apply = (e: Parameters<ReadModelsService['applySeeker']>[0]) => this.readModels.applySeeker(e);
    return [on(SeekerRegistered, apply), on(SeekerUpdated, apply)];
  }

  @EventPattern(Topics.opening)
  onOpening(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    const apply = (e: Parameters<ReadModelsService['applyOpening']>[0]) => this.readModels.applyOpening(e);
    return this.events.dispatch(context, payload, [on(OpeningPosted, apply), on(OpeningUpdated, apply), on(OpeningClosed, apply)]);
  }

  @EventPattern(Topics.seeker)
  onSeeker(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    return this.events.dispatch(context, payload, [...this.seekerHandlers(), on(SeekerErased, (e) => this.readModels.eraseSeeker(e))]);
  }

  /** The keys that open seeker events (crypto-erasure): kept until the seeker is erased. */
  @EventPattern(Topics.seekerKey)
  onSeekerKey(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    return this.events.dispatch(context, payload, dataKeyHandlers(SEEKER_DATA_KEYS, this.seekerKeys));
  }

  @EventPattern(Topics.fair)
  onFair(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    const apply = (e: Parameters<ReadModelsService['applyFair']>[0]) => this.readModels.applyFair(e);
    return this.events.dispatch(context, payload, [
      on(FairScheduled, apply),
      on(FairOpened, apply),
      on(FairClosed, apply),
      on(BoothSetUp, apply),
    ]);
  }
}
