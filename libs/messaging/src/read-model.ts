import mongoose from 'mongoose';
import type { AnyBulkWriteOperation, Model } from 'mongoose';
import type { EventEnvelope } from '@jobfair/contracts';
import { isDuplicateKeyError } from './duplicate-key';

/**
 * Applies an event-carried snapshot to a read model only if it is newer than the one
 * held, in one conditional write: a redelivered or older event changes nothing.
 * Returns whether the event was applied.
 */
export async function applyIfNewer(model: Model<any>, envelope: EventEnvelope<object>, fields: Record<string, unknown>): Promise<boolean> {
  return (await applyAllIfNewer(model, [envelope], () => fields)) > 0;
}

/**
 * `applyIfNewer` for a batch, in one round trip: only each aggregate's latest event is
 * written (the earlier ones are superseded), each by `_id` and only if newer than the one
 * held, so the result is that of applying them one by one in any order. Returns how many
 * were applied: all of `latestPerAggregate(envelopes)` when none was stale.
 */
export async function applyAllIfNewer<T extends object>(
  model: Model<any>,
  envelopes: EventEnvelope<T>[],
  fields: (envelope: EventEnvelope<T>) => Record<string, unknown>,
): Promise<number> {
  const { modified, upserted } = await bulkWriteIgnoringDuplicates(
    model,
    latestPerAggregate(envelopes).map((envelope) => ({
      updateOne: {
        filter: { _id: envelope.aggregateId, version: { $lt: envelope.aggregateVersion } },
        update: { $set: { ...fields(envelope), version: envelope.aggregateVersion } },
        upsert: true,
      },
    })),
  );
  return modified + upserted;
}

/** Each aggregate's newest event of a batch, in the order the aggregates first appear. */
export function latestPerAggregate<T extends object>(envelopes: EventEnvelope<T>[]): EventEnvelope<T>[] {
  const latest = new Map<string, EventEnvelope<T>>();
  for (const envelope of envelopes) {
    const held = latest.get(envelope.aggregateId);
    if (!held || held.aggregateVersion < envelope.aggregateVersion) latest.set(envelope.aggregateId, envelope);
  }
  return [...latest.values()];
}

/**
 * Unordered conditional upserts in one round trip. An upsert that collides with the
 * existing, newer document (a unique-key error) means its event is stale: that write is
 * skipped and the others stand. `upsertedIndexes`: the operations that inserted a document.
 */
export async function bulkWriteIgnoringDuplicates(
  model: Model<any>,
  operations: AnyBulkWriteOperation[],
): Promise<{ modified: number; upserted: number; upsertedIndexes: Set<number> }> {
  if (!operations.length) return { modified: 0, upserted: 0, upsertedIndexes: new Set() };
  const outcome = (result: mongoose.mongo.BulkWriteResult) => ({
    modified: result.modifiedCount,
    upserted: result.upsertedCount,
    upsertedIndexes: new Set(Object.keys(result.upsertedIds).map(Number)),
  });
  try {
    return outcome(await model.bulkWrite(operations, { ordered: false }));
  } catch (error) {
    if (!(error instanceof mongoose.mongo.MongoBulkWriteError)) throw error;
    const writeErrors = ([] as unknown[]).concat(error.writeErrors);
    // No write errors is no proof: a write concern error or a lost connection fails the whole batch so.
    if (!writeErrors.length || !writeErrors.every(isDuplicateKeyError)) throw error;
    return outcome(error.result);
  }
}
