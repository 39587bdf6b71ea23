import { plainToInstance } from 'class-transformer';
import { loadConfig } from '@jobfair/platform';
import { GatewayConfig } from '../gateway-config';
import { GATEWAY_SERVICE } from '../service-spec';
import { ServiceRoutes } from './service-proxy';

describe('gateway routing (API.md)', () => {
  const config = plainToInstance(GatewayConfig, {}, { exposeDefaultValues: true });
  const [employers, seekers, fairs, matcher] = [config.employersUrls, config.seekersUrls, config.fairsUrls, config.matcherUrls].map(
    ([url]) => url,
  );

  it.each([
    ['/employers', employers],
    ['/openings/abc/close', employers],
    ['/seekers/abc', seekers],
    ['/fairs/abc/check-ins/batch', fairs],
    ['/attendance', fairs],
    ['/fairs/abc/recommendations', matcher],
    ['/matching/runs', matcher],
    ['/matches/abc/approve', matcher],
    ['/placements/abc/status', matcher],
    ['/plans', matcher],
    ['/reports/summary', matcher],
  ])('%s goes to %s', (path, url) => {
    expect(new ServiceRoutes(config.instances()).next(path)).toBe(url);
  });

  it('leaves the gateway its own routes and unknown paths', () => {
    const routes = new ServiceRoutes(config.instances());
    for (const path of ['/auth/token', '/users', '/docs', '/nothing']) expect(routes.next(path)).toBeUndefined();
  });

  it("takes a service's instances in turn, each service on its own", () => {
    const two = loadConfig(GatewayConfig, GATEWAY_SERVICE.defaults, { MATCHER_URL: 'http://127.0.0.1:3004, http://127.0.0.1:3014' });
    const routes = new ServiceRoutes(two.instances());
    const sent = ['/placements', '/matches/a', '/employers', '/plans', '/reports/summary'].map((path) => routes.next(path));
    expect(sent).toEqual(['http://127.0.0.1:3004', 'http://127.0.0.1:3014', employers, 'http://127.0.0.1:3004', 'http://127.0.0.1:3014']);
  });

  it('refuses an instance list with a URL that is not one, naming the variable', () => {
    expect(() => loadConfig(GatewayConfig, GATEWAY_SERVICE.defaults, { FAIRS_URL: 'http://127.0.0.1:3003,fairs-two' })).toThrow(
      /FAIRS_URL/,
    );
  });
});
