import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role } from '@jobfair/contracts';

export const ROLES_KEY = 'jobfair:roles';
export const PUBLIC_KEY = 'jobfair:public';

/** Who may call a route. Every route names its roles; a route without is refused (deny by default). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

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
  return actor.role === 'employer' ? (actor.employerId ?? '(none)') : undefined;
}
