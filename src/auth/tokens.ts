import { Actor, ActorRole } from './actor';
import { allRoles, Role } from './role';
import { Language } from '../users/language';

/**
 * What a bearer token carries: who, their roles as they were when it was issued, and their token
 * version. A change of roles, password or the account's state raises the version, which ends the
 * token at once (the check is folded into the request's first statement, or made by the guard).
 */
export interface TokenPayload {
  sub: string;
  ver: number;
  username: string;
  name: string;
  lang: Language;
  /** [role, site id, site code] */
  roles: [Role, string | null, string | null][];
  /** Set by the signer: seconds since 1970 when it stops being valid. */
  exp?: number;
}

export function tokenPayloadOf(actor: Actor, tokenVersion: number): TokenPayload {
  return {
    sub: actor.userId,
    ver: tokenVersion,
    username: actor.username,
    name: actor.displayName,
    lang: actor.language,
    roles: actor.roles.map((held) => [held.role, held.siteId, held.siteCode]),
  };
}

/** The actor of a verified token's payload; null for a payload of another shape (a token issued by an earlier version). */
export function actorOf(payload: Partial<TokenPayload>): { actor: Actor; tokenVersion: number } | null {
  if (typeof payload.sub !== 'string' || !Number.isInteger(payload.ver) || typeof payload.username !== 'string' || !Array.isArray(payload.roles)) return null;
  const roles: ActorRole[] = [];
  for (const held of payload.roles) {
    if (!Array.isArray(held) || !allRoles.includes(held[0])) return null;
    roles.push({ role: held[0], siteId: held[1] ?? null, siteCode: held[2] ?? null });
  }
  return {
    actor: {
      userId: payload.sub,
      username: payload.username,
      displayName: payload.name ?? payload.username,
      language: payload.lang ?? Language.English,
      roles,
    },
    tokenVersion: payload.ver as number,
  };
}
