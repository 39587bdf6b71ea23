import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { EventEnvelope } from './envelope';
import { Topic } from './topics';

type DataClass<T> = new () => T;

/** What an event type means: where it travels and the shape of its `data`. */
export interface EventContract<T extends object = object> {
  readonly type: string;
  readonly topic: Topic;
  readonly data: DataClass<T>;
}

const contracts = new Map<string, EventContract>();

/** Declares an integration event. Types are past tense (`OpeningPosted`) and unique. */
export function defineEvent<T extends object>(type: string, topic: Topic, data: DataClass<T>): EventContract<T> {
  if (contracts.has(type)) throw new Error(`event type ${type} is defined twice`);
  const contract: EventContract<T> = { type, topic, data };
  contracts.set(type, contract as EventContract);
  return contract;
}

export function contractFor(type: string): EventContract | undefined {
  return contracts.get(type);
}

export function contractsOn(topic: Topic): EventContract[] {
  return [...contracts.values()].filter((c) => c.topic === topic);
}

/** Flattens class-validator's tree into `path: reason` lines that name every bad field. */
export function describeValidationErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

export type EventCheck<T extends object> =
  { ok: true; envelope: EventEnvelope<T>; contract: EventContract<T> } | { ok: false; reason: string; unknownType?: boolean };

/**
 * Validates an envelope and its payload against the registered contract. Producers
 * call it before writing; consumers before acting (DESIGN.md, Events).
 */
export function checkEvent<T extends object = object>(raw: unknown, expectedTopic?: Topic): EventCheck<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'message is not a JSON object' };
  }
  const envelope = plainToInstance(EventEnvelope, raw) as EventEnvelope<T>;
  const envelopeErrors = describeValidationErrors(validateSync(envelope, { forbidUnknownValues: false }));
  if (envelopeErrors.length) return { ok: false, reason: `invalid envelope: ${envelopeErrors.join('; ')}` };

  const contract = contracts.get(envelope.type) as EventContract<T> | undefined;
  // Unknown types are an additive change by a newer producer, not poison: consumers skip them.
  if (!contract) return { ok: false, reason: `unknown event type ${envelope.type}`, unknownType: true };
  if (expectedTopic && contract.topic !== expectedTopic) {
    return { ok: false, reason: `event type ${envelope.type} does not belong on ${expectedTopic}` };
  }
  const data = plainToInstance(contract.data, envelope.data);
  const dataErrors = describeValidationErrors(validateSync(data as object, { forbidUnknownValues: false }), 'data');
  if (dataErrors.length) return { ok: false, reason: `invalid ${envelope.type}: ${dataErrors.join('; ')}` };
  envelope.data = data;
  return { ok: true, envelope, contract };
}
