import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AsyncLocalStorage } from 'async_hooks';
import { randomUUID } from 'crypto';
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type { Model } from 'mongoose';
import { EventPublisher, UnpublishableEventError, refusedForItsMessages, toKafkaMessage } from '../event-publisher';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { publishedEvents } from '../metrics';
import type { OutboxEntry, OutboxLease } from './aggregate.schema';

interface OutboxDoc {
  _id: string;
  outbox: OutboxEntry[];
  outboxLease?: OutboxLease;
}

/**
 * A document this relay holds: claimed in a pass, or created by this process with a lease from
 * `leaseForNew` in the same write (its pass then sends it as written, without a claim or a read).
 */
export type HeldOutboxDoc = OutboxDoc & { outboxLease: HeldLease };

/** A lease under this relay's claim. */
type HeldLease = OutboxLease & { claim: string };

/** What Kafka counts beyond key and value for a record (headers' names, offsets, lengths): a safe upper bound. */
const RECORD_OVERHEAD_BYTES = 128;

/** Documents of one collection written and not yet given to a pass. */
interface Written {
  /** Documents to claim first. */
  waiting: Set<string>;
  /** Documents created here (see `leaseForNew`), as written: a pass needs neither a claim nor a read for them. */
  created: Map<string, HeldOutboxDoc>;
}

function noWrites(): Written {
  return { waiting: new Set(), created: new Map() };
}

function note(written: Written, ids: string[], created: HeldOutboxDoc[]): void {
  for (const id of ids) written.waiting.add(id);
  for (const doc of created) written.created.set(doc._id, doc);
}

/** A collection's documents waiting for this process's next publish pass, and the passes. */
interface PublishQueue extends Written {
  /** The documents of the pass running now. */
  sending: Set<string>;
  running?: Promise<boolean>;
  /** The pass that takes `waiting` once `running` ends. */
  next?: Promise<boolean>;
}

/** One event ready to go, with the document it leaves and its size on the wire. */
interface Pending {
  doc: OutboxDoc;
  event: OutboxEntry;
  bytes: number;
}

function recordBytes(event: OutboxEntry): number {
  const message = toKafkaMessage(event);
  const headers = Object.entries(message.headers ?? {}).reduce((sum, [k, v]) => sum + k.length + Buffer.byteLength(String(v ?? '')), 0);
  return Buffer.byteLength(String(message.value)) + Buffer.byteLength(String(message.key)) + headers + RECORD_OVERHEAD_BYTES;
}

