import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { KafkaContext } from '@nestjs/microservices';
import { SpanKind } from '@opentelemetry/api';
import mongoose from 'mongoose';
import { setTimeout as sleep } from 'timers/promises';
import { EventContract, EventEnvelope, Topic, checkEvent, deadLetterTopic } from '@jobfair/contracts';
import { EventPublisher } from '../event-publisher';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { withCorrelation } from '../correlation';
import { consumedEvents, consumerRetries } from '../metrics';
import { MessagingAttributes, contextOf, inSpan, kafkaSpanAttributes } from '../trace-context';
import { ConsumerState } from './consumer-state';

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

/** MongoDB server errors that the same write meets again however often it is retried. */
const DETERMINISTIC_MONGO_CODES = new Set([
  2, // BadValue
  9, // FailedToParse
  14, // TypeMismatch
  121, // DocumentValidationFailure
  10334, // BSONObjectTooLarge
]);

/**
 * Whether a handler error means the event can never be applied: a rule refused it, or
 * the document it makes is invalid. Anything else (the database unreachable, a timeout,
 * a write conflict, a bug fixed by the next deployment) is transient: retrying may succeed.
 */
export function isPoison(error: unknown): boolean {
  if (error instanceof PoisonEventError) return true;
  if (error instanceof HttpException) return error.getStatus() < 500;
  if (error instanceof mongoose.Error.ValidationError || error instanceof mongoose.Error.CastError) return true;
  if (error instanceof mongoose.Error.StrictModeError) return true;
  return error instanceof mongoose.mongo.MongoServerError && DETERMINISTIC_MONGO_CODES.has(Number(error.code));
}

/**
 * Runs one Kafka message through its handler. A message that can never be applied
 * (fails its contract, or the handler refuses it as poison) goes to `<topic>.dlt` with
 * its reason. Any other failure is transient: the handler is retried with capped
 * exponential backoff, inside this call, until it succeeds, so the partition takes no
 * further message meanwhile (order is kept) and readiness reports the stall. The
 * offset is committed only after this returns, i.e. after the effect is stored or the
 * dead letter is written; at shutdown a waiting retry gives up by throwing, so the
 * message is not committed and comes back to the next consumer.
 */
@Injectable()
export class EventDispatcher {
  private readonly logger = new Logger(EventDispatcher.name);

  constructor(
    private readonly publisher: EventPublisher,
    private readonly state: ConsumerState,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** The message is handled in a span that continues the trace in its headers: the write that made the event. */
  dispatch(context: KafkaContext, payload: unknown, handlers: [string, EventHandler][]): Promise<void> {
    const topic = context.getTopic();
    const message = context.getMessage();
    return inSpan(
      `process ${topic}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: kafkaSpanAttributes('process', topic, {
          [MessagingAttributes.consumerGroup]: this.options.groupId,
          [MessagingAttributes.partition]: String(context.getPartition()),
          [MessagingAttributes.offset]: Number(message.offset),
        }),
      },
      contextOf(message.headers as Record<string, unknown> | undefined),
      () => this.handle(context, payload, handlers),
    );
  }

  private async handle(context: KafkaContext, payload: unknown, handlers: [string, EventHandler][]): Promise<void> {
    const topic = context.getTopic() as Topic;
    const check = checkEvent(payload, topic);
    if (!check.ok) {
      if (check.unknownType) {
        this.logger.warn(`skipping ${check.reason} on ${topic}`);
        consumedEvents.inc({ topic, outcome: 'ignored' });
        return;
      }
      return this.deadLetter(context, payload, check.reason);
    }
    const handler = handlers.find(([type]) => type === check.envelope.type)?.[1];
    if (!handler) {
      consumedEvents.inc({ topic, outcome: 'ignored' }); // an event of this topic that this service does not need
      return;
    }

    // The handler, its log lines and the events it writes belong to the event's flow.
    return withCorrelation(check.envelope.correlationId, () => this.apply(context, payload, check.envelope, handler));
  }

  /** Applies a valid event, retrying a transient failure until it succeeds (see the class). */
  private async apply(context: KafkaContext, payload: unknown, envelope: EventEnvelope<object>, handler: EventHandler): Promise<void> {
    const topic = context.getTopic() as Topic;
    const where = `${topic}[${context.getPartition()}]@${context.getMessage().offset}`;
    for (let attempt = 1; ; attempt++) {
      try {
        await handler(envelope);
        this.logger.log(`${envelope.type} ${envelope.id} from ${where} applied${attempt > 1 ? ` after ${attempt} attempts` : ''}`);
        this.state.stalled = undefined;
        consumedEvents.inc({ topic, outcome: 'applied' });
        return;
      } catch (error) {
        const message = (error as Error).message;
        if (isPoison(error)) return this.deadLetter(context, payload, `refused: ${message}`);
        this.state.stalled = `${where}: ${message}`.slice(0, 500);
        consumerRetries.inc({ topic });
        const delay = Math.min(this.options.retryBackoffMs * 2 ** (attempt - 1), this.options.retryMaxBackoffMs);
        this.logger.warn(`${envelope.type} ${envelope.id} failed (attempt ${attempt}), retrying in ${delay} ms: ${message}`);
        // Rejects at shutdown: the error reaches the transport and the offset stays uncommitted.
        await sleep(delay, undefined, { signal: this.state.stopping.signal });
        // Keeps the group membership while waiting; throws if the group rebalances, which redelivers the message.
        await context.getHeartbeat()();
      }
    }
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
    await this.publisher.send(deadLetterTopic(topic), [
      {
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
      },
    ]);
    consumedEvents.inc({ topic, outcome: 'dead_lettered' });
  }
}
