import type { Model } from 'mongoose';
import type { EventEnvelope } from '@jobfair/contracts';
import { isDuplicateKeyError } from './duplicate-key';

/**
 * Applies an event-carried snapshot to a read model only if it is newer than the one
 * held, in one conditional write: a redelivered or older event changes nothing.
 * Returns whether the event was applied.
 */
export async function applyIfNewer(model: Model<any>, envelope: EventEnvelope<object>, fields: Record<string, unknown>): Promise<boolean> {
  try {
    const result = await model.updateOne(
      { _id: envelope.aggregateId, version: { $lt: envelope.aggregateVersion } },
      { $set: { ...fields, version: envelope.aggregateVersion } },
      { upsert: true },
    );
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    // The upsert collides with the existing, newer document: the event is stale.
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
