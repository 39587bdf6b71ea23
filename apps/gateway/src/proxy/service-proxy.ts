import { Agent } from 'http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request } from 'express';
import { createProxyMiddleware, fixRequestBody } from 'http-proxy-middleware';
import type { ServiceName } from '@jobfair/contracts';
import { labelRoute } from '@jobfair/platform';
import type { GatewayConfig } from '../gateway-config';
import { UpstreamAdmission } from './admission';

/** The public resource a path names (API.md): its first segment, or a fair's recommendations (the matcher's). */
function resourceOf(path: string): string {
  const [first, id, sub] = path.replace(/^\/+/, '').split('/');
  return first === 'fairs' && id && sub === 'recommendations' ? 'fairs/:id/recommendations' : first;
}

type DomainService = Exclude<ServiceName, 'gateway'>;

/** Which service answers a public path. */
export function serviceOf(path: string): DomainService | undefined {
  switch (resourceOf(path)) {
    case 'employers':
    case 'openings':
      return 'employers';
    case 'seekers':
      return 'seekers';
    case 'fairs':
      return 'fairs';
    case 'fairs/:id/recommendations':
    case 'matching':
    case 'matches':
    case 'placements':
    case 'plans':
    case 'reports':
      return 'matcher';
    default:
      return undefined;
  }
}

/** Where the service that answers a public path is. */
export function routeOf(path: string, config: GatewayConfig): string | undefined {
  const service = serviceOf(path);
  return (
    service && { employers: config.employersUrl, seekers: config.seekersUrl, fairs: config.fairsUrl, matcher: config.matcherUrl }[service]
  );
}

/** The route label of a proxied path in the gateway's metrics: the resource, never an id. */
export function proxiedRoute(path: string): string {
  return `/api/${resourceOf(path)}`;
}

/**
 * One origin: `/api/<path>` goes to the owning service's `/<path>`, bearer token and
 * all. Each service verifies the token and the route's roles itself, so a service
 * reached directly is as closed as through the gateway.
 */
export function mountServiceProxy(app: NestExpressApplication, config: GatewayConfig): void {
  const timedOut = new WeakSet<object>();
  const admission = new UpstreamAdmission({ maxInFlight: config.upstreamMaxInFlight, retryAfterSeconds: config.busyRetryAfterSeconds });
  const proxy = createProxyMiddleware<Request>({
    router: (req) => routeOf(req.path, config),
    pathFilter: (path) => routeOf(path.replace(/^\/api/, '').split('?')[0], config) !== undefined,
    pathRewrite: { '^/api': '' },
    changeOrigin: true,
    xfwd: true,
    // Without an agent the proxy opens a connection per request; kept-alive ones spare a handshake each.
    // A timeout makes Node's agent drop an idle connection before the service's keep-alive hint says the
    // service will (without one, Node 20 ignores the hint and may send on a connection being closed: a 502).
    agent: new Agent({ keepAlive: true, timeout: config.proxyTimeoutMs }),
    proxyTimeout: config.proxyTimeoutMs,
    on: {
      proxyReq: (proxyReq, req, res) => {
        // Nest has already parsed JSON bodies; send them on as they came.
        fixRequestBody(proxyReq, req);
        proxyReq.once('timeout', () => timedOut.add(req));
        labelRoute(res as { locals?: Record<string, unknown> }, proxiedRoute(req.path));
      },
      error: (error, req, res) => {
        if ('writeHead' in res && !res.headersSent) {
          // A service that did not answer in time may still do the work: 504, not 502 (not reached).
          const [status, title] = timedOut.has(req) ? [504, 'Gateway Timeout'] : [502, 'Bad Gateway'];
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ statusCode: status, error: title, message: `service unavailable: ${error.message}` }));
        }
      },
    },
  });
  app.use(
    '/api',
    admission.middleware((req) => serviceOf(req.path)),
    proxy,
  );
}
