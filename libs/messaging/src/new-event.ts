import { v7 as uuidv7 } from 'uuid';
import { EventContract, EventEnvelope, checkEvent } from '@jobfair/contracts';
import { currentCorrelationId } from './correlation';

export interface NewEvent<T extends object> {
  source: string;
  aggregateId: string;
  aggregateVersion: number;
  data: T;
  correlationId?: string;
  occurredAt?: Date;
}

/**
 * Builds an envelope and validates it against its contract before it is written:
 * a producer never stores an event that a consumer would have to dead-letter.
 */
export function newEvent<T extends object>(contract: EventContract<T>, event: NewEvent<T>): EventEnvelope<T> {
  const id = uuidv7();
  // Drop undefined fields and class instances so the envelope is plain JSON, as on the wire.
  const data = JSON.parse(JSON.stringify(event.data)) as T;
  const envelope: EventEnvelope<T> = {
    id,
    type: contract.type,
    source: event.source,
    aggregateId: event.aggregateId,
    aggregateVersion: event.aggregateVersion,
    occurredAt: (event.occurredAt ?? new Date()).toISOString(),
    correlationId: event.correlationId ?? currentCorrelationId() ?? id,
    data,
  };
  const check = checkEvent(envelope, contract.topic);
  if (!check.ok) throw new Error(`refusing to produce ${contract.type}: ${check.reason}`);
  return envelope;
}
