import { loadConfig } from '@jobfair/platform';
import { GatewayConfig } from './gateway-config';
import { GATEWAY_SERVICE } from './service-spec';

describe('the gateway configuration in production', () => {
  const secret = { JWT_SECRET: 'a-production-secret-of-forty-characters!', METRICS_TOKEN: 'a-metrics-token-of-forty-characters-too!' };

  it('refuses the published administrator password, naming ADMIN_PASSWORD', () => {
    expect(() => loadConfig(GatewayConfig, GATEWAY_SERVICE.defaults, { NODE_ENV: 'production', ...secret })).toThrow(
      /^invalid configuration: ADMIN_PASSWORD: must be set to a value of your own, at least 12 characters/,
    );
  });

  it('accepts a password of its own, and the development one on a laptop', () => {
    const production = loadConfig(GatewayConfig, GATEWAY_SERVICE.defaults, {
      NODE_ENV: 'production',
      ...secret,
      ADMIN_PASSWORD: 'correct-horse-battery',
    });
    expect(production.adminPassword).toBe('correct-horse-battery');
    expect(loadConfig(GatewayConfig, GATEWAY_SERVICE.defaults, {}).adminPassword).toBe('admin-change-me');
  });
});
