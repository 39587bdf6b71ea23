import { Kafka, Message, Producer, logLevel } from 'kafkajs';
import { EventContract, EventEnvelope, contractFor } from '@jobfair/contracts';
import { newEvent, toKafkaMessage } from '@jobfair/messaging';

/**
 * Publishes events as their producing service would (valid envelopes, keyed by
 * aggregate), so a test can deliver them late, twice or out of order to the real consumers.
 */
export class EventInjector {
  private constructor(private readonly producer: Producer) {}

  static async open(brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')): Promise<EventInjector> {
    const producer = new Kafka({ clientId: 'test-injector', brokers, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    return new EventInjector(producer);
  }

  /** A new envelope, validated against its contract. */
  event<T extends object>(
    contract: EventContract<T>,
    source: string,
    aggregateVersion: number,
    data: T & { id: string },
  ): EventEnvelope<T> {
    return newEvent(contract, { source, aggregateId: data.id, aggregateVersion, data });
  }

  /** Sends the envelopes in this order (one aggregate's events keep it: same key, same partition). */
  async send(...envelopes: EventEnvelope<object>[]): Promise<void> {
    for (const envelope of envelopes) {
      await this.producer.send({ topic: contractFor(envelope.type)!.topic, acks: -1, messages: [toKafkaMessage(envelope)] });
    }
  }

  /** A message as it is, e.g. one that breaks its contract, or a dead letter as a consumer writes it. */
  async sendRaw(topic: string, message: Message): Promise<void> {
    await this.producer.send({ topic, acks: -1, messages: [message] });
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
