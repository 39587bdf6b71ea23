import { readFileSync } from 'fs';
import { KafkaConfig, SASLOptions, logLevel } from 'kafkajs';
import { fixIdleRequestQueueTimer } from './kafka-request-queue';

/** How a client proves itself to a real cluster (none for the local broker). */
export interface KafkaSecurity {
  /** TLS to the brokers; `caFile` (PEM) is trusted besides Node's own roots. */
  tls?: { caFile?: string; rejectUnauthorized: boolean };
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
}

export interface KafkaConnection {
  brokers: string[];
  security: KafkaSecurity;
}

/** What a service asks of the topics it uses; -1 and an absent value leave the choice to the broker. */
export interface TopicSettings {
  /** False on clusters where topics are provisioned by their operators: a missing one stops the service. */
  create: boolean;
  partitions: number;
  replicationFactor: number;
  minInsyncReplicas?: number;
}

/**
 * The one place a Kafka client's configuration is made (producer, admin, consumer),
 * so TLS and SASL apply to every connection a service or script opens.
 */
export function kafkaClientConfig(connection: KafkaConnection, clientId: string, extra: Partial<KafkaConfig> = {}): KafkaConfig {
  fixIdleRequestQueueTimer();
  const { tls, sasl } = connection.security;
  return {
    clientId,
    brokers: connection.brokers,
    logLevel: logLevel.WARN,
    ...(tls
      ? { ssl: { rejectUnauthorized: tls.rejectUnauthorized, ...(tls.caFile ? { ca: [readFileSync(tls.caFile, 'utf8')] } : {}) } }
      : {}),
    ...(sasl ? { sasl: sasl as SASLOptions } : {}),
    ...extra,
  };
}
