import { Logger } from '@nestjs/common';
import { KafkaContext, KafkaOptions, ServerKafka } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { consumerLag } from '../metrics';
import { ConsumedMessage, EventBatch } from './event-batch';
import { ConsumerState } from './consumer-state';
import { OffsetCommits } from './offset-commits';

/**
 * The Nest Kafka transport, plus what it lacks: each partition's fetch goes to its
 * `@EventPattern` handler as one `EventBatch` (so a read model can apply many events in
 * one database round trip; the EventDispatcher marks what is done), readiness follows
 * the consumer's group membership, offsets are committed on an interval (OffsetCommits),
 * the lag of each partition is a metric, and a consumer that crashed for good ends the
 * process (non-zero) so a supervisor restarts it instead of leaving a live process that
 * consumes nothing.
 */
export class MonitoredServerKafka extends ServerKafka {
  private readonly monitorLogger = new Logger('KafkaConsumer');
  private readonly commits: OffsetCommits;

  constructor(
    options: KafkaOptions['options'],
    private readonly state: ConsumerState,
    commitIntervalMs: number,
  ) {
    super(options ?? {});
    this.commits = new OffsetCommits(commitIntervalMs, (error) =>
      this.monitorLogger.warn(`committing consumed offsets failed (committed after the next batch or at the stop): ${error.message}`),
    );
    state.enabled = true;
    state.stop = async () => {
      state.stopping.abort();
      // What quiet partitions finished since the last commit; a batch still running commits its own at its end.
      await this.commits.flush().catch((error: Error) => this.monitorLogger.warn(`last offset commit failed: ${error.message}`));
      this.commits.cancel();
      return this.close();
    };
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    const topics = [...this.messageHandlers.keys()];
    if (topics.length) await consumer.subscribe({ ...(this.options.subscribe ?? {}), topics });
    // Offsets are marked done by the dispatcher as it goes, never the whole batch at once:
    // a batch left at a rebalance or at shutdown is redelivered from its first unfinished message.
    await consumer.run({ ...(this.options.run ?? {}), eachBatchAutoResolve: false, eachBatch: (payload) => this.handleBatch(payload) });
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const { topic, partition } = batch;
    // Decoded as the transport decodes a single message (Nest's parser and deserializer).
    const messages = await Promise.all(
      batch.messages.map(async (message): Promise<ConsumedMessage> => {
        const raw = this.parser!.parse<{ key?: string | null; headers: Record<string, unknown> }>({ ...message, topic, partition });
        const packet = await this.deserializer.deserialize(raw, { channel: topic });
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(raw.headers)) if (value !== undefined) headers[name] = String(value);
        return { offset: message.offset, key: raw.key ?? null, headers, payload: packet.data };
      }),
    );
    const events: EventBatch = {
      topic,
      partition,
      messages,
      done: (offset) => resolveOffset(offset),
      heartbeat,
      active: () => isRunning() && !isStale(),
    };
    const last = batch.messages[batch.messages.length - 1];
    try {
      await this.handleEvent(
        topic,
        { pattern: topic, data: events },
        new KafkaContext([last, partition, topic, this.consumer!, heartbeat, this.producer!]),
      );
    } finally {
      // Stopping: what this batch finished is committed before the consumer leaves the group.
      if (this.state.stopping.signal.aborted) await this.commits.flush(payload);
    }
    await this.commits.afterBatch(payload);
  }

  protected override registerConsumerEventListeners(): void {
    super.registerConsumerEventListeners();
    const consumer = this.consumer;
    if (!consumer) return;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.state.joined = true;
    });
    consumer.on(consumer.events.REBALANCING, () => {
      this.state.joined = false;
    });
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      consumerLag.set({ topic: payload.topic, partition: String(payload.partition) }, Number(payload.offsetLag));
    });
    consumer.on(consumer.events.STOP, () => {
      this.state.joined = false;
    });
    consumer.on(consumer.events.CRASH, (event) => {
      this.state.joined = false;
      const { error, restart } = event.payload;
      if (restart) {
        this.monitorLogger.warn(`consumer crashed and restarts: ${error.message}`);
        return;
      }
      this.state.crashed = error.message;
      this.monitorLogger.error(`consumer crashed for good (${error.message}); exiting so the service is restarted`);
      process.exit(1);
    });
  }
}
