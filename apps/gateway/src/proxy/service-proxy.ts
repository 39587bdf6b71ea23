import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request } from 'express';
import { createProxyMiddleware, fixRequestBody } from 'http-proxy-middleware';
import { labelRoute } from '@jobfair/platform';
import type { GatewayConfig } from '../gateway-config';

/** The public resource a path names (API.md): its first segment, or a fair's recommendations (the matcher's). */
function resourceOf(path: string): string {
  const [first, id, sub] = path.replace(/^\/+/, '').split('/');
  return first === 'fairs' && id && sub === 'recommendations' ? 'fairs/:id/recommendations' : first;
}

/** Which service answers a public path. */
export function routeOf(path: string, config: GatewayConfig): string | undefined {
  switch (resourceOf(path)) {
    case 'employers':
    case 'openings':
      return config.employersUrl;
    case 'seekers':
      return config.seekersUrl;
    case 'fairs':
      return config.fairsUrl;
    case 'fairs/:id/recommendations':
    case 'matching':
    case 'matches':
    case 'placements':
    case 'plans':
    case 'reports':
      return config.matcherUrl;
    default:
      return undefined;
  }
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
  const proxy = createProxyMiddleware<Request>({
    router: (req) => routeOf(req.path, config),
    pathFilter: (path) => routeOf(path.replace(/^\/api/, '').split('?')[0], config) !== undefined,
    pathRewrite: { '^/api': '' },
    changeOrigin: true,
    xfwd: true,
    proxyTimeout: 60000,
    on: {
      proxyReq: (proxyReq, req, res) => {
        // Nest has already parsed JSON bodies; send them on as they came.
        fixRequestBody(proxyReq, req);
        labelRoute(res as { locals?: Record<string, unknown> }, proxiedRoute(req.path));
      },
      error: (error, _req, res) => {
        if ('writeHead' in res && !res.headersSent) {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ statusCode: 502, error: 'Bad Gateway', message: `service unavailable: ${error.message}` }));
        }
      },
    },
  });
  app.use('/api', proxy);
}
