import { plainToInstance } from 'class-transformer';
import { GatewayConfig } from '../gateway-config';
import { routeOf } from './service-proxy';

describe('gateway routing (API.md)', () => {
  const config = plainToInstance(GatewayConfig, {}, { exposeDefaultValues: true });

  it.each([
    ['/employers', config.employersUrl],
    ['/openings/abc/close', config.employersUrl],
    ['/seekers/abc', config.seekersUrl],
    ['/fairs/abc/check-ins/batch', config.fairsUrl],
    ['/attendance', config.fairsUrl],
    ['/fairs/abc/recommendations', config.matcherUrl],
    ['/matching/runs', config.matcherUrl],
    ['/matches/abc/approve', config.matcherUrl],
    ['/placements/abc/status', config.matcherUrl],
    ['/plans', config.matcherUrl],
    ['/reports/summary', config.matcherUrl],
  ])('%s goes to %s', (path, url) => {
    expect(routeOf(path, config)).toBe(url);
  });

  it('leaves the gateway its own routes and unknown paths', () => {
    expect(routeOf('/auth/token', config)).toBeUndefined();
    expect(routeOf('/users', config)).toBeUndefined();
    expect(routeOf('/docs', config)).toBeUndefined();
    expect(routeOf('/nothing', config)).toBeUndefined();
  });
});
