import { KafkaOptions } from '@nestjs/microservices';
import { kafkaClientConfig } from '../kafka-client';
import { MessagingOptions } from '../messaging.options';

/**
 * Partitions a consumer handles at once (kafkajs runs one at a time by default): order
 * holds within a partition, where an aggregate's events are, so one partition's slow
 * handler or retry no longer holds up the others. The matcher reads about twenty.
 */
const PARTITIONS_CONSUMED_CONCURRENTLY = 8;
/** Kafka's advice: heartbeats at no more than a third of the session timeout, so one lost beat is survived. */
const HEARTBEATS_PER_SESSION = 3;

/** Kafka transport options for a service's consumer: its own group, exactly (no `-server` suffix). */
export function consumerOptions(o: MessagingOptions): NonNullable<KafkaOptions['options']> {
  return {
    client: kafkaClientConfig(o, `${o.service}-consumer`),
    consumer: {
      groupId: o.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: o.sessionTimeoutMs,
      heartbeatInterval: Math.floor(o.sessionTimeoutMs / HEARTBEATS_PER_SESSION),
    },
    subscribe: { fromBeginning: true },
    // Offsets are committed by MonitoredServerKafka on an interval: kafkajs's auto-commit sends one after every batch.
    run: { autoCommit: false, partitionsConsumedConcurrently: PARTITIONS_CONSUMED_CONCURRENTLY },
    postfixId: '',
  };
}
