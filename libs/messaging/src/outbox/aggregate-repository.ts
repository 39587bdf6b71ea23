import type { FilterQuery, Model, UpdateQuery } from 'mongoose';
import type { EventContract, EventEnvelope } from '@jobfair/contracts';
import { newEvent } from '../new-event';
import { traceCarrier } from '../trace-context';
import { AggregateDocument, OutboxEntry } from './aggregate.schema';
import { OutboxRelay } from './outbox-relay';

/** How many times a command is re-read and re-applied when another writer changed the aggregate first. */
const CONFLICT_RETRIES = 5;

export interface AggregateWriteOptions {
  correlationId?: string;
}

export interface AggregateUpdateOptions<D> extends AggregateWriteOptions {
  /**
   * More the stored document must match for the write to happen, for fields written without a
   * version (a lease): when it no longer matches, the command is re-read and decided again.
   */
  where?: FilterQuery<D>;
  /**
   * The document as the caller has just read it (without its outbox): the first attempt decides
   * on it instead of reading it again. A stale one costs nothing but the retry its version causes.
   */
  current?: D;
}

/**
 * Writes an aggregate and the event describing its new state in one document write
 * (the outbox), guarded by the aggregate version, then asks the relay to publish in
 * the background (a new aggregate is written already leased to the relay, which sends it
 * as written): a command answers once its document is stored, whatever Kafka is
 * doing (a stalled broker delays the event, never the answer). Each service has one
 * per aggregate type; the snapshot function decides what of the state travels in events
 * (it may be async: sealing personal data reads the subject's key).
 */
export class AggregateRepository<D extends AggregateDocument, S extends object> {
  /** The `source` of its events: the service this process is, as its relay knows. */
  private readonly source: string;

  constructor(
    readonly model: Model<D>,
    private readonly relay: OutboxRelay,
    private readonly snapshot: (state: D) => S | Promise<S>,
  ) {
    this.source = relay.service;
    relay.watch(model);
  }

  async create(state: Omit<D, 'version' | 'outbox'>, contract: EventContract<S>, options: AggregateWriteOptions = {}): Promise<D> {
    const doc = { ...state, version: 1 } as D;
    const event = newEvent(contract, {
      source: this.source,
      aggregateId: doc._id,
      aggregateVersion: 1,
      data: await this.snapshot(doc),
      correlationId: options.correlationId,
    });
    const held = { _id: doc._id, outbox: [outboxEntry(event)], outboxLease: this.relay.leaseForNew() };
    await this.model.create({ ...doc, ...held });
    this.relay.publishSoon(this.model, [], [held]);
    return doc;
  }

  /** Creates many aggregates, each with its first event, in one bulk insert; the relay publishes them in one pass. */
  async createMany(states: Omit<D, 'version' | 'outbox'>[], contract: EventContract<S>, options: AggregateWriteOptions = {}): Promise<D[]> {
    const docs = states.map((state) => ({ ...state, version: 1 }) as D);
    const withEvents = await Promise.all(
      docs.map(async (doc) => ({
        ...doc,
        outbox: [
          outboxEntry(
            newEvent(contract, {
              source: this.source,
              aggregateId: doc._id,
              aggregateVersion: 1,
              data: await this.snapshot(doc),
              correlationId: options.correlationId,
            }),
          ),
        ],
      })),
    );
    // Not leased in the write, unlike `create`: when the insert stops half-way, what it stored is the sweep's at once.
    await this.model.insertMany(withEvents, { ordered: true, lean: true });
    this.relay.publishSoon(
      this.model,
      docs.map((doc) => doc._id),
    );
    return docs;
  }

  /**
   * Applies `decide` to the current state and stores the result if nobody wrote in
   * between; on a concurrent write it re-reads and decides again. `decide` returns the
   * changes and the event, or null when there is nothing to do; it may throw an
   * HttpException to refuse the command.
   */
  async update(
    id: string,
    decide: (current: D) => { set: Partial<D>; event: EventContract<S>; extra?: UpdateQuery<D> } | null,
    options: AggregateUpdateOptions<D> = {},
  ): Promise<D | null> {
    for (let attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
      const current =
        attempt === 0 && options.current ? options.current : ((await this.model.findById(id, { outbox: 0 }).lean()) as D | null);
      if (!current) return null;
      const decision = decide(current);
      if (!decision) return current;
      const next = { ...current, ...decision.set, version: current.version + 1 } as D;
      const event = newEvent(decision.event, {
        source: this.source,
        aggregateId: id,
        aggregateVersion: next.version,
        data: await this.snapshot(next),
        correlationId: options.correlationId,
      });
      const written = await this.model.updateOne(
        { ...(options.where ?? {}), _id: id, version: current.version } as never,
        {
          ...(decision.extra ?? {}),
          $set: { ...decision.set, version: next.version },
          $push: { outbox: outboxEntry(event) },
        } as UpdateQuery<D>,
      );
      if (written.modifiedCount === 1) {
        this.relay.publishSoon(this.model, [id]);
        return next;
      }
    }
    throw new AggregateConflictError(`${this.model.modelName} ${id} kept changing; try again`);
  }
}

export class AggregateConflictError extends Error {}

/** The event as its outbox keeps it: with the trace of the write, when there is one. */
function outboxEntry(event: EventEnvelope<object>): OutboxEntry {
  const trace = traceCarrier();
  return Object.keys(trace).length ? { ...event, trace } : event;
}
