import { Expose, Transform, plainToInstance } from 'class-transformer';
import { ArrayMinSize, IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, MinLength, validateSync } from 'class-validator';
// The package's own metadata store: it knows which variable name each property is exposed as.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { describeValidationErrors } from '@jobfair/contracts';
import { ProductionSecret } from './production-secret';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

const DEVELOPMENT_JWT_SECRET = 'local-development-secret-change-me';
/** 32 characters: 192 bits and more from a password generator. */
export const PRODUCTION_SECRET_MIN_LENGTH = 32;

/**
 * Configuration every service shares, from environment variables with defaults that
 * work locally. Validated at start-up: a bad value stops the service with one line
 * naming the variable. Services extend it with their own settings.
 */
export class ServiceConfig {
  @Expose({ name: 'PORT' }) @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  port!: number;

  @Expose({ name: 'HOST' }) @IsString() @IsNotEmpty()
  host = '0.0.0.0';

  @Expose({ name: 'KAFKA_BROKERS' }) @Transform(toList) @IsString({ each: true }) @ArrayMinSize(1)
  kafkaBrokers: string[] = ['127.0.0.1:9092'];

  @Expose({ name: 'MONGODB_URI' }) @IsString() @IsNotEmpty()
  mongodbUri = 'mongodb://127.0.0.1:27017';

  /** Prefix of the service's database name (`<prefix><service>`): tests use their own. */
  @Expose({ name: 'MONGODB_DB_PREFIX' }) @IsString() @MaxLength(40)
  mongodbDbPrefix = 'jobfair_';

  /** `production` turns development defaults of secrets into start-up errors. */
  @Expose({ name: 'NODE_ENV' }) @IsString()
  nodeEnv = 'development';

  /** Shared with the gateway, which signs the tokens every service verifies. */
  @Expose({ name: 'JWT_SECRET' }) @IsString() @MinLength(16)
  @ProductionSecret({ developmentValue: DEVELOPMENT_JWT_SECRET, minLength: PRODUCTION_SECRET_MIN_LENGTH })
  jwtSecret = DEVELOPMENT_JWT_SECRET;

  @Expose({ name: 'LOG_LEVEL' }) @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  logLevel = 'info';

  /** Suffix of the consumer group (`<service><suffix>`): lets a test run its own group. */
  @Expose({ name: 'KAFKA_GROUP_SUFFIX' }) @IsString() @MaxLength(60)
  kafkaGroupSuffix = '';

  /** First delay before a handler that failed transiently (e.g. the database away) is tried again; doubles. */
  @Expose({ name: 'CONSUMER_RETRY_BACKOFF_MS' }) @Transform(toInt) @IsInt() @Min(1) @Max(60000)
  consumerRetryBackoffMs = 200;

  /** Cap of that delay; below the Kafka session timeout (30 s), since the consumer heartbeats between retries. */
  @Expose({ name: 'CONSUMER_RETRY_MAX_BACKOFF_MS' }) @Transform(toInt) @IsInt() @Min(1) @Max(20000)
  consumerRetryMaxBackoffMs = 5000;

  @Expose({ name: 'OUTBOX_SWEEP_MS' }) @Transform(toInt) @IsInt() @Min(50) @Max(600000)
  outboxSweepMs = 2000;
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
