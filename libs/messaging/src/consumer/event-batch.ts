/** One message of a batch, as the transport decoded it. */
export interface ConsumedMessage {
  offset: string;
  key: string | null;
  headers: Record<string, string>;
  /** The parsed envelope (or the text as it came, when it is not JSON). */
  payload: unknown;
}

/**
 * The messages of one partition fetched together, in partition order, and what the
 * dispatcher needs to keep the partition's place. An interface, not a class: Nest's
 * validation pipe leaves an `@Payload()` of this type alone.
 */
export interface EventBatch {
  topic: string;
  partition: number;
  messages: ConsumedMessage[];
  /** This message and every earlier one are done: their offsets are committed within the commit interval (OffsetCommits). */
  done(offset: string): void;
  /** Keeps the group membership during a long wait; throws when the group rebalances (the rest is redelivered). */
  heartbeat(): Promise<void>;
  /** False once the consumer stops or the partition was taken away or sought: what is not done yet is left for redelivery. */
  active(): boolean;
}
