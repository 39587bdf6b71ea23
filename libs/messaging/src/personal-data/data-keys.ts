import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { SchemaTypes } from 'mongoose';
import { SeekerDataKeyIssued, SeekerDataKeyShredded, WalkInDataKeyIssued, WalkInDataKeyShredded } from '@jobfair/contracts';
import type { DataKeyIssue, DataKeyShredding, EventContract, EventEnvelope, SealedPersonalData } from '@jobfair/contracts';
import { HandlerEntry, onBatch } from '../consumer/event-dispatcher';
import { isDuplicateKeyError } from '../duplicate-key';
import { bulkWriteIgnoringDuplicates } from '../read-model';
import { AggregateRepository } from '../outbox/aggregate-repository';
import { AggregateDocument } from '../outbox/aggregate.schema';
import { OutboxRelay } from '../outbox/outbox-relay';
import { newDataKey, seal, unseal, unwrapKey, wrapKey } from './sealing';

/** Whose data keys: the topic that carries them and where a service keeps them (its own database). */
export interface DataKeyKind {
  /** The owner's keys as this service keeps them, issued or received. */
  collection: string;
  issued: EventContract<DataKeyIssue>;
  shredded: EventContract<DataKeyShredding>;
}

/** A subject's data key where its owner keeps it: an aggregate whose events (issued, shredded) go to the key topic. */
@Schema({ versionKey: false, timestamps: true })
export class OwnedDataKey extends AggregateDocument {
  /** Wrapped with the key-encryption key; removed when the key is shredded. */
  @Prop({ type: SchemaTypes.Mixed }) wrappedKey?: SealedPersonalData;
  @Prop() shreddedAt?: string;
}
export const OwnedDataKeySchema = SchemaFactory.createForClass(OwnedDataKey);

/** A data key another service issued, as a reader keeps it (`_id` = the subject). */
@Schema({ versionKey: false })
export class ReceivedDataKey {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: SchemaTypes.Mixed }) wrappedKey?: SealedPersonalData;
  /** Set once shredded (the owner said so, or the subject was erased): the key never comes back. */
  @Prop() shreddedAt?: string;
  /** Set when an event came before the key and waits for it: the key's arrival then delivers it. */
  @Prop() awaitedSince?: string;
}
export const ReceivedDataKeySchema = SchemaFactory.createForClass(ReceivedDataKey);

/**
 * An event a reader could not open yet: its subject's key had not arrived (the key topic and the
 * data topic are separate partitions, with no order between them). Kept sealed, in the reader's
 * database, until the key comes; then it is handled as if it had just arrived.
 */
@Schema({ versionKey: false })
export class WaitingEvent {
  /** The event's id: a redelivery waits once. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) subjectId!: string;
  @Prop({ type: SchemaTypes.Mixed, required: true }) envelope!: EventEnvelope<object>;
}
export const WaitingEventSchema = SchemaFactory.createForClass(WaitingEvent);

/** Sealing for a subject whose key was shredded: the subject is erased, nothing may be sealed for it again. */
export class ShreddedKeyError extends Error {}

/** What a key's event carries: the wrapped key, or once shredded only the subject and when. */
function keyEvent(doc: OwnedDataKey): DataKeyIssue | DataKeyShredding {
  return doc.shreddedAt ? { subjectId: doc._id, shreddedAt: doc.shreddedAt } : { subjectId: doc._id, wrappedKey: doc.wrappedKey! };
}

/**
 * The keys an owner issues (crypto-erasure, docs/decisions/0005): one random key per subject,
 * created on the first seal, published wrapped on the compacted key topic so that readers can
 * open the subject's events, and shredded on erasure, which publishes the subject's last record
 * on that topic. The owner never needs to open its own events.
 */
export class OwnedDataKeys {
  private readonly keys: AggregateRepository<OwnedDataKey, DataKeyIssue | DataKeyShredding>;

  constructor(
    model: Model<OwnedDataKey>,
    relay: OutboxRelay,
    private readonly kind: DataKeyKind,
    private readonly kek: Buffer,
  ) {
    this.keys = new AggregateRepository(model, relay, keyEvent);
  }

  /** Seals the subject's fields under its key (made and published on first use); refuses once shredded. */
  async seal(subjectId: string, fields: object): Promise<SealedPersonalData> {
    return seal(fields, await this.key(subjectId), subjectId);
  }

  /** Destroys the subject's key here and tells the readers (idempotent): what was sealed under it is erased. */
  async shred(subjectId: string): Promise<void> {
    const shreddedAt = new Date().toISOString();
    const done = await this.keys.update(subjectId, (current) =>
      current.shreddedAt ? null : { set: { shreddedAt }, event: this.kind.shredded, extra: { $unset: { wrappedKey: 1 } } },
    );
    // Never sealed (erased before its first event): the readers still learn that nothing will follow.
    if (!done) await this.createIgnoringRace({ _id: subjectId, shreddedAt }, this.kind.shredded);
  }

