import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Role, isSiteRole } from './role';
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

/** Auditors and administrators see every site; everyone else the sites they hold a role at. */
export function readsEverySite(actor: Actor): boolean {
  return hasRole(actor, Role.Auditor) || hasRole(actor, Role.Admin);
}

export function siteIdsOf(actor: Actor): string[] {
  return [...new Set(actor.roles.filter((held) => isSiteRole(held.role) && held.siteId).map((held) => held.siteId!))];
}

export function canReadSite(actor: Actor, siteId: string): boolean {
  return readsEverySite(actor) || siteIdsOf(actor).includes(siteId);
}
