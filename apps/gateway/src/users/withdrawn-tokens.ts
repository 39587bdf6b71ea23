import type { JwtService } from '@nestjs/jwt';
import type { RequestHandler } from 'express';
import { bearerToken } from '@jobfair/platform';
import type { UsersService } from './users.service';

const WITHDRAWN = 'this token was withdrawn (its user was changed or disabled since): sign in again';

/**
 * Refuses (401) a request whose bearer token was withdrawn: its user's role or employer was
 * changed, or the user disabled, after it was issued. Every public request comes through the
 * gateway, so the services, which verify tokens without the users' records, need not know.
 * A token that does not even decode is left to the guard that verifies it (401 there).
 */
export function refuseWithdrawnTokens(users: UsersService, jwt: JwtService, retryAfterSeconds: number): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req.headers.authorization);
    const claims = token ? jwt.decode<{ sub?: unknown; ver?: unknown } | null>(token) : null;
    if (!claims || typeof claims.sub !== 'string') return next();
    users.tokenStands(claims.sub, typeof claims.ver === 'number' ? claims.ver : 0).then(
      (stands) => (stands ? next() : res.status(401).json({ statusCode: 401, error: 'Unauthorized', message: WITHDRAWN })),
      // Unchecked is not let through: the caller asks again (the users' database is away for a moment).
      () =>
        res
          .status(503)
          .set('Retry-After', String(retryAfterSeconds))
          .json({ statusCode: 503, error: 'Service Unavailable', message: 'cannot check the token now' }),
    );
  };
}
