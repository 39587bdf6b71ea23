import type { KafkaSecurity, TopicSettings } from './kafka-client';

/** What a service tells the messaging library about itself (typed, from validated config). */
export interface MessagingOptions {
  /** The service's name: the `source` of its events and the prefix of its Kafka client id. */
  service: string;
  brokers: string[];
  /** TLS and SASL for every client (kafka-client.ts). */
  security: KafkaSecurity;
  topics: TopicSettings;
  /** Explicit consumer group (Nest would otherwise append `-server` to a shared default). */
  groupId: string;
  /** How long the group waits for a silent member before it rebalances. */
  sessionTimeoutMs: number;
  /** First delay before a handler that failed transiently is tried again; doubles each attempt. */
  retryBackoffMs: number;
  /** The cap of that delay: retries go on at this pace until the dependency answers. */
  retryMaxBackoffMs: number;
  /** Most events of one fetch given to an `onBatch` handler in one call (one database round trip, one retry unit). */
  batchMaxEvents: number;
  /** Interval of the outbox sweep that catches events a crash left unsent. */
  outboxSweepMs: number;
  outbox: OutboxLimits;
}

/** How the outbox relay sends: batches below the broker's limits, and how long a relay owns a document. */
export interface OutboxLimits {
  /** Events per Kafka request, and documents claimed per pass. */
  batchMaxMessages: number;
  /** Bytes per Kafka request, below the broker's `message.max.bytes`; a larger single event is never sent. */
  batchMaxBytes: number;
  /** How long a claim on a document lasts unless renewed: a crashed relay's documents are free again after it. */
  leaseMs: number;
  /** Longest wait before a document Kafka refused is tried again (the wait doubles from the sweep interval). */
  retryMaxMs: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const KAFKA_PRODUCER_CLIENT = Symbol('KAFKA_PRODUCER_CLIENT');
