import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey, KeyObject } from 'node:crypto';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { Actor, hasRole } from './actor';
import { beforeSecondFactorKey, publicKey, rolesKey, sessionFoldedKey } from './access.decorators';
import { SecondFactor } from './second-factor';
import { beginSession, RequestSession, settleSession } from './request-session';
import { Role } from './role';
import { actorOf, sessionTooOld, SessionInfo, SignedInToken, TokenPayload } from './tokens';

/**
 * The one guard of every route: a valid token holding one of the route's roles, of a session
 * still live. The token is verified here without the database; whether it is still live is one
 * condition that a hot route folds into its own first statement, and that is checked here for every other.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly key: KeyObject;
  private readonly sessionMaxSeconds: number;

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly config: AppConfig,
    private readonly secondFactor: SecondFactor,
  ) {
    this.sessionMaxSeconds = config.sessionMaxHours * 3600;
    // a KeyObject, made once: given a string, jsonwebtoken first tries (and fails) to read it as a public key on every request
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(publicKey, targets)) return true;
    const request = context.switchToHttp().getRequest<{
      headers: Record<string, string | string[] | undefined>;
      user?: Actor;
      session?: RequestSession;
      signedInSession?: SessionInfo;
    }>();
    const signedIn = this.verify(request.headers.authorization);
    if (Date.now() / 1000 > signedIn.authTime + this.sessionMaxSeconds) throw sessionTooOld(this.config.sessionMaxHours);
    request.user = signedIn.actor;
    request.signedInSession = { startedAt: signedIn.authTime, amr: signedIn.amr };
    // a role that asks a second factor: until it is given, only enrolling one (and seeing who you are) is open
    if (
      !signedIn.amr.includes('otp') &&
      this.secondFactor.requiredOf(signedIn.actor) &&
      !this.reflector.get<boolean>(beforeSecondFactorKey, context.getHandler())
    ) {
      throw new CustodyError(
        CustodyErrorCode.SecondFactorEnrolmentRequired,
        'your role asks a second factor: enrol an authenticator app (POST /auth/second-factor), or sign in again with its code',
      );
    }
    // the request holds its session too, for the last look before the answer leaves (app.ts)
    const session = (request.session = beginSession({ userId: signedIn.actor.userId, tokenVersion: signedIn.tokenVersion }));
    if (!this.reflector.get<boolean>(sessionFoldedKey, context.getHandler()))
      settleSession(await this.users.sessionIsLive(session.userId, session.tokenVersion));
    const allowed = this.reflector.getAllAndOverride<Role[]>(rolesKey, targets) ?? [];
    if (!allowed.some((role) => hasRole(signedIn.actor, role))) throw new CustodyError(CustodyErrorCode.Forbidden, 'your roles do not allow this');
    return true;
  }

  private verify(header: string | string[] | undefined): SignedInToken {
    const token = typeof header === 'string' && /^Bearer /i.test(header) ? header.slice(7).trim() : null;
    const known = token ? this.verified.get(token) : undefined;
    if (known && known.expiresAt > Date.now()) return { ...known, actor: { ...known.actor, roles: [...known.actor.roles] } };
    let payload: Partial<TokenPayload> | null = null;
    if (token) {
      try {
        payload = this.jwt.verify<TokenPayload>(token, { secret: this.key as unknown as string, algorithms: ['HS256'] });
      } catch {
        payload = null;
      }
    }
    const signedIn = payload ? actorOf(payload) : null;
    if (!signedIn || !token) throw new CustodyError(CustodyErrorCode.Unauthenticated, 'sign in first: a valid, unexpired bearer token is required');
    this.remember(token, signedIn, (payload!.exp ?? 0) * 1000);
    return signedIn;
  }

  /**
   * Tokens verified lately, by their exact text, until they expire: a desk sends the same token all
   * day, and checking its signature again would prove nothing new. Whether it is still live is
   * asked of the database on every request all the same.
   */
  private readonly verified = new Map<string, SignedInToken & { expiresAt: number }>();

  private remember(token: string, signedIn: SignedInToken, expiresAt: number): void {
    if (this.verified.size >= 2000) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { ...signedIn, expiresAt });
  }
}
