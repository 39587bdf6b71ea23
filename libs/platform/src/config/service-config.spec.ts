import { ServiceConfig, loadConfig } from './service-config';

describe('loadConfig', () => {
  it('applies defaults and converts types', () => {
    const config = loadConfig(ServiceConfig, { PORT: '3001' }, { KAFKA_BROKERS: 'a:1, b:2', OUTBOX_SWEEP_MS: '500' });
    expect(config.port).toBe(3001);
    expect(config.kafkaBrokers).toEqual(['a:1', 'b:2']);
    expect(config.outboxSweepMs).toBe(500);
    expect(config.mongodbUri).toBe('mongodb://127.0.0.1:27017');
  });

  it('caps the consumer retry backoff below the Kafka session timeout', () => {
    expect(loadConfig(ServiceConfig, { PORT: '3001' }, {}).consumerRetryMaxBackoffMs).toBe(5000);
    expect(() => loadConfig(ServiceConfig, { PORT: '3001' }, { CONSUMER_RETRY_MAX_BACKOFF_MS: '60000' })).toThrow(
      /^invalid configuration: CONSUMER_RETRY_MAX_BACKOFF_MS: .*20000/,
    );
  });

  it('fails with one line naming each bad environment variable', () => {
    expect(() => loadConfig(ServiceConfig, { PORT: '3001' }, { PORT: 'eighty', JWT_SECRET: 'short', LOG_LEVEL: 'loud' })).toThrow(
      /^invalid configuration: PORT: .*; JWT_SECRET: .*longer than or equal to 16.*; LOG_LEVEL: .*$/,
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
    expect(loadConfig(ServiceConfig, { PORT: '3001' }, { ...production, JWT_SECRET: secret }).jwtSecret).toBe(secret);
  });
});
