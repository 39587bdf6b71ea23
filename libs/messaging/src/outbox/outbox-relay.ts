import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AsyncLocalStorage } from 'async_hooks';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@jobfair/contracts';
import { EventPublisher } from '../event-publisher';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';

type OutboxModel = Model<{ _id: string; outbox: EventEnvelope<object>[] }>;

/** Documents swept per model and interval; the rest wait for the next sweep. */
const SWEEP_BATCH = 500;

/**
 * Publishes the events waiting in aggregates' outboxes: right after each write
 * (`flush`) and on an interval (`sweep`), so a crash or a broker outage between the
 * write and the publish delays an event but never loses it. An event is removed
 * from the outbox only after Kafka acknowledged it; a duplicate publish is possible
 * and harmless, because consumers apply events idempotently.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models = new Set<OutboxModel>();
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  /** Documents being published right now: the sweep leaves them alone, a second flush waits its turn. */
  private readonly inFlight = new Map<string, Promise<boolean>>();
  /** Publishes started by `publishSoon`, awaited on shutdown. */
  private readonly background = new Set<Promise<boolean>>();
  /** Inside `inOneBatch`: the documents written so far, published together at its end. */
  private readonly batch = new AsyncLocalStorage<Map<Model<any>, Set<string>>>();

  constructor(
    private readonly publisher: EventPublisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** Registers a collection whose documents carry an outbox, so the sweep covers it. */
  watch(model: Model<any>): void {
    this.models.add(model as OutboxModel);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.options.outboxSweepMs);
    this.timer.unref();
  }

  /**
   * Runs many commands and publishes all their events in one pass at the end (one Kafka
   * batch instead of one round trip each), e.g. an offline upload of 500 check-ins.
   */
  async inOneBatch<T>(work: () => Promise<T>): Promise<T> {
    const written = new Map<Model<any>, Set<string>>();
    try {
      return await this.batch.run(written, work);
    } finally {
      for (const [model, ids] of written) this.publishSoon(model, [...ids]);
    }
  }

  /**
   * Starts publishing the documents' pending events without waiting for Kafka: the
   * caller (an HTTP request) answers once its write is stored. What fails stays for the sweep.
   */
  publishSoon(model: Model<any>, ids: string[]): void {
    const batch = this.batch.getStore();
    if (batch) {
      const pending = batch.get(model) ?? new Set<string>();
      for (const id of ids) pending.add(id);
      batch.set(model, pending);
      return;
    }
    const publishing = ids.length === 1 ? this.flush(model, ids[0]) : this.flushMany(model, ids);
    this.background.add(publishing);
    void publishing.finally(() => this.background.delete(publishing));
  }

  /**
   * Publishes one document's pending events, one flush per document at a time (so this
   * process does not publish an event twice). Never throws: what fails stays for the sweep.
   */
  flush(model: Model<any>, id: string): Promise<boolean> {
    const key = `${model.modelName}:${id}`;
    const current = (this.inFlight.get(key) ?? Promise.resolve(true)).then(() => this.publishPending(model, id));
    this.inFlight.set(key, current);
    void current.finally(() => this.inFlight.get(key) === current && this.inFlight.delete(key));
    return current;
  }

  private async publishPending(model: Model<any>, id: string): Promise<boolean> {
    try {
      const doc = await (model as OutboxModel).findById(id, { outbox: 1 }).lean();
      const pending = doc?.outbox ?? [];
      if (!pending.length) return true;
      await this.publisher.publish(pending);
      await (model as OutboxModel).updateOne({ _id: id }, { $pull: { outbox: { id: { $in: pending.map((e) => e.id) } } } });
      return true;
    } catch (error) {
      this.logger.warn(`outbox of ${model.modelName} ${id} not published yet (${(error as Error).message}); the sweep retries`);
      return false;
    }
  }

  /**
   * Publishes the pending events of many documents at once (one read, one Kafka batch,
   * one bulk write): for commands that create many aggregates, e.g. a matching run's matches.
   */
  async flushMany(model: Model<any>, ids: string[]): Promise<boolean> {
    try {
      for (let start = 0; start < ids.length; start += SWEEP_BATCH) {
        const docs = await (model as OutboxModel)
          .find({ _id: { $in: ids.slice(start, start + SWEEP_BATCH) } }, { outbox: 1 })
          .lean();
        const pending = docs.filter((doc) => doc.outbox?.length);
        if (!pending.length) continue;
        await this.publisher.publish(pending.flatMap((doc) => doc.outbox));
        await (model as OutboxModel).bulkWrite(
          pending.map((doc) => ({
            updateOne: { filter: { _id: doc._id }, update: { $pull: { outbox: { id: { $in: doc.outbox.map((e) => e.id) } } } } },
          })),
        );
      }
      return true;
    } catch (error) {
      this.logger.warn(`outbox of ${ids.length} ${model.modelName} documents not published yet (${(error as Error).message}); the sweep retries`);
      return false;
    }
  }

  /** One pass over every watched collection; overlapping calls share the pass in progress. */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** Stops the interval and publishes what is left: called on shutdown, before the database closes. */
  async drain(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.background);
    await this.sweep();
  }

  private async sweepOnce(): Promise<void> {
    for (const model of this.models) {
      let docs: { _id: string }[];
      try {
        docs = await model.find({ 'outbox.0': { $exists: true } }, { _id: 1 }).limit(SWEEP_BATCH).lean();
      } catch (error) {
        this.logger.warn(`outbox sweep of ${model.modelName} failed: ${(error as Error).message}`);
        continue;
      }
      const idle = docs.map((doc) => doc._id).filter((id) => !this.inFlight.has(`${model.modelName}:${id}`));
      if (idle.length && !(await this.flushMany(model, idle))) return; // the broker is away: next interval
    }
  }
}
