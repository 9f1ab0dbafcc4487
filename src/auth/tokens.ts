import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import type { AuthMethod } from './second-factor';
import { Actor, ActorRole } from './actor';
import { allRoles, Role } from './role';
import { Language } from '../users/language';

/**
 * What a bearer token carries: who, their roles as they were when it was issued, their token
 * version, and when they signed in. A change of roles, password or the account's state raises the
 * version, which ends the token at once (the check is folded into the request's first statement,
 * or made by the guard). A refresh keeps the sign-in time, so no token outlives SESSION_MAX_HOURS
 * after its sign-in however often it is refreshed.
 */
export interface TokenPayload {
  sub: string;
  ver: number;
  username: string;
  name: string;
  lang: Language;
  /** [role, site id, site code] */
  roles: [Role, string | null, string | null][];
  /** Seconds since 1970 when the user signed in with their password (OpenID Connect's name for it). */
  auth_time: number;
  /** How the sign-in was proven (RFC 8176): `pwd` or `oidc`, and `otp` when a second factor was given. */
  amr: AuthMethod[];
  /** Set by the signer: seconds since 1970 when it was issued. */
  iat?: number;
  /** Set by the signer: seconds since 1970 when it stops being valid. */
  exp?: number;
}

export function tokenPayloadOf(actor: Actor, tokenVersion: number, authTime: number, amr: AuthMethod[]): TokenPayload {
  return {
    sub: actor.userId,
    ver: tokenVersion,
    auth_time: authTime,
    amr,
    username: actor.username,
    name: actor.displayName,
    lang: actor.language,
    roles: actor.roles.map((held) => [held.role, held.siteId, held.siteCode]),
  };
}

/** Who a verified token signs in, its token version and when its session began (seconds since 1970). */
export interface SignedInToken {
  actor: Actor;
  tokenVersion: number;
  authTime: number;
  amr: AuthMethod[];
}

/** The actor of a verified token's payload; null for a payload of another shape (a token issued by an earlier version). */
export function actorOf(payload: Partial<TokenPayload>): SignedInToken | null {
  // a token issued before sign-in times were written began its session when it was issued
  const authTime = payload.auth_time ?? payload.iat;
  if (
    typeof payload.sub !== 'string' ||
    !Number.isInteger(payload.ver) ||
    typeof payload.username !== 'string' ||
    !Array.isArray(payload.roles) ||
    !Number.isInteger(authTime)
  )
    return null;
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
    authTime: authTime as number,
    amr: Array.isArray(payload.amr) ? payload.amr.filter((method): method is AuthMethod => ['pwd', 'oidc', 'otp'].includes(method)) : ['pwd'],
  };
}

/** The error of a token whose session began more than SESSION_MAX_HOURS ago: refreshing cannot keep a session open longer. */
export function sessionTooOld(maxHours: number): CustodyError {
  return new CustodyError(CustodyErrorCode.Unauthenticated, `this session began more than ${maxHours} hours ago: sign in again`);
}

/** A request's session: when it began (seconds since 1970) and how it was proven. */
export interface SessionInfo {
  startedAt: number;
  amr: AuthMethod[];
}

/** The request's session, for a handler: `@SignedInSession() session: SessionInfo`. */
export const SignedInSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SessionInfo => context.switchToHttp().getRequest<{ signedInSession: SessionInfo }>().signedInSession,
);