  /** Of these subjects, those whose key exists and is not shredded yet. */
  async notShredded(subjectIds: string[]): Promise<string[]> {
    if (!subjectIds.length) return [];
    const live = await this.keys.model.find({ _id: { $in: subjectIds }, shreddedAt: { $exists: false } }, { _id: 1 }).lean();
    return live.map((key) => key._id);
  }

  private async key(subjectId: string): Promise<Buffer> {
    let stored = await this.keys.model.findById(subjectId, { outbox: 0 }).lean();
    if (!stored) {
      const fresh = newDataKey();
      // The first seal of a subject (each registration): its own key, with no second read.
      if (await this.createIgnoringRace({ _id: subjectId, wrappedKey: wrapKey(fresh, this.kek, subjectId) }, this.kind.issued))
        return fresh;
      stored = await this.keys.model.findById(subjectId, { outbox: 0 }).lean();
    }
    if (!stored?.wrappedKey) throw new ShreddedKeyError(`the data key of ${subjectId} is shredded: it was erased`);
    return unwrapKey(stored.wrappedKey, this.kek, subjectId);
  }

  /** Two first seals (or a seal and a shred) at once: the one stored first wins, the other reads it. True when this one won. */
  private async createIgnoringRace(
    state: Partial<OwnedDataKey> & { _id: string },
    event: EventContract<DataKeyIssue | DataKeyShredding>,
  ): Promise<boolean> {
    try {
      await this.keys.create(state as OwnedDataKey, event);
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return false;
    }
  }
}

/** What a reader finds for a subject: its fields; `erased` once the key is shredded; `waiting` for the key (the event is kept). */
export type Opened<T> = { state: 'open'; fields: T } | { state: 'erased' } | { state: 'waiting' };

/**
 * The keys a reader (a centre-side consumer) received from an owner's key topic, kept in its own
 * database wrapped as they came, and deleted on the subject's erasure or the owner's shredding.
 * An event that comes before its key waits here (it is not retried in place: kafkajs fetches
 * nothing more from the broker while a handler waits, so the key could never arrive) and is
 * handed to the reader's handlers once the key has come.
 */
export class ReceivedDataKeys {
  private handlers: HandlerEntry[] = [];

  constructor(
    readonly model: Model<ReceivedDataKey>,
    private readonly waiting: Model<WaitingEvent>,
    private readonly kek: Buffer,
  ) {}

  /** Where waiting events go once their key has come: the reader's handlers of the sealed events. */
  deliverWaitingTo(handlers: HandlerEntry[]): void {
    this.handlers = handlers;
  }

  /**
   * Marks the subjects of events that already wait (kept before subjects were marked), so that
   * their keys' arrival delivers them: called once at start-up, before any key is received.
   */
  async markAwaited(): Promise<void> {
    const subjects: string[] = await this.waiting.distinct('subjectId');
    if (!subjects.length) return;
    const awaitedSince = new Date().toISOString();
    await bulkWriteIgnoringDuplicates(
      this.model,
      subjects.map((subjectId) => ({
        updateOne: { filter: { _id: subjectId }, update: { $setOnInsert: { awaitedSince } }, upsert: true },
      })),
    );
  }

  /**
   * A key topic's events, in order: each keeps its key, or destroys it for good (a key never
   * returns once shredded). Keys of distinct subjects (a registration each, the usual batch) are
   * kept in one write; anything else goes one by one. Only a key whose subject was already on
   * record (an event waits for it, or it came before) is looked for among the waiting events: a
   * registration's key, which comes first, costs one write.
   */
  async receive(events: EventEnvelope<DataKeyIssue | DataKeyShredding>[]): Promise<void> {
    const issued = events.filter((event) => !isShredding(event.data)).map((event) => event.data as DataKeyIssue);
    // Checked before any is kept: a key that does not open with this centre's key-encryption key is poison.
    for (const { wrappedKey, subjectId } of issued) unwrapKey(wrappedKey, this.kek, subjectId);
    if (issued.length < events.length || new Set(issued.map((key) => key.subjectId)).size < issued.length) {
      for (const { data } of events) await (isShredding(data) ? this.shred(data.subjectId, data.shreddedAt) : this.keep([data]));
      return;
    }
    await this.keep(issued);
  }

  private async keep(keys: DataKeyIssue[]): Promise<void> {
    // An upsert that meets the shredded record fails as a duplicate: that key stays destroyed.
    const { upsertedIndexes } = await bulkWriteIgnoringDuplicates(
      this.model,
      keys.map(({ subjectId, wrappedKey }) => ({
        updateOne: {
          filter: { _id: subjectId, shreddedAt: { $exists: false } },
          update: { $set: { wrappedKey: JSON.parse(JSON.stringify(wrappedKey)) }, $unset: { awaitedSince: 1 } },
          upsert: true,
        },
      })),
    );
    const known = keys.filter((_, index) => !upsertedIndexes.has(index));
    if (known.length) await this.deliverWaiting(known.map((key) => key.subjectId));
  }

  /** Erasure of the subject: the key goes (and what waited for it), a marker stays so that a late copy of the key is not kept. */
  async shred(subjectId: string, shreddedAt = new Date().toISOString()): Promise<void> {
    await this.model.updateOne({ _id: subjectId }, { $set: { shreddedAt }, $unset: { wrappedKey: 1, awaitedSince: 1 } }, { upsert: true });
    await this.waiting.deleteMany({ subjectId });
  }

