import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientKafka } from '@nestjs/microservices';
import { ROOT_CONTEXT, Span, SpanKind, trace } from '@opentelemetry/api';
import { contractFor } from '@jobfair/contracts';
import type { IHeaders, Message, Producer } from 'kafkajs';
import { KAFKA_PRODUCER_CLIENT } from './messaging.options';
import type { OutboxEntry } from './outbox/aggregate.schema';
import { MessagingAttributes, TraceCarrier, contextOf, failSpan, kafkaSpanAttributes, traceCarrier, tracer } from './trace-context';

/**
 * The raw message of an envelope: keyed by aggregate id so one aggregate's events keep their
 * order; its trace context (the stored one unless given) in the W3C headers, not in the value.
 */
export function toKafkaMessage(entry: OutboxEntry, trace: TraceCarrier = entry.trace ?? {}): Message {
  const { trace: _stored, ...envelope } = entry;
  return {
    key: envelope.aggregateId,
    value: JSON.stringify(envelope),
    headers: { 'event-type': envelope.type, 'event-id': envelope.id, 'correlation-id': envelope.correlationId, ...trace },
  };
}

/** A span per event sent, child of the write that made it (its outbox entry's trace); the consumer's is its child. */
function publishSpan(entry: OutboxEntry, topic: string): Span {
  return tracer().startSpan(
    `send ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: kafkaSpanAttributes('send', topic, { [MessagingAttributes.messageId]: entry.id }),
    },
    contextOf(entry.trace),
  );
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

  async publish(envelopes: OutboxEntry[]): Promise<void> {
    if (!envelopes.length) return;
    const byTopic = new Map<string, Message[]>();
    const spans: Span[] = [];
    for (const envelope of envelopes) {
      const topic = contractFor(envelope.type)?.topic;
      if (!topic) throw new UnpublishableEventError(`no contract for event type ${envelope.type}`);
      const span = publishSpan(envelope, topic);
      spans.push(span);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), toKafkaMessage(envelope, traceCarrier(trace.setSpan(ROOT_CONTEXT, span)))]);
    }
    try {
      const producer = await this.producer();
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    } catch (error) {
      for (const span of spans) failSpan(span, error);
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
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
