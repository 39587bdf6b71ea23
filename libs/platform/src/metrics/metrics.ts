import type { RequestHandler } from 'express';
import type { MongoClient } from 'mongodb';
import { Counter, Histogram, collectDefaultMetrics, register } from 'prom-client';

/** From 5 ms (a cached read) to 10 s (a request queued behind a stalled dependency). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests served, by method, route (its pattern, not the URL: ids stay out of labels) and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: LATENCY_BUCKETS,
});

export const databaseCommands = new Counter({
  name: 'mongodb_commands_total',
  help: 'Commands sent to the database, by command and collection (round trips per operation: divide by the requests)',
  labelNames: ['command', 'collection'] as const,
});

export const databaseCommandDuration = new Histogram({
  name: 'mongodb_command_duration_seconds',
  help: 'Database commands by command and outcome, from sent to answered',
  labelNames: ['command', 'outcome'] as const,
  buckets: [0.001, 0.0025, ...LATENCY_BUCKETS],
});

/** The driver's own conversation, not part of the service's work. */
const DRIVER_COMMANDS = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'saslStart', 'saslContinue', 'buildInfo']);

let started = false;

/** Process metrics (CPU, memory, event-loop lag, GC) labelled with the service; once per process. */
export function startProcessMetrics(service: string): void {
  if (started) return;
  started = true;
  register.setDefaultLabels({ service });
  collectDefaultMetrics();
}

/** Where a handler outside Nest's router (the gateway's proxy) names the route it served. */
const ROUTE_LABEL = 'metricsRoute';

/** Names the route of a request that no Nest route serves, e.g. `/api/fairs` for what the gateway proxies. */
export function labelRoute(response: { locals?: Record<string, unknown> }, route: string): void {
  if (response.locals) response.locals[ROUTE_LABEL] = route;
}

/** The matched route's pattern, or the label a proxy gave: never the raw URL, so ids and scanners' paths stay out of labels. */
export function servedRoute(request: Parameters<RequestHandler>[0], response: Parameters<RequestHandler>[1]): string {
  const labelled = response.locals[ROUTE_LABEL];
  if (typeof labelled === 'string') return labelled;
  const route = (request.route as { path?: string } | undefined)?.path;
  return route ? `${request.baseUrl}${route}` : '(unmatched)';
}

export function httpMetrics(): RequestHandler {
  return (request, response, next) => {
    const end = httpRequestDuration.startTimer();
    response.on('finish', () => end({ method: request.method, route: servedRoute(request, response), status: response.statusCode }));
    next();
  };
}

/** Counts and times what the driver sends (the client must be created with `monitorCommands: true`). */
export function monitorDatabaseCommands(client: MongoClient): void {
  const names = new Map<number, string>();
  client.on('commandStarted', (event) => {
    if (DRIVER_COMMANDS.has(event.commandName)) return;
    const target = event.command[event.commandName] as unknown;
    databaseCommands.inc({ command: event.commandName, collection: typeof target === 'string' ? target : '' });
    names.set(event.requestId, event.commandName);
  });
  const finished = (outcome: string) => (event: { requestId: number; commandName: string; duration: number }) => {
    if (!names.delete(event.requestId)) return;
    databaseCommandDuration.observe({ command: event.commandName, outcome }, event.duration / 1000);
  };
  client.on('commandSucceeded', finished('ok'));
  client.on('commandFailed', finished('failed'));
}
