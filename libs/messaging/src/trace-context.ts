import {
  Context,
  ROOT_CONTEXT,
  Span,
  SpanStatusCode,
  TextMapGetter,
  Tracer,
  context,
  isSpanContextValid,
  propagation,
  trace,
} from '@opentelemetry/api';

/**
 * A trace context as text fields (W3C `traceparent`, and `tracestate` when there is one), as
 * the registered propagator writes them: what an outbox entry stores and a Kafka message carries
 * in its headers. Without a tracer provider (the SDK not started) it is empty.
 */
export type TraceCarrier = Record<string, string>;

/**
 * OpenTelemetry's messaging attribute names; the package marks them incubating and asks
 * users to copy them rather than import its unstable entry point.
 */
export const MessagingAttributes = {
  system: 'messaging.system',
  destination: 'messaging.destination.name',
  operation: 'messaging.operation.type',
  messageId: 'messaging.message.id',
  consumerGroup: 'messaging.consumer.group.name',
  partition: 'messaging.destination.partition.id',
  offset: 'messaging.kafka.offset',
} as const;

/** The attributes every Kafka span of ours carries, and the ones its operation adds. */
export function kafkaSpanAttributes(
  operation: 'send' | 'process',
  topic: string,
  more: Record<string, string | number>,
): Record<string, string | number> {
  return {
    [MessagingAttributes.system]: 'kafka',
    [MessagingAttributes.operation]: operation,
    [MessagingAttributes.destination]: topic,
    ...more,
  };
}

export function tracer(): Tracer {
  return trace.getTracer('@jobfair/messaging');
}

/** The trace context of `of` (the active one by default) as text fields. */
export function traceCarrier(of: Context = context.active()): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagation.inject(of, carrier);
  return carrier;
}

/** Kafka header values arrive as strings through Nest and as buffers through kafkajs itself. */
const headerGetter: TextMapGetter<Record<string, unknown>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    const first: unknown = Array.isArray(value) ? value[0] : value;
    return first === undefined || first === null ? undefined : String(first);
  },
};

/** The context a carrier (stored fields or a message's headers) names; the root one when it names none. */
export function contextOf(carrier: Record<string, unknown> | undefined): Context {
  return carrier ? propagation.extract(ROOT_CONTEXT, carrier, headerGetter) : ROOT_CONTEXT;
}

/** The ids a log line carries to find its trace: none outside a trace. */
export function traceFields(of: Context = context.active()): { trace_id?: string; span_id?: string } {
  const span = trace.getSpanContext(of);
  return span && isSpanContextValid(span) ? { trace_id: span.traceId, span_id: span.spanId } : {};
}

/** Marks a span failed with the error's message. */
export function failSpan(span: Span, error: unknown): void {
  span.recordException(error as Error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
}
