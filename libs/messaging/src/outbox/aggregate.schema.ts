import { Prop } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import type { EventEnvelope } from '@jobfair/contracts';
import type { TraceCarrier } from '../trace-context';

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
  outbox!: OutboxEntry[];

  /** Set by the outbox relay (outbox-relay.ts): who publishes the outbox now, or when to try a refused one again. */
  @Prop({ type: SchemaTypes.Mixed, required: false })
  outboxLease?: OutboxLease;
}

/**
 * An event waiting in an outbox, with the trace context of the write that made it: the
 * relay may send it much later (the sweep, another instance), and the consumer's work
 * still joins that trace. The trace goes in the Kafka headers, not in the envelope.
 */
export type OutboxEntry = EventEnvelope<object> & { trace?: TraceCarrier };

export interface OutboxLease {
  /** The claim of the relay publishing now; absent while nobody does. */
  claim?: string;
  /** The claim ends then (renewed while a send lasts); before then no other relay touches the document. */
  until: Date;
  /** Consecutive refusals by Kafka of this document's events: the wait before the next try doubles. */
  failures?: number;
}
