/** What a service tells the messaging library about itself (typed, from validated config). */
export interface MessagingOptions {
  /** The service's name: the `source` of its events and the prefix of its Kafka client id. */
  service: string;
  brokers: string[];
  /** Explicit consumer group (Nest would otherwise append `-server` to a shared default). */
  groupId: string;
  /** First delay before a handler that failed transiently is tried again; doubles each attempt. */
  retryBackoffMs: number;
  /** The cap of that delay: retries go on at this pace until the dependency answers. */
  retryMaxBackoffMs: number;
  /** Interval of the outbox sweep that catches events a crash left unsent. */
  outboxSweepMs: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const KAFKA_PRODUCER_CLIENT = Symbol('KAFKA_PRODUCER_CLIENT');
