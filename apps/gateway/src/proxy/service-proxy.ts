import { Agent } from 'http';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { propagation } from '@opentelemetry/api';
import type { ClientRequest } from 'http';
import type { Request, RequestHandler } from 'express';
import { createProxyMiddleware, fixRequestBody } from 'http-proxy-middleware';
import { traceFields } from '@jobfair/messaging';
import { labelRoute, requestTraceContext } from '@jobfair/platform';
import type { DomainService, GatewayConfig } from '../gateway-config';
import { UpstreamAdmission } from './admission';

/** The public resource a path names (API.md): its first segment, or a fair's recommendations (the matcher's). */
function resourceOf(path: string): string {
  const [first, id, sub] = path.replace(/^\/+/, '').split('/');
  return first === 'fairs' && id && sub === 'recommendations' ? 'fairs/:id/recommendations' : first;
}

/** Which service answers a public path. */
export function serviceOf(path: string): DomainService | undefined {
  switch (resourceOf(path)) {
    case 'employers':
    case 'openings':
      return 'employers';
    case 'seekers':
      return 'seekers';
    case 'fairs':
    case 'attendance':
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

/**
 * Where the service that answers a public path is, its instances taken in turn (round robin):
 * every instance of a service answers every request alike (their state is in the database), so
 * requests spread evenly without anything shared between gateways.
 */
export class ServiceRoutes {
  private readonly turns = new Map<DomainService, number>();

  constructor(private readonly instances: Record<DomainService, string[]>) {}

  next(path: string): string | undefined {
    const service = serviceOf(path);
    if (!service) return undefined;
    const urls = this.instances[service];
    const turn = this.turns.get(service) ?? 0;
    this.turns.set(service, (turn + 1) % urls.length);
    return urls[turn];
  }
}

/** The route label of a proxied path in the gateway's metrics: the resource, never an id. */
export function proxiedRoute(path: string): string {
  return `/api/${resourceOf(path)}`;
}

const NS_PER_MS = 1_000_000;

/** What the log line of a proxied request says, as the services' `request completed` lines. */
interface ProxiedRequestLine {
  req: { id?: string; method: string; url: string };
  res: { statusCode: number };
  responseTime: number;
  trace_id?: string;
  span_id?: string;
}

/**
 * Access log of the proxied requests (Nest's request logging never sees them: the proxy
 * answers first). The path only: query strings are dropped, since values there can be
 * personal data (`GET /seekers?nationalId=...`); path segments are ids.
 */
function logProxiedRequests(proxied: (path: string) => boolean, logger: Logger): RequestHandler {
  return (request, response, next) => {
    if (!proxied(request.path)) return next();
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const line: ProxiedRequestLine = {
        req: { id: (request as { id?: string }).id, method: request.method, url: request.originalUrl.split('?')[0] },
        res: { statusCode: response.statusCode },
        responseTime: Math.round(Number(process.hrtime.bigint() - started) / NS_PER_MS),
        ...traceFields(requestTraceContext(request)),
      };
      logger.log({ ...line, msg: 'request completed' });
    });
    next();
  };
}

/**
 * One origin: `/api/<path>` goes to the owning service's `/<path>`, bearer token and
 * all. Each service verifies the token and the route's roles itself, so a service
 * reached directly is as closed as through the gateway.
 */
export function mountServiceProxy(app: NestExpressApplication, config: GatewayConfig, tokenCheck: RequestHandler): void {
  const timedOut = new WeakSet<object>();
  const admission = new UpstreamAdmission({ maxInFlight: config.upstreamMaxInFlight, retryAfterSeconds: config.busyRetryAfterSeconds });
  const proxied = (path: string) => serviceOf(path.replace(/^\/api/, '').split('?')[0]) !== undefined;
  const routes = new ServiceRoutes(config.instances());
  const proxy = createProxyMiddleware<Request>({
    router: (req) => routes.next(req.path),
    pathFilter: proxied,
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
        // The service's span is a child of the gateway's: one trace from the caller on. Before the body is written.
        propagation.inject(requestTraceContext(req), proxyReq, {
          set: (carrier: ClientRequest, key, value) => carrier.setHeader(key, value),
        });
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
  // Logged first, so a request the gateway sheds is in the access log too. The token check sees the
  // gateway's own routes as well (the proxy passes them on).
  app.use(
    '/api',
    logProxiedRequests(proxied, new Logger('GatewayProxy')),
    tokenCheck,
    admission.middleware((req) => serviceOf(req.path)),
    proxy,
  );
}