  /**
   * Opens the subject's sealed fields of an event: `erased` once the key is shredded; `waiting`
   * while the key has not come, the event then kept until it does (the caller does nothing more).
   */
  async open<T extends object>(
    event: EventEnvelope<object>,
    subjectId: string,
    sealed: SealedPersonalData,
    type: new () => T,
  ): Promise<Opened<T>> {
    return this.openWith(await this.model.findById(subjectId).lean(), event, subjectId, sealed, type);
  }

  /** `open` with the subject's key as read (null: none yet). */
  private async openWith<T extends object>(
    stored: ReceivedDataKey | null,
    event: EventEnvelope<object>,
    subjectId: string,
    sealed: SealedPersonalData,
    type: new () => T,
  ): Promise<Opened<T>> {
    if (stored?.shreddedAt) return { state: 'erased' };
    if (stored?.wrappedKey)
      return { state: 'open', fields: unseal(sealed, unwrapKey(stored.wrappedKey, this.kek, subjectId), subjectId, type) };
    await this.waiting.updateOne(
      { _id: event.id },
      { $setOnInsert: { subjectId, envelope: JSON.parse(JSON.stringify(event)) } },
      { upsert: true },
    );
    // Marked after the event is kept: the key's arrival finds the mark and delivers. A key that came
    // between the read and this write found nothing to deliver: the mark finds it, and delivers here.
    const before = await this.markAwaitedOne(subjectId);
    if (before?.wrappedKey || before?.shreddedAt) await this.deliverWaiting([subjectId]);
    return { state: 'waiting' };
  }

  /** The subject's record as it was before the mark (null: there was none). */
  private async markAwaitedOne(subjectId: string): Promise<ReceivedDataKey | null> {
    const mark = () =>
      this.model
        .findOneAndUpdate(
          { _id: subjectId },
          { $setOnInsert: { awaitedSince: new Date().toISOString() } },
          { upsert: true, returnDocument: 'before' },
        )
        .lean<ReceivedDataKey>();
    try {
      return await mark();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return mark(); // marked (or kept) at the same moment by another handler: it exists now
    }
  }

  /**
   * The events of a batch that open, each with its fields; the others are of erased subjects, or
   * wait for their key. The batch's keys are read in one query.
   */
  async openEach<E extends EventEnvelope<{ id: string; personal: SealedPersonalData }>, T extends object>(
    events: E[],
    type: new () => T,
  ): Promise<{ event: E; fields: T }[]> {
    const subjects = [...new Set(events.map((event) => event.data.id))];
    const stored = new Map((await this.model.find({ _id: { $in: subjects } }).lean()).map((key) => [key._id, key]));
    const opened: { event: E; fields: T }[] = [];
    for (const event of events) {
      const result = await this.openWith(stored.get(event.data.id) ?? null, event, event.data.id, event.data.personal, type);
      if (result.state === 'open') opened.push({ event, fields: result.fields });
    }
    return opened;
  }

  /** Hands the subjects' waiting events (each subject's in version order) to their handlers, each removed once handled. */
  private async deliverWaiting(subjectIds: string[]): Promise<void> {
    const waiting = await this.waiting
      .find(subjectIds.length === 1 ? { subjectId: subjectIds[0] } : { subjectId: { $in: subjectIds } })
      .lean();
    waiting.sort((a, b) => a.envelope.aggregateVersion - b.envelope.aggregateVersion);
    for (const { _id, envelope } of waiting) {
      const handler = this.handlers.find(({ type }) => type === envelope.type);
      if (!handler) throw new Error(`no handler for the waiting ${envelope.type}: deliverWaitingTo was not called`);
      await handler.apply([envelope]);
      await this.waiting.deleteOne({ _id });
    }
  }
}

function isShredding(data: DataKeyIssue | DataKeyShredding): data is DataKeyShredding {
  return 'shreddedAt' in data && Boolean(data.shreddedAt);
}

/** A seeker's key: issued by the seekers service, read by fairs and the matcher (never by employers). */
export const SEEKER_DATA_KEYS: DataKeyKind = {
  collection: 'seeker_data_keys',
  issued: SeekerDataKeyIssued,
  shredded: SeekerDataKeyShredded,
};

/** A walk-in request's key: issued by the fairs service, read by the seekers service. */
export const WALK_IN_DATA_KEYS: DataKeyKind = {
  collection: 'walk_in_data_keys',
  issued: WalkInDataKeyIssued,
  shredded: WalkInDataKeyShredded,
};

/** The dispatcher's handlers of a key topic: every key event goes to the reader's keys. */
export function dataKeyHandlers(kind: DataKeyKind, keys: ReceivedDataKeys): HandlerEntry[] {
  const receive = (events: EventEnvelope<DataKeyIssue | DataKeyShredding>[]) => keys.receive(events);
  return [onBatch(kind.issued, receive), onBatch(kind.shredded, receive)];
}
