import { Context, ROOT_CONTEXT, SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import type { RequestHandler } from 'express';
import { tracer } from '@jobfair/messaging';
import { servedRoute } from '../metrics/metrics';

/** Statuses from here on are the server's failure (a 4xx is the caller's). */
const SERVER_ERROR = 500;

/** Where a request keeps its trace context: Express' body parsing loses the async context, so it is entered again later. */
const TRACE_CONTEXT = Symbol('traceContext');

type TracedRequest = { [TRACE_CONTEXT]?: Context };

/** The trace context of a request's server span (the root one before `traceRequests` ran). */
export function requestTraceContext(request: object): Context {
  return (request as TracedRequest)[TRACE_CONTEXT] ?? ROOT_CONTEXT;
}

/**
 * A server span per request, child of the caller's W3C `traceparent` when it sent one (the
 * gateway's, so a request through the gateway is one trace). Named by method and route
 * pattern once answered, like the metrics: no ids in span names.
 */
export function traceRequests(): RequestHandler {
  return (request, response, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer().startSpan(
      request.method,
      { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: request.method, [ATTR_URL_PATH]: request.path } },
      parent,
    );
    const traced = trace.setSpan(parent, span);
    (request as TracedRequest)[TRACE_CONTEXT] = traced;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const route = servedRoute(request, response);
      span.updateName(`${request.method} ${route}`);
      span.setAttributes({ [ATTR_HTTP_ROUTE]: route, [ATTR_HTTP_RESPONSE_STATUS_CODE]: response.statusCode });
      if (response.statusCode >= SERVER_ERROR) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    response.on('finish', end);
    response.on('close', end);
    context.with(traced, next);
  };
}
