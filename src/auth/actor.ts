import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Role } from './role';
import { Language } from '../users/language';

export interface ActorRole {
  role: Role;
  siteId: string | null;
  siteCode: string | null;
}

/** The authenticated user a request acts for, loaded fresh on every request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  language: Language;
  roles: ActorRole[];
}

/** The authenticated actor of the request: `method(@Actor() actor: Actor)`. */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ user: Actor }>().user;
});

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.some((held) => held.role === role);
}
