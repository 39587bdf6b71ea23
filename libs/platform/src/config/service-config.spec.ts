import { CentreServiceConfig, ServiceConfig, kafkaConnection, loadConfig, topicSettings } from './service-config';

describe('loadConfig', () => {
  it('applies defaults and converts types', () => {
    const config = loadConfig(ServiceConfig, { PORT: '3001' }, { KAFKA_BROKERS: 'a:1, b:2', OUTBOX_SWEEP_MS: '500' });
    expect(config.port).toBe(3001);
    expect(config.kafkaBrokers).toEqual(['a:1', 'b:2']);
    expect(config.outboxSweepMs).toBe(500);
    expect(config.mongodbUri).toBe('mongodb://127.0.0.1:27017');
  });

  it('caps the consumer retry backoff below the Kafka session timeout', () => {
    const defaults = loadConfig(ServiceConfig, { PORT: '3001' }, {});
    expect([defaults.consumerRetryMaxBackoffMs, defaults.kafkaSessionTimeoutMs]).toEqual([5000, 10000]);
    expect(() => loadConfig(ServiceConfig, { PORT: '3001' }, { CONSUMER_RETRY_MAX_BACKOFF_MS: '10000' })).toThrow(
      /^invalid configuration: CONSUMER_RETRY_MAX_BACKOFF_MS: must be below KAFKA_SESSION_TIMEOUT_MS/,
    );
    const longer = { KAFKA_SESSION_TIMEOUT_MS: '45000', CONSUMER_RETRY_MAX_BACKOFF_MS: '20000' };
    expect(loadConfig(ServiceConfig, { PORT: '3001' }, longer).consumerRetryMaxBackoffMs).toBe(20000);
    expect(() => loadConfig(ServiceConfig, { PORT: '3001' }, { KAFKA_SESSION_TIMEOUT_MS: '3000' })).toThrow(
      /^invalid configuration: KAFKA_SESSION_TIMEOUT_MS: .*6000/,
    );
  });

  it('fails with one line naming each bad environment variable', () => {
    expect(() => loadConfig(ServiceConfig, { PORT: '3001' }, { PORT: 'eighty', JWT_SECRET: 'short', LOG_LEVEL: 'loud' })).toThrow(
      /^invalid configuration: PORT: .*; JWT_SECRET: .*longer than or equal to 16.*; LOG_LEVEL: .*$/,
    );
  });

  it('builds the Kafka connection and topic settings; the local broker needs neither TLS nor SASL', () => {
    const local = loadConfig(ServiceConfig, { PORT: '3001' }, {});
    expect(kafkaConnection(local)).toEqual({ brokers: ['127.0.0.1:9092'], security: { tls: undefined, sasl: undefined } });
    expect(topicSettings(local)).toEqual({ create: true, partitions: 3, replicationFactor: -1, minInsyncReplicas: undefined });

    const cluster = loadConfig(
      ServiceConfig,
      { PORT: '3001' },
      {
        KAFKA_TLS: 'true',
        KAFKA_TLS_CA_FILE: '/etc/kafka/ca.pem',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'matcher',
        KAFKA_SASL_PASSWORD: 'secret',
        KAFKA_CREATE_TOPICS: 'false',
        KAFKA_TOPIC_PARTITIONS: '12',
        KAFKA_TOPIC_REPLICATION_FACTOR: '3',
        KAFKA_TOPIC_MIN_INSYNC_REPLICAS: '2',
      },
    );
    expect(kafkaConnection(cluster).security).toEqual({
      tls: { caFile: '/etc/kafka/ca.pem', rejectUnauthorized: true },
      sasl: { mechanism: 'scram-sha-512', username: 'matcher', password: 'secret' },
    });
    expect(topicSettings(cluster)).toEqual({ create: false, partitions: 12, replicationFactor: 3, minInsyncReplicas: 2 });
  });

  it('refuses SASL without credentials and a flag that is not true or false, naming the variables', () => {
    expect(() => loadConfig(ServiceConfig, { PORT: '3001' }, { KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_TLS: 'yes' })).toThrow(
      /KAFKA_TLS: .*KAFKA_SASL_USERNAME: .*KAFKA_SASL_PASSWORD: /,
    );
    expect(() => loadConfig(ServiceConfig, { PORT: '3001' }, { OUTBOX_BATCH_MAX_BYTES: '100', OUTBOX_LEASE_MS: '0' })).toThrow(
      /OUTBOX_BATCH_MAX_BYTES: .*OUTBOX_LEASE_MS: /,
    );
  });
});

describe('secrets in production', () => {
  const production = { NODE_ENV: 'production' };

  it('the development JWT secret is refused with NODE_ENV=production, in one line naming the variable', () => {
    expect(() => loadConfig(ServiceConfig, { PORT: '3001' }, production)).toThrow(
      /^invalid configuration: JWT_SECRET: must be set to a value of your own, at least 32 characters, when NODE_ENV=production/,
    );
  });

  it('a secret too short for production is refused there, and accepted in development', () => {
    const short = { JWT_SECRET: 'sixteen-chars-ok' };
    expect(() => loadConfig(ServiceConfig, { PORT: '3001' }, { ...production, ...short })).toThrow(/JWT_SECRET: must be set/);
    expect(loadConfig(ServiceConfig, { PORT: '3001' }, short).jwtSecret).toBe('sixteen-chars-ok');
  });

  it('a long secret of its own starts the service in production', () => {
    const secret = 'a-production-secret-of-forty-characters!';
    const config = loadConfig(ServiceConfig, { PORT: '3001' }, { ...production, JWT_SECRET: secret, METRICS_TOKEN: `metrics-${secret}` });
    expect([config.jwtSecret, config.metricsToken]).toEqual([secret, `metrics-${secret}`]);
  });

  it('open /metrics is for development: production needs a METRICS_TOKEN of its own', () => {
    const secret = { JWT_SECRET: 'a-production-secret-of-forty-characters!' };
    expect(() => loadConfig(ServiceConfig, { PORT: '3001' }, { ...production, ...secret })).toThrow(
      /^invalid configuration: METRICS_TOKEN: must be set to a value of your own, at least 32 characters/,
    );
    expect(loadConfig(ServiceConfig, { PORT: '3001' }, secret).metricsToken).toBe('');
  });

  it('the centre-side services refuse the development PERSONAL_DATA_KEY in production; employers and the gateway have none', () => {
    const others = { JWT_SECRET: 'a-production-secret-of-forty-characters!', METRICS_TOKEN: 'a-metrics-token-of-forty-characters-long' };
    expect(() => loadConfig(CentreServiceConfig, { PORT: '3002' }, { ...production, ...others })).toThrow(
      /^invalid configuration: PERSONAL_DATA_KEY: must be set to a value of your own, at least 32 characters/,
    );
    const key = 'a-personal-data-key-of-forty-characters!';
    expect(loadConfig(CentreServiceConfig, { PORT: '3002' }, { ...production, ...others, PERSONAL_DATA_KEY: key }).personalDataKey).toBe(
      key,
    );
    expect(loadConfig(ServiceConfig, { PORT: '3001' }, { ...production, ...others })).not.toHaveProperty('personalDataKey');
  });
});
