import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
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
  SeekersMerged,
  Topics,
} from '@jobfair/contracts';
import { EventBatch, EventDispatcher, ReceivedDataKeys, SEEKER_DATA_KEYS, dataKeyHandlers, on, onBatch } from '@jobfair/messaging';
import { ReadModelsService } from './read-models.service';
import { SeekerMerges } from './seeker-merges';

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
    private readonly merges: SeekerMerges,
  ) {
    seekerKeys.deliverWaitingTo(this.seekerHandlers());
  }

  /** Seeker events that came before their key are handled by the same handlers once it has come. */
  private seekerHandlers() {
    const apply = (events: Parameters<ReadModelsService['applySeekers']>[0]) => this.readModels.applySeekers(events);
    return [onBatch(SeekerRegistered, apply), onBatch(SeekerUpdated, apply)];
  }

  @EventPattern(Topics.opening)
  onOpening(@Payload() batch: EventBatch) {
    const apply = (events: Parameters<ReadModelsService['applyOpenings']>[0]) => this.readModels.applyOpenings(events);
    return this.events.dispatch(batch, [onBatch(OpeningPosted, apply), onBatch(OpeningUpdated, apply), onBatch(OpeningClosed, apply)]);
  }

  @EventPattern(Topics.seeker)
  onSeeker(@Payload() batch: EventBatch) {
    return this.events.dispatch(batch, [
      ...this.seekerHandlers(),
      on(SeekerErased, (e) => this.readModels.eraseSeeker(e)),
      on(SeekersMerged, (e) => this.merges.apply(e)),
    ]);
  }

  /** The keys that open seeker events (crypto-erasure): kept until the seeker is erased. */
  @EventPattern(Topics.seekerKey)
  onSeekerKey(@Payload() batch: EventBatch) {
    return this.events.dispatch(batch, dataKeyHandlers(SEEKER_DATA_KEYS, this.seekerKeys));
  }

  @EventPattern(Topics.fair)
  onFair(@Payload() batch: EventBatch) {
    const apply = (events: Parameters<ReadModelsService['applyFairs']>[0]) => this.readModels.applyFairs(events);
    return this.events.dispatch(batch, [
      onBatch(FairScheduled, apply),
      onBatch(FairOpened, apply),
      onBatch(FairClosed, apply),
      onBatch(BoothSetUp, apply),
      onBatch(BoothReduced, apply),
    ]);
  }
}
