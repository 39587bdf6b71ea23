import type { RequestHandler } from 'express';
import { timingSafeEqual } from 'crypto';

/**
 * Whether `authorization` is `Bearer <token>`, compared in constant time. The operators'
 * token (`METRICS_TOKEN`) opens what is for machines, not users: `/metrics`, and in
 * production a service's own API document (the gateway merges them with it).
 */
export function bearsToken(authorization: string | undefined, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(authorization ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Express middleware: 401 unless the request bears the operators' token. */
export function operatorsOnly(token: string): RequestHandler {
  return (request, response, next) => {
    if (bearsToken(request.headers.authorization, token)) return next();
    response
      .status(401)
      .json({ statusCode: 401, error: 'Unauthorized', message: 'the operators token is required (Authorization: Bearer <METRICS_TOKEN>)' });
  };
}
