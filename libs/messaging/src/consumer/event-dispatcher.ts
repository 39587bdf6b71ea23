import { Inject, Injectable, Logger } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { EventContract, EventEnvelope, Topic, checkEvent, deadLetterTopic } from '@jobfair/contracts';
import { EventPublisher } from '../event-publisher';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';

/**
 * Thrown by a handler for an event that can never succeed (valid by contract but
 * refused by a rule): it goes to the dead-letter topic at once, without retries.
 */
export class PoisonEventError extends Error {}

export type EventHandler<T extends object = any> = (envelope: EventEnvelope<T>) => Promise<unknown>;

/** Pairs a contract with its handler, so the handler's payload type follows the contract. */
export function on<T extends object>(contract: EventContract<T>, handler: EventHandler<T>): [string, EventHandler] {
  return [contract.type, handler as EventHandler];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one Kafka message through its handler without ever throwing to the transport
 * (an exception there makes Nest redeliver the same message forever): the message is
 * validated against its contract, the handler is retried with backoff, and what still
 * fails goes to `<topic>.dlt` with its reason. The offset is committed only after this
 * returns, i.e. after the effect is stored or the dead letter is written.
 */
@Injectable()
export class EventDispatcher {
  private readonly logger = new Logger(EventDispatcher.name);

  constructor(
    private readonly publisher: EventPublisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async dispatch(context: KafkaContext, payload: unknown, handlers: [string, EventHandler][]): Promise<void> {
    const topic = context.getTopic() as Topic;
    const check = checkEvent(payload, topic);
    if (!check.ok) {
      if (check.unknownType) {
        this.logger.warn(`skipping ${check.reason} on ${topic}`);
        return;
      }
      return this.deadLetter(context, payload, check.reason);
    }
    const handler = handlers.find(([type]) => type === check.envelope.type)?.[1];
    if (!handler) return; // an event of this topic that this service does not need

    let lastError: Error | undefined;
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt++) {
      try {
        await handler(check.envelope);
        return;
      } catch (error) {
        lastError = error as Error;
        if (error instanceof PoisonEventError) return this.deadLetter(context, payload, `refused: ${lastError.message}`);
        this.logger.warn(`${check.envelope.type} ${check.envelope.id} failed (attempt ${attempt}): ${lastError.message}`);
        if (attempt < this.options.maxAttempts) {
          await sleep(this.options.retryBackoffMs * 2 ** (attempt - 1));
          await context.getHeartbeat()();
        }
      }
    }
    await this.deadLetter(context, payload, `handler failed after ${this.options.maxAttempts} attempts: ${lastError?.message}`);
  }

  /** Keeps the original message and adds where it came from and why it was rejected. */
  private async deadLetter(context: KafkaContext, payload: unknown, reason: string): Promise<void> {
    const message = context.getMessage();
    const topic = context.getTopic();
    this.logger.error(`dead-lettering ${topic}[${context.getPartition()}]@${message.offset}: ${reason}`);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      if (value !== undefined) headers[name] = String(value);
    }
    // If this send fails the error reaches the transport: the offset is not committed and the message comes back.
    await this.publisher.send(deadLetterTopic(topic), [{
      key: message.key ?? null,
      value: typeof payload === 'string' ? payload : JSON.stringify(payload),
      headers: {
        ...headers,
        'dlt-reason': reason.slice(0, 2000),
        'dlt-topic': topic,
        'dlt-partition': String(context.getPartition()),
        'dlt-offset': String(message.offset),
        'dlt-group': this.options.groupId,
        'dlt-at': new Date().toISOString(),
      },
    }]);
  }
}
