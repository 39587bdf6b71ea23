import { Prop } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import type { EventEnvelope } from '@jobfair/contracts';

/**
 * Base of every document that is an aggregate: its version (1, 2, 3...; the
 * `aggregateVersion` of its events, and the optimistic-concurrency guard) and its
 * outbox, the events not yet published. State and events change in one document
 * write, so no transaction is needed (DESIGN.md, Delivery).
 */
export abstract class AggregateDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: Number, required: true, default: 0 })
  version!: number;

  @Prop({ type: [SchemaTypes.Mixed], default: [] })
  outbox!: EventEnvelope<object>[];
}
