import { Expose, Transform, plainToInstance } from 'class-transformer';
import {
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  validateSync,
} from 'class-validator';
// The package's own metadata store: it knows which variable name each property is exposed as.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { describeValidationErrors } from '@jobfair/contracts';
import { ProductionSecret } from './production-secret';
import type { KafkaConnection, TopicSettings } from '@jobfair/messaging';

export const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
export const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

const DEVELOPMENT_JWT_SECRET = 'local-development-secret-change-me';
/** 32 characters: 192 bits and more from a password generator. */
export const PRODUCTION_SECRET_MIN_LENGTH = 32;

/**
 * Configuration every service shares, from environment variables with defaults that
 * work locally. Validated at start-up: a bad value stops the service with one line
 * naming the variable. Services extend it with their own settings.
 */
export class ServiceConfig {
  @Expose({ name: 'PORT' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  port!: number;

  @Expose({ name: 'HOST' })
  @IsString()
  @IsNotEmpty()
  host = '0.0.0.0';

  @Expose({ name: 'KAFKA_BROKERS' })
  @Transform(toList)
  @IsString({ each: true })
  @ArrayMinSize(1)
  kafkaBrokers: string[] = ['127.0.0.1:9092'];

  /** TLS to the brokers (a real cluster); `KAFKA_TLS_CA_FILE` adds a CA certificate (PEM) to trust. */
  @Expose({ name: 'KAFKA_TLS' })
  @Transform(toBool)
  @IsBoolean()
  kafkaTls = false;

  @Expose({ name: 'KAFKA_TLS_CA_FILE' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  kafkaTlsCaFile?: string;

  @Expose({ name: 'KAFKA_TLS_REJECT_UNAUTHORIZED' })
  @Transform(toBool)
  @IsBoolean()
  kafkaTlsRejectUnauthorized = true;

  /** SASL authentication; empty: none. */
  @Expose({ name: 'KAFKA_SASL_MECHANISM' })
  @IsIn(['', 'plain', 'scram-sha-256', 'scram-sha-512'])
  kafkaSaslMechanism: '' | 'plain' | 'scram-sha-256' | 'scram-sha-512' = '';

  @Expose({ name: 'KAFKA_SASL_USERNAME' })
  @ValidateIf((c: ServiceConfig) => c.kafkaSaslMechanism !== '')
  @IsString()
  @IsNotEmpty()
  kafkaSaslUsername?: string;

  @Expose({ name: 'KAFKA_SASL_PASSWORD' })
  @ValidateIf((c: ServiceConfig) => c.kafkaSaslMechanism !== '')
  @IsString()
  @IsNotEmpty()
  kafkaSaslPassword?: string;

  /** False where the cluster's operators provision topics: a missing topic then stops the service at start-up. */
  @Expose({ name: 'KAFKA_CREATE_TOPICS' })
  @Transform(toBool)
  @IsBoolean()
  kafkaCreateTopics = true;

  /** Partitions of each topic created here: enough for a few consumer instances per service. */
  @Expose({ name: 'KAFKA_TOPIC_PARTITIONS' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  kafkaTopicPartitions = 3;

  /** -1: the broker's `default.replication.factor`. */
  @Expose({ name: 'KAFKA_TOPIC_REPLICATION_FACTOR' })
  @Transform(toInt)
  @IsInt()
  @Min(-1)
  @Max(32)
  kafkaTopicReplicationFactor = -1;

  /** Absent: the broker's `min.insync.replicas`. With acks from all in-sync replicas, how many must have a write. */
  @Expose({ name: 'KAFKA_TOPIC_MIN_INSYNC_REPLICAS' })
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(32)
  kafkaTopicMinInsyncReplicas?: number;

  @Expose({ name: 'MONGODB_URI' })
  @IsString()
  @IsNotEmpty()
  mongodbUri = 'mongodb://127.0.0.1:27017';

  /** Prefix of the service's database name (`<prefix><service>`): tests use their own. */
  @Expose({ name: 'MONGODB_DB_PREFIX' })
  @IsString()
  @MaxLength(40)
  mongodbDbPrefix = 'jobfair_';

  /** `production` turns development defaults of secrets into start-up errors. */
  @Expose({ name: 'NODE_ENV' })
  @IsString()
  nodeEnv = 'development';

  /** Shared with the gateway, which signs the tokens every service verifies. */
  @Expose({ name: 'JWT_SECRET' })
  @IsString()
  @MinLength(16)
  @ProductionSecret({ developmentValue: DEVELOPMENT_JWT_SECRET, minLength: PRODUCTION_SECRET_MIN_LENGTH })
  jwtSecret = DEVELOPMENT_JWT_SECRET;

  /** Bearer token a Prometheus scraper sends for `/metrics`; empty (development only): `/metrics` is open. */
  @Expose({ name: 'METRICS_TOKEN' })
  @IsString()
  @ProductionSecret({ developmentValue: '', minLength: PRODUCTION_SECRET_MIN_LENGTH })
  metricsToken = '';

  @Expose({ name: 'LOG_LEVEL' })
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel = 'info';

  /**
   * Where finished spans go (OpenTelemetry's variable, a list): `none` keeps traces to the
   * ids in the logs and the Kafka headers. The OTLP exporter reads its own `OTEL_EXPORTER_OTLP_*`
   * variables (endpoint, headers, timeout), the SDK `OTEL_TRACES_SAMPLER` and `OTEL_SERVICE_NAME`.
   */
  @Expose({ name: 'OTEL_TRACES_EXPORTER' })
  @Transform(toList)
  @IsIn(['none', 'console', 'otlp'], { each: true })
  tracesExporters: string[] = ['none'];

  /** OTLP over HTTP only (no gRPC client is shipped); protobuf is OpenTelemetry's default. */
  @Expose({ name: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' })
  @IsOptional()
  @IsIn(['http/protobuf', 'http/json'])
  otlpTracesProtocol?: string;

  @Expose({ name: 'OTEL_EXPORTER_OTLP_PROTOCOL' })
  @IsIn(['http/protobuf', 'http/json'])
  otlpProtocol = 'http/protobuf';

  /** Suffix of the consumer group (`<service><suffix>`): lets a test run its own group. */
  @Expose({ name: 'KAFKA_GROUP_SUFFIX' })
  @IsString()
  @MaxLength(60)
  kafkaGroupSuffix = '';

  /** First delay before a handler that failed transiently (e.g. the database away) is tried again; doubles. */
  @Expose({ name: 'CONSUMER_RETRY_BACKOFF_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60000)
  consumerRetryBackoffMs = 200;

  /** How long an `Idempotency-Key`'s first answer is replayed (API.md: 24 hours). */
  @Expose({ name: 'IDEMPOTENCY_TTL_SECONDS' })
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  idempotencyTtlSeconds = 24 * 3600;

  /** After this long a request that claimed a key and never answered (its process crashed) is given up: a retry acts. */
  @Expose({ name: 'IDEMPOTENCY_PENDING_SECONDS' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  idempotencyPendingSeconds = 120;

  /** The Retry-After of a 409 for a key whose first request still runs: a careful client asks again then. */
  @Expose({ name: 'IDEMPOTENCY_RETRY_AFTER_SECONDS' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  idempotencyRetryAfterSeconds = 1;

  /**
   * How long the group waits for a silent consumer before giving its partitions to the others.
   * A restarted service joins only once its killed predecessor is dropped, so this is most of its
   * time to ready after a kill -9 (kafkajs's 30 s was). At least the broker's
   * `group.min.session.timeout.ms` (6 s by default).
   */
  @Expose({ name: 'KAFKA_SESSION_TIMEOUT_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(6000)
  @Max(300000)
  kafkaSessionTimeoutMs = 10000;

  /** Cap of that delay; below the Kafka session timeout, since the consumer heartbeats between retries. */
  @Expose({ name: 'CONSUMER_RETRY_MAX_BACKOFF_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @ValidateBy({
    name: 'belowSessionTimeout',
    validator: {
      validate: (value, args) => typeof value === 'number' && value < (args?.object as ServiceConfig).kafkaSessionTimeoutMs,
      defaultMessage: () => 'must be below KAFKA_SESSION_TIMEOUT_MS (the consumer heartbeats between retries)',
    },
  })
  consumerRetryMaxBackoffMs = 5000;

  /**
   * Most events a batching consumer applies in one call (one database round trip); a
   * fetch holds up to 1 MB per partition. Also what one transient failure repeats.
   */
  @Expose({ name: 'CONSUMER_BATCH_MAX_EVENTS' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  consumerBatchMaxEvents = 500;

  /**
   * How often a consumer commits the offsets of the events it applied (0: after every batch).
   * At most this much is applied again after a kill -9 or a rebalance; handlers are idempotent.
   */
  @Expose({ name: 'CONSUMER_COMMIT_INTERVAL_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  consumerCommitIntervalMs = 1000;

  @Expose({ name: 'OUTBOX_SWEEP_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(600000)
  outboxSweepMs = 2000;

  @Expose({ name: 'OUTBOX_BATCH_MAX_MESSAGES' })
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  outboxBatchMaxMessages = 500;

  /** Below the broker's `message.max.bytes` (1 MB by default). */
  @Expose({ name: 'OUTBOX_BATCH_MAX_BYTES' })
  @Transform(toInt)
  @IsInt()
  @Min(16 * 1024)
  @Max(100 * 1024 * 1024)
  outboxBatchMaxBytes = 900 * 1024;

  @Expose({ name: 'OUTBOX_LEASE_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  outboxLeaseMs = 30000;

  @Expose({ name: 'OUTBOX_RETRY_MAX_MS' })
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3600000)
  outboxRetryMaxMs = 60000;
}

const DEVELOPMENT_PERSONAL_DATA_KEY = 'local-development-personal-data-key-change-me';

/**
 * The services on the centre's side (seekers, fairs, matcher): they seal and open personal data
 * in events (crypto-erasure), so they share the key-encryption key; the employers service and the
 * gateway never hold it.
 */
export class CentreServiceConfig extends ServiceConfig {
  /** Wraps every data key on the key topics: whoever has it and a key topic can open what is not yet erased. */
  @Expose({ name: 'PERSONAL_DATA_KEY' })
  @IsString()
  @MinLength(16)
  @ProductionSecret({ developmentValue: DEVELOPMENT_PERSONAL_DATA_KEY, minLength: PRODUCTION_SECRET_MIN_LENGTH })
  personalDataKey = DEVELOPMENT_PERSONAL_DATA_KEY;
}

/** Where the brokers are and how to authenticate, for every Kafka client of a service. */
export function kafkaConnection(config: ServiceConfig): KafkaConnection {
  return {
    brokers: config.kafkaBrokers,
    security: {
      tls: config.kafkaTls ? { caFile: config.kafkaTlsCaFile, rejectUnauthorized: config.kafkaTlsRejectUnauthorized } : undefined,
      sasl: config.kafkaSaslMechanism
        ? { mechanism: config.kafkaSaslMechanism, username: config.kafkaSaslUsername!, password: config.kafkaSaslPassword! }
        : undefined,
    },
  };
}

export function topicSettings(config: ServiceConfig): TopicSettings {
  return {
    create: config.kafkaCreateTopics,
    partitions: config.kafkaTopicPartitions,
    replicationFactor: config.kafkaTopicReplicationFactor,
    minInsyncReplicas: config.kafkaTopicMinInsyncReplicas,
  };
}

/** Reads and validates a config class from the environment; throws one line naming every bad variable. */
export function loadConfig<T extends ServiceConfig>(
  type: new () => T,
  defaults: Partial<Record<string, string>>,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const raw = { ...defaults, ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) };
  const config = plainToInstance(type, raw, { excludeExtraneousValues: true, exposeDefaultValues: true });
  const errors = describeValidationErrors(validateSync(config));
  if (errors.length) {
    // class-validator names the property; the operator needs the environment variable.
    const lines = errors.map((line) => {
      const property = line.split(':')[0];
      const variable = defaultMetadataStorage.findExposeMetadata(type, property)?.options.name ?? property;
      return `${variable}${line.slice(property.length)}`;
    });
    throw new Error(`invalid configuration: ${lines.join('; ')}`);
  }
  return config;
}
