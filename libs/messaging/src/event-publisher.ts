import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientKafka } from '@nestjs/microservices';
import { EventEnvelope, contractFor } from '@jobfair/contracts';
import type { IHeaders, Message, Producer } from 'kafkajs';
import { KAFKA_PRODUCER_CLIENT } from './messaging.options';

/** The raw message of an envelope: keyed by aggregate id so one aggregate's events keep their order. */
export function toKafkaMessage(envelope: EventEnvelope<object>): Message {
  return {
    key: envelope.aggregateId,
    value: JSON.stringify(envelope),
    headers: { 'event-type': envelope.type, 'event-id': envelope.id, 'correlation-id': envelope.correlationId },
  };
}

/** An event that can never be sent as it is (no contract, too large): retrying it does not help. */
export class UnpublishableEventError extends Error {}

/** Whether a failed send was refused for its messages (not because the broker is away). */
export function refusedForItsMessages(error: unknown): boolean {
  // kafkajs retries what may pass later and wraps what never will (a too large record, a bad topic) as non-retriable.
  return error instanceof UnpublishableEventError || (error as Error | undefined)?.name === 'KafkaJSNonRetriableError';
}

/**
 * Sends envelopes through the Nest Kafka client's idempotent producer (acks from all
 * in-sync replicas). Only the outbox relay calls it: services never publish directly.
 */
@Injectable()
export class EventPublisher {
  private readonly logger = new Logger(EventPublisher.name);
  private connecting?: Promise<Producer>;

  constructor(@Inject(KAFKA_PRODUCER_CLIENT) private readonly client: ClientKafka) {}

  async publish(envelopes: EventEnvelope<object>[]): Promise<void> {
    if (!envelopes.length) return;
    const byTopic = new Map<string, Message[]>();
    for (const envelope of envelopes) {
      const topic = contractFor(envelope.type)?.topic;
      if (!topic) throw new UnpublishableEventError(`no contract for event type ${envelope.type}`);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), toKafkaMessage(envelope)]);
    }
    const producer = await this.producer();
    await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
  }

  /** Sends raw messages (dead letters keep the original bytes and add headers). */
  async send(topic: string, messages: { key?: string | Buffer | null; value: string | Buffer | null; headers?: IHeaders }[]) {
    const producer = await this.producer();
    await producer.send({ topic, acks: -1, messages });
  }

  async close(): Promise<void> {
    await this.client.close();
    this.connecting = undefined;
  }

  private async producer(): Promise<Producer> {
    // ClientKafka caches a failed first connect forever; reset it so a broker that comes back is used.
    this.connecting ??= this.client.connect().catch(async (error: unknown) => {
      this.connecting = undefined;
      await this.client.close().catch(() => undefined);
      this.logger.warn(`Kafka producer not connected: ${(error as Error).message}`);
      throw error;
    });
    return this.connecting;
  }
}
