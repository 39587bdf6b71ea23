import { Counter, Gauge } from 'prom-client';

/*
 * What the event backbone does, in Prometheus terms (prom-client's default registry; each
 * service's `/metrics` serves it). Defined once per process, whatever the number of apps in it.
 */

export const consumedEvents = new Counter({
  name: 'kafka_consumed_events_total',
  help: 'Events taken from Kafka, by topic and outcome (applied, ignored: not needed here or of an unknown type, dead_lettered)',
  labelNames: ['topic', 'outcome'] as const,
});

export const consumerRetries = new Counter({
  name: 'kafka_consumer_retries_total',
  help: 'Handler attempts that failed on a transient error and were retried (the partition waits meanwhile)',
  labelNames: ['topic'] as const,
});

export const consumerLag = new Gauge({
  name: 'kafka_consumer_lag',
  help: "Messages of a partition behind its high watermark, at the end of this consumer's last batch",
  labelNames: ['topic', 'partition'] as const,
});

export const publishedEvents = new Counter({
  name: 'outbox_published_events_total',
  help: 'Events the outbox relay handed to Kafka and Kafka acknowledged, by collection',
  labelNames: ['collection'] as const,
});

export const outboxPending = new Gauge({
  name: 'outbox_pending_events',
  help: 'Events stored in aggregates and not yet acknowledged by Kafka, by collection',
  labelNames: ['collection'] as const,
});

export const outboxOldestPending = new Gauge({
  name: 'outbox_oldest_pending_seconds',
  help: 'Age of the oldest event still waiting in an outbox, by collection (0 when none waits)',
  labelNames: ['collection'] as const,
});
