import { SetMetadata, applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@jobfair/contracts';

export const ROLES_KEY = 'jobfair:roles';
export const PUBLIC_KEY = 'jobfair:public';

/**
 * Who may call a route. Every route names its roles; a route without is refused (deny by default).
 * The OpenAPI document learns the same: 401 without a valid bearer token, 403 for other roles.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiUnauthorizedResponse({ description: 'no valid bearer token' }),
    ApiForbiddenResponse({ description: `only for: ${roles.join(', ')}` }),
  );

/** Only for the token route and health checks. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The authenticated caller, from a verified token. */
export interface Actor {
  userId: string;
  username: string;
  role: Role;
  /** Set for role `employer`: the one employer whose data this user may see. */
  employerId?: string;
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ actor: Actor }>().actor;
});

/** The employer an actor is bound to, or undefined for centre staff who see all employers. */
export function employerScope(actor: Actor): string | undefined {
  return actor.role === 'employer' ? actor.employerId ?? '(none)' : undefined;
}
