import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ROLES, Role } from '@jobfair/contracts';
import { Actor, PUBLIC_KEY, ROLES_KEY } from './roles';

/** The token of an `Authorization: Bearer <token>` header, or undefined for any other. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const [scheme, token] = (authorization ?? '').split(' ');
  return scheme === 'Bearer' && token ? token : undefined;
}

/**
 * One guard for every HTTP route of every service: a valid bearer token (401
 * otherwise) whose role the route names (403 otherwise). Routes that name no role are
 * refused, so a forgotten decorator fails closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // Kafka handlers are not HTTP routes
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; actor?: Actor }>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedException('a bearer token is required');
    let claims: { sub: string; username: string; role: Role; employerId?: string };
    try {
      claims = await this.jwt.verifyAsync(token);
    } catch {
      throw new UnauthorizedException('the token is invalid or expired');
    }
    if (!ROLES.includes(claims.role)) throw new UnauthorizedException('the token has no known role');
    request.actor = { userId: claims.sub, username: claims.username, role: claims.role, employerId: claims.employerId };

    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!allowed.includes(claims.role)) throw new ForbiddenException(`role ${claims.role} may not do this`);
    return true;
  }
}
