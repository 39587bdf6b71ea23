import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { context as traceContext } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { randomUUID } from 'crypto';
import { Observable } from 'rxjs';
import { withCorrelation } from '@jobfair/messaging';
import { requestTraceContext } from './request-trace';

/** A caller's (or the gateway's) id is kept when it is a plain token; anything else could forge log lines. */
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Every request has an id: the `X-Request-Id` it came with (the gateway's, so one id
 * crosses the proxy), or a new one. It is answered in `X-Request-Id` and is pino-http's
 * `reqId` on the request's log lines.
 */
export function requestIds(): RequestHandler {
  return (request, response, next) => {
    const given = request.headers['x-request-id'];
    const id = typeof given === 'string' && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
    (request as { id?: string }).id = id;
    request.headers['x-request-id'] = id; // what the gateway's proxy sends on
    response.setHeader('X-Request-Id', id);
    next();
  };
}

/**
 * The request's handler runs in the request's flow and its trace: the events it writes carry
 * its id as their correlation id and its trace context, its log lines both.
 */
@Injectable()
export class RequestFlowInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{ id?: string }>();
    const { id } = request;
    if (!id) return next.handle();
    const trace = requestTraceContext(request);
    return new Observable((subscriber) => withCorrelation(id, () => traceContext.with(trace, () => next.handle().subscribe(subscriber))));
  }
}