/**
 * Publishes the events waiting in aggregates' outboxes: right after each write (in the
 * background) and on an interval (the sweep), so a crash or a broker outage between the
 * write and the publish delays an event but never loses it.
 *
 * - A relay first claims a document with a lease, in one conditional write: two relays
 *   (this process's flush and sweep, or two instances of a service) never send the
 *   same aggregate's events at the same time, so its events reach the wire in version
 *   order. The lease is renewed while a send lasts; a crashed relay's lease expires.
 * - Events are sent in batches bounded in count and bytes (below the broker's limits)
 *   and removed from the outbox once Kafka acknowledged them, in the same write that
 *   ends the lease.
 * - A document whose events Kafka refuses (too large, no contract) is set aside with a
 *   doubling wait and does not stop the others; a broker that is away ends the pass.
 * A duplicate publish stays possible (an acknowledgement lost) and is harmless:
 * consumers apply events idempotently.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models = new Set<Model<any>>();
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  /** This process's publish passes per collection, one at a time (see `enqueue`). */
  private readonly queues = new Map<Model<any>, PublishQueue>();
  /** Publishes started by `publishSoon`, awaited on shutdown. */
  private readonly background = new Set<Promise<boolean>>();
  /** Inside `inOneBatch`: the documents written so far, published together at its end. */
  private readonly batch = new AsyncLocalStorage<Map<Model<any>, Written>>();

  constructor(
    private readonly publisher: EventPublisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** The service whose outboxes this relays (the source of their events). */
  get service(): string {
    return this.options.service;
  }

  /** Registers a collection whose documents carry an outbox, so the sweep covers it. */
  watch(model: Model<any>): void {
    this.models.add(model);
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
    const written = new Map<Model<any>, Written>();
    try {
      return await this.batch.run(written, work);
    } finally {
      for (const [model, { waiting, created }] of written) this.publishSoon(model, [...waiting], [...created.values()]);
    }
  }

  /**
   * The lease a new document is created with (its `outboxLease`): this relay holds it from the
   * write on, so that the pass `publishSoon` starts for it sends its events without a claim and a
   * read first. Until the pass settles it no other relay sends them; should this process die in
   * between, they wait for the lease to expire (OUTBOX_LEASE_MS), as a crash during any pass does.
   */
  leaseForNew(): HeldLease {
    return { claim: randomUUID(), until: new Date(Date.now() + this.options.outbox.leaseMs) };
  }

  /**
   * Starts publishing the documents' pending events without waiting for Kafka: the
   * caller (an HTTP request) answers once its write is stored. What fails stays for the sweep.
   * `created`: documents just created with a lease from `leaseForNew`, as they were written.
   */
  publishSoon(model: Model<any>, ids: string[], created: HeldOutboxDoc[] = []): void {
    const batch = this.batch.getStore();
    if (batch) {
      const pending = batch.get(model) ?? noWrites();
      note(pending, ids, created);
      batch.set(model, pending);
      return;
    }
    const publishing = this.enqueue(model, ids, created);
    this.background.add(publishing);
    void publishing.finally(() => this.background.delete(publishing));
  }

  /** Publishes one document's pending events in this process's next pass over its collection. Never throws. */
  flush(model: Model<any>, id: string): Promise<boolean> {
    return this.enqueue(model, [id]);
  }

  /**
   * Group commit: a collection has at most one publish pass running in this process, and
   * the documents written meanwhile wait for the next one, which takes them all. Under load
   * many writes then share one claim, one Kafka request and one settle instead of paying
   * three database round trips and a broker round trip each; when idle a pass starts at
   * once. One pass at a time also keeps a document's writes in order: its next events go
   * after the previous ones. True when the pass found the broker (and the database) there.
   */
  private enqueue(model: Model<any>, ids: string[], created: HeldOutboxDoc[] = []): Promise<boolean> {
    let queue = this.queues.get(model);
    if (!queue) this.queues.set(model, (queue = { ...noWrites(), sending: new Set() }));
    note(queue, ids, created);
    queue.next ??= this.nextPass(model, queue);
    return queue.next;
  }

  /** The pass that starts when the running one ends and takes every document waiting by then. */
  private nextPass(model: Model<any>, queue: PublishQueue): Promise<boolean> {
    const pass: Promise<boolean> = (queue.running ?? Promise.resolve(true)).then(async () => {
      queue.running = pass;
      queue.next = undefined;
      const created = queue.created;
      // A document written again since it was created: this pass sends what it was created with,
      // the next one (after this one has given up its lease) claims it for the rest.
      const writtenAgain = [...queue.waiting].filter((id) => created.has(id));
      queue.sending = new Set([...queue.waiting, ...created.keys()]);
      Object.assign(queue, noWrites());
      try {
        const ids = [...queue.sending].filter((id) => !created.has(id));
        const sent = (await this.relay(model, ids, [...created.values()])) !== undefined;
        if (sent && writtenAgain.length) void this.enqueue(model, writtenAgain);
        return sent;
      } finally {
        queue.sending = new Set();
        if (queue.running === pass) queue.running = undefined;
      }
    });
    return pass;
  }

  /** One pass over every watched collection; overlapping calls share the pass in progress. */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** What waits in each watched collection's outboxes: how many events, and since when (for the metrics). */
  async pending(): Promise<{ collection: string; events: number; oldest?: Date }[]> {
    return Promise.all(
      [...this.models].map(async (model) => {
        const docs = await outboxOf(model)
          .find({ 'outbox.0': { $exists: true } }, { projection: { 'outbox.occurredAt': 1 } })
          .toArray();
        let events = 0;
        let oldest: number | undefined;
        for (const event of docs.flatMap((doc) => doc.outbox)) {
          events++;
          const at = Date.parse(event.occurredAt);
          if (oldest === undefined || at < oldest) oldest = at;
        }
        return { collection: model.collection.collectionName, events, oldest: oldest === undefined ? undefined : new Date(oldest) };
      }),
    );
  }

  /** Stops the interval and publishes what is left: called on shutdown, before the database closes. */
  async drain(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.background);
    await this.sweep();
  }

  /** Page by page until nothing is left that this relay can claim: a backlog drains in one pass. */
  private async sweepOnce(): Promise<void> {
    const page = this.options.outbox.batchMaxMessages;
    for (const model of this.models) {
      for (;;) {
        let ids: string[];
        let found: number;
        try {
          const docs = await outboxOf(model)
            .find({ 'outbox.0': { $exists: true }, ...claimable(new Date()) }, { projection: { _id: 1 } })
            .limit(page)
            .toArray();
          found = docs.length;
          const queue = this.queues.get(model);
          ids = docs.map((doc) => doc._id).filter((id) => !queue?.waiting.has(id) && !queue?.sending.has(id));
        } catch (error) {
          this.logger.warn(`outbox sweep of ${model.modelName} failed: ${(error as Error).message}`);
          break;
        }
        if (!ids.length) break;
        const claimed = await this.relay(model, ids);
        if (claimed === undefined) return; // the broker is away: next interval
        // Claimed documents leave the claimable set (sent, or set aside); none claimed: the rest is another relay's.
        if (found < page || claimed === 0) break;
      }
    }
  }

  /**
   * Claims, sends and settles the documents, a bounded number at a time (with the ones created
   * here, already held): how many it claimed, or undefined when the broker (or the database) is
   * away, so the caller stops for now. Never throws.
   */
  private async relay(model: Model<any>, ids: string[], created: HeldOutboxDoc[] = []): Promise<number | undefined> {
    const size = this.options.outbox.batchMaxMessages;
    let claimed = 0;
    for (let start = 0; start < ids.length || start < created.length; start += size) {
      const chunk = ids.slice(start, start + size);
      let docs: HeldOutboxDoc[];
      try {
        docs = [...created.slice(start, start + size), ...(chunk.length ? await this.claim(model, chunk, randomUUID()) : [])];
      } catch (error) {
        this.logger.warn(`outbox of ${model.modelName} not claimed (${(error as Error).message}); the sweep retries`);
        return undefined;
      }
      if (!docs.length) continue;
      claimed += docs.length;
      // Renewed while the send lasts: a stalled broker must not let another relay send the same events meanwhile.
      const renewal = setInterval(() => void this.renew(model, docs), this.options.outbox.leaseMs / 3);
      try {
        if (!(await this.send(model, docs))) return undefined;
      } finally {
        clearInterval(renewal);
      }
    }
    return claimed;
  }

  /** One conditional write per document: only a document with events and no live lease is taken. */
  private async claim(model: Model<any>, ids: string[], claim: string): Promise<HeldOutboxDoc[]> {
    const now = new Date();
    const until = new Date(now.getTime() + this.options.outbox.leaseMs);
    const taken = (id: string) => ({ _id: id, 'outbox.0': { $exists: true }, ...claimable(now) });
    const lease = { $set: { 'outboxLease.claim': claim, 'outboxLease.until': until } };
    if (ids.length === 1) {
      // One document (a quiet moment's single write): claimed and read in one round trip.
      const doc = await outboxOf(model).findOneAndUpdate(taken(ids[0]), lease, {
        returnDocument: 'after',
        projection: { outbox: 1, outboxLease: 1 },
      });
      return doc ? [doc as HeldOutboxDoc] : [];
    }
    await outboxOf(model).bulkWrite(
      ids.map((id) => ({ updateOne: { filter: taken(id), update: lease } })) as AnyBulkWriteOperation<OutboxDoc>[],
      { ordered: false },
    );
    // Read back by claim: which documents this relay won (the others belong to another relay now). Filtered
    // here, not in the query: a query on `_id` alone is an index lookup on every database (the local one scans otherwise).
    const read = await outboxOf(model)
      .find({ _id: { $in: ids } }, { projection: { outbox: 1, outboxLease: 1 } })
      .toArray();
    return read.filter((doc): doc is HeldOutboxDoc => doc.outboxLease?.claim === claim);
  }

  /** Each document under the claim this pass holds on it (claimed in the pass, or created with it). */
  private async renew(model: Model<any>, docs: HeldOutboxDoc[]): Promise<void> {
    const until = new Date(Date.now() + this.options.outbox.leaseMs);
    await outboxOf(model)
      .bulkWrite(
        docs.map((doc) => ({ updateOne: { filter: heldBy(doc), update: { $set: { 'outboxLease.until': until } } } })),
        { ordered: false },
      )
      .catch((error: Error) => this.logger.warn(`outbox lease of ${model.modelName} not renewed: ${error.message}`));
  }

  /**
   * Sends the claimed documents' events in version order, in bounded batches; a batch
   * Kafka refuses is sent again document by document to find the one at fault. Then
   * settles every document: what went is removed, the lease ends. False: broker away.
   */
  private async send(model: Model<any>, docs: HeldOutboxDoc[]): Promise<boolean> {
    const sent = new Map<string, string[]>();
    const refused = new Map<string, string>();
    let brokerAway = false;
    const publish = async (events: Pending[]): Promise<boolean> => {
      try {
        await this.publisher.publish(events.map((p) => p.event));
        publishedEvents.inc({ collection: model.collection.collectionName }, events.length);
        for (const { doc, event } of events) sent.set(doc._id, [...(sent.get(doc._id) ?? []), event.id]);
        return true;
      } catch (error) {
        if (!refusedForItsMessages(error)) {
          this.logger.warn(`outbox of ${model.modelName} not published yet (${(error as Error).message}); the sweep retries`);
          brokerAway = true;
        } else if (new Set(events.map((p) => p.doc._id)).size === 1) {
          refused.set(events[0].doc._id, (error as Error).message);
        }
        return false;
      }
    };

    for (const batch of this.batches(docs, refused)) {
      // A document refused in an earlier batch sends nothing more: its later events would overtake the refused one.
      const live = batch.filter((p) => !refused.has(p.doc._id));
      if (!live.length || (await publish(live))) continue;
      if (brokerAway) break;
      for (const id of new Set(live.map((p) => p.doc._id))) {
        if (!(await publish(live.filter((p) => p.doc._id === id))) && brokerAway) break;
      }
      if (brokerAway) break;
    }
    await this.settle(model, docs, sent, refused).catch((error: Error) =>
      // The lease then expires; the sweep sends those events again (a harmless duplicate).
      this.logger.warn(`outbox of ${model.modelName} sent but not cleared (${error.message})`),
    );
    return !brokerAway;
  }

  /** The documents' events in version order, cut into batches of at most the configured count and bytes. */
  private batches(docs: OutboxDoc[], refused: Map<string, string>): Pending[][] {
    const { batchMaxMessages, batchMaxBytes } = this.options.outbox;
    const batches: Pending[][] = [];
    let current: Pending[] = [];
    let bytes = 0;
    for (const doc of docs) {
      for (const event of [...doc.outbox].sort((a, b) => a.aggregateVersion - b.aggregateVersion)) {
        const size = recordBytes(event);
        if (size > batchMaxBytes) {
          refused.set(
            doc._id,
            new UnpublishableEventError(`event ${event.id} is ${size} bytes, above OUTBOX_BATCH_MAX_BYTES ${batchMaxBytes}`).message,
          );
          break;
        }
        if (current.length === batchMaxMessages || bytes + size > batchMaxBytes) {
          batches.push(current);
          current = [];
          bytes = 0;
        }
        current.push({ doc, event, bytes: size });
        bytes += size;
      }
    }
    if (current.length) batches.push(current);
    return batches;
  }

  /** One write per document, under its claim: remove what went, end the lease, or set a refused one aside. */
  private async settle(model: Model<any>, docs: HeldOutboxDoc[], sent: Map<string, string[]>, refused: Map<string, string>) {
    const now = Date.now();
    const operations = docs.map((doc) => {
      const done = sent.get(doc._id) ?? [];
      const reason = refused.get(doc._id);
      const failures = (doc.outboxLease?.failures ?? 0) + 1;
      const wait = Math.min(this.options.outboxSweepMs * 2 ** failures, this.options.outbox.retryMaxMs);
      if (reason) {
        this.logger.error(
          `outbox of ${model.modelName} ${doc._id} refused by Kafka ${failures} time(s): ${reason}; next try in ${wait} ms`,
        );
      }
      return {
        updateOne: {
          filter: heldBy(doc),
          update: {
            ...(done.length ? { $pull: { outbox: { id: { $in: done } } } } : {}),
            ...(reason ? { $set: { outboxLease: { until: new Date(now + wait), failures } } } : { $unset: { outboxLease: '' } }),
          },
        },
      };
    });
    await outboxOf(model).bulkWrite(operations as AnyBulkWriteOperation<OutboxDoc>[], { ordered: false });
  }
}

/** The document, as long as it is still under this relay's claim. */
function heldBy(doc: HeldOutboxDoc): object {
  return { _id: doc._id, 'outboxLease.claim': doc.outboxLease.claim };
}

/** The raw collection: the relay's conditional writes go to the driver as written, nothing cast or stripped. */
function outboxOf(model: Model<any>): Collection<OutboxDoc> {
  return model.collection as unknown as Collection<OutboxDoc>;
}

/** No relay holds the document now (never claimed, released, or its lease expired). */
function claimable(now: Date): object {
  return { $or: [{ outboxLease: { $exists: false } }, { 'outboxLease.until': { $lte: now } }] };
}
