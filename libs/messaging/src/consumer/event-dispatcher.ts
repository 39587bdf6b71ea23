import { HttpException, Inject, Injectable, Logger } from '@nestjs/common';
import { Span, SpanKind, context, trace } from '@opentelemetry/api';
import mongoose from 'mongoose';
import { setTimeout as sleep } from 'timers/promises';
import { EventContract, EventEnvelope, Topic, checkEvent, contractFor, deadLetterTopic } from '@jobfair/contracts';
import { EventPublisher } from '../event-publisher';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { withCorrelation } from '../correlation';
import { consumedEvents, consumerRetries } from '../metrics';
import { MessagingAttributes, contextOf, failSpan, kafkaSpanAttributes, tracer } from '../trace-context';
import { ConsumerState } from './consumer-state';
import { ConsumedMessage, EventBatch } from './event-batch';

/**
 * Thrown by a handler for an event that can never succeed (valid by contract but
 * refused by a rule): it goes to the dead-letter topic at once, without retries.
 */
export class PoisonEventError extends Error {}

export type EventHandler<T extends object = any> = (envelope: EventEnvelope<T>) => Promise<unknown>;
export type BatchHandler<T extends object = any> = (envelopes: EventEnvelope<T>[]) => Promise<unknown>;

/** How events of one type are applied: `apply` takes one event (`on`) or a run of them (`onBatch`). */
export interface HandlerEntry {
  type: string;
  apply: BatchHandler;
  batches: boolean;
}

/** Pairs a contract with its handler, so the handler's payload type follows the contract; events come one at a time. */
export function on<T extends object>(contract: EventContract<T>, handler: EventHandler<T>): HandlerEntry {
  return { type: contract.type, apply: ([envelope]) => handler(envelope as EventEnvelope<T>), batches: false };
}

/**
 * A handler that applies many events in one database round trip. Consecutive events of a
 * fetch with the same handler (the same function, whatever their types) come to it in one
 * call, in partition order, at most `batchMaxEvents` at a time. Its effect must be that of
 * applying them one by one in that order, and it must be idempotent: after a transient
 * failure the whole call is repeated, and when it refuses the call as poison the events
 * are given to it one at a time, so that only the poison one goes to the dead-letter topic.
 */
export function onBatch<T extends object>(contract: EventContract<T>, handler: BatchHandler<T>): HandlerEntry {
  return { type: contract.type, apply: handler as BatchHandler, batches: true };
}

/** A valid event of the batch, with its message and the handler it goes to. */
interface Delivery {
  message: ConsumedMessage;
  envelope: EventEnvelope<object>;
  handler: HandlerEntry;
}

/**
 * An event of a type its topic carries but no handler of this service takes (the seekers service
 * reads the attendance topic for walk-ins, not check-ins): skipped before it is validated, which
 * is most of the cost of passing it by. Its contract is checked by the consumers that act on it.
 */
function notTakenHere(payload: unknown, topic: Topic, byType: Map<string, HandlerEntry>): boolean {
  const type = typeof payload === 'object' && payload !== null ? (payload as { type?: unknown }).type : undefined;
  return typeof type === 'string' && !byType.has(type) && contractFor(type)?.topic === topic;
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
 * Runs a partition's fetch through its handlers, in order. A message that can never be
 * applied (fails its contract, or the handler refuses it as poison) goes to `<topic>.dlt`
 * with its reason. Any other failure is transient: the handler is retried with capped
 * exponential backoff, inside this call, until it succeeds, so the partition takes no
 * further message meanwhile (order is kept) and readiness reports the stall. A message is
 * marked done only after its effect is stored or its dead letter written (offsets are
 * committed on an interval); at shutdown a waiting retry gives up by throwing, so what is not
 * done comes back to the next consumer. Runs of events for an `onBatch` handler are
 * applied in one call; `on` handlers get runs of one, through the same path.
 */
@Injectable()
export class EventDispatcher {
  private readonly logger = new Logger(EventDispatcher.name);

  constructor(
    private readonly publisher: EventPublisher,
    private readonly state: ConsumerState,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async dispatch(batch: EventBatch, handlers: HandlerEntry[]): Promise<void> {
    const topic = batch.topic as Topic;
    const byType = new Map(handlers.map((handler) => [handler.type, handler]));
    let run: Delivery[] = [];
    /** Whether the last messages were ignored: nothing else marks them done. */
    let ignoredLast = false;
    const flush = async () => {
      const pending = run;
      run = [];
      if (pending.length) await this.applyRun(batch, pending);
    };
    for (const message of batch.messages) {
      if (notTakenHere(message.payload, topic, byType)) {
        consumedEvents.inc({ topic, outcome: 'ignored' });
        ignoredLast = true;
        continue;
      }
      const check = checkEvent(message.payload, topic);
      if (!check.ok && check.unknownType) {
        this.logger.warn(`skipping ${check.reason} on ${topic}`);
        consumedEvents.inc({ topic, outcome: 'ignored' });
        ignoredLast = true;
        continue;
      }
      const handler = check.ok ? byType.get(check.envelope.type) : undefined;
      const joins = handler?.batches && run[0]?.handler.apply === handler.apply && run.length < this.options.batchMaxEvents;
      if (!joins) await flush();
      // Stopping, or the partition moved to another member: the rest is redelivered there.
      if (!batch.active()) return;
      ignoredLast = false;
      if (!check.ok) await this.deadLetter(batch, message, check.reason);
      else run.push({ message, envelope: check.envelope, handler: handler! });
    }
    await flush();
    if (ignoredLast && batch.active()) batch.done(batch.messages[batch.messages.length - 1].offset);
  }

  /** Applies a run of valid events, retrying a transient failure until it succeeds (see the class). */
  private async applyRun(batch: EventBatch, run: Delivery[]): Promise<void> {
    const topic = batch.topic as Topic;
    const where = `${topic}[${batch.partition}]@${run[0].message.offset}`;
    const what =
      run.length === 1
        ? `${run[0].envelope.type} ${run[0].envelope.id}`
        : `${run.length} events (to @${run[run.length - 1].message.offset})`;
    const envelopes = run.map((delivery) => delivery.envelope);
    const spans = this.processSpans(batch, run);
    const inSpanOf = <T>(i: number, work: () => T): T => context.with(trace.setSpan(context.active(), spans[i]), work);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          // The run's writes carry the first event's trace (the whole trace, when the run is one event).
          await inSpanOf(0, () => inFlowOf(envelopes, () => run[0].handler.apply(envelopes)));
          // A line per event, in its own trace and flow: a check-in and what it caused are found together.
          run.forEach(({ envelope, message }, i) =>
            inSpanOf(i, () =>
              withCorrelation(envelope.correlationId, () =>
                this.logger.log(
                  `${envelope.type} ${envelope.id} from ${topic}[${batch.partition}]@${message.offset} applied${attempt > 1 ? ` after ${attempt} attempts` : ''}`,
                ),
              ),
            ),
          );
          this.state.stalled = undefined;
          consumedEvents.inc({ topic, outcome: 'applied' }, run.length);
          batch.done(run[run.length - 1].message.offset);
          return;
        } catch (error) {
          const message = (error as Error).message;
          if (isPoison(error)) {
            for (const span of spans) failSpan(span, error);
            if (run.length === 1) return this.deadLetter(batch, run[0].message, `refused: ${message}`);
            // One of them is refused: one at a time, so only that one is dead-lettered (the others are idempotent).
            this.logger.warn(`${what} from ${where} refused (${message}): applying them one at a time`);
            for (const delivery of run) await this.applyRun(batch, [delivery]);
            return;
          }
          this.state.stalled = `${where}: ${message}`.slice(0, 500);
          consumerRetries.inc({ topic });
          const delay = Math.min(this.options.retryBackoffMs * 2 ** (attempt - 1), this.options.retryMaxBackoffMs);
          this.logger.warn(`${what} failed (attempt ${attempt}), retrying in ${delay} ms: ${message}`);
          // Rejects at shutdown: the error reaches the transport and the offset stays uncommitted.
          await sleep(delay, undefined, { signal: this.state.stopping.signal });
          // Keeps the group membership while waiting; throws if the group rebalances, which redelivers the message.
          await batch.heartbeat();
        }
      }
    } finally {
      for (const span of spans) span.end();
    }
  }

  /** A span per message, each continuing the trace in its headers: the write that made the event. */
  private processSpans(batch: EventBatch, run: Delivery[]): Span[] {
    return run.map(({ message }) =>
      tracer().startSpan(
        `process ${batch.topic}`,
        {
          kind: SpanKind.CONSUMER,
          attributes: kafkaSpanAttributes('process', batch.topic, {
            [MessagingAttributes.consumerGroup]: this.options.groupId,
            [MessagingAttributes.partition]: String(batch.partition),
            [MessagingAttributes.offset]: Number(message.offset),
          }),
        },
        contextOf(message.headers),
      ),
    );
  }

  /** Keeps the original message and adds where it came from and why it was rejected. */
  private async deadLetter(batch: EventBatch, message: ConsumedMessage, reason: string): Promise<void> {
    const { topic, partition } = batch;
    this.logger.error(`dead-lettering ${topic}[${partition}]@${message.offset}: ${reason}`);
    // If this send fails the error reaches the transport: the offset is not committed and the message comes back.
    await this.publisher.send(deadLetterTopic(topic), [
      {
        key: message.key,
        value: typeof message.payload === 'string' ? message.payload : JSON.stringify(message.payload),
        headers: {
          ...message.headers,
          'dlt-reason': reason.slice(0, 2000),
          'dlt-topic': topic,
          'dlt-partition': String(partition),
          'dlt-offset': String(message.offset),
          'dlt-group': this.options.groupId,
          'dlt-at': new Date().toISOString(),
        },
      },
    ]);
    consumedEvents.inc({ topic, outcome: 'dead_lettered' });
    batch.done(message.offset);
  }
}

/** The handler, its log lines and the events it writes belong to the events' flow, when they share one. */
function inFlowOf<T>(envelopes: EventEnvelope<object>[], work: () => T): T {
  const flows = new Set(envelopes.map((envelope) => envelope.correlationId));
  return flows.size === 1 ? withCorrelation(envelopes[0].correlationId, work) : work();
}
