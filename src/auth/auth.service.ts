import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { Repository } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { Page, PageQuery, pageOf } from '../common/pagination';
import { UsersService } from '../users/users.service';
import { Language } from '../users/language';
import { Actor } from './actor';
import { isSiteRole } from './role';
import { AuthMethod, SecondFactor } from './second-factor';
import { SignIn, SignInPurpose } from './sign-in.entity';
import { sessionTooOld, tokenPayloadOf } from './tokens';

export interface SignInSource {
  sourceAddress: string;
  userAgent: string | null;
}

// Verified against when the username is unknown, so a wrong name takes as long as a wrong password.
let unknownUserHash: Promise<string> | undefined;
const hashOfNoOne = () => (unknownUserHash ??= argon2.hash('custody: no such user'));

@Injectable()
export class AuthService {
  private readonly logger = new Logger('SignIn');

  constructor(
    private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly secondFactor: SecondFactor,
    @InjectRepository(SignIn) private readonly signIns: Repository<SignIn>,
  ) {}

  /**
   * A sign-in: the password, then, for a user who enrolled a second factor, the one-time code
   * (asked only once the password holds, so that it tells nothing to someone without it; a wrong
   * code counts towards the lockout like a wrong password). Answers the actor and how they proved it.
   */
  async verifyCredentials(username: string, password: string, source: SignInSource, otp?: string): Promise<{ actor: Actor; amr: AuthMethod[] }> {
    const name = username.trim().toLowerCase();
    const account = await this.users.findForSignIn(name);
    if (!account) {
      await argon2.verify(await hashOfNoOne(), password);
      await this.record(name, null, 'unknown_user', source);
      throw new CustodyError(CustodyErrorCode.InvalidCredentials, 'wrong username or password');
    }
    if (account.lockedUntil && account.lockedUntil > new Date()) {
      await this.record(name, account.id, 'locked', source);
      throw lockedError(account.lockedUntil);
    }
    if (!(await argon2.verify(account.passwordHash, password))) {
      const lockedUntil = await this.countFailure(account.id);
      await this.record(name, account.id, 'wrong_password', source);
      if (lockedUntil) throw lockedError(lockedUntil);
      throw new CustodyError(CustodyErrorCode.InvalidCredentials, 'wrong username or password');
    }
    if (account.disabled) {
      await this.record(name, account.id, 'disabled', source);
      throw new CustodyError(CustodyErrorCode.AccountDisabled, 'this account is disabled; ask an administrator');
    }
    return this.completeSignIn(name, account.id, ['pwd'], source, otp);
  }

  /**
   * The end of every sign-in, once the first factor holds (a password, or the OpenID provider): the
   * one-time code of a user who enrolled one (a wrong code counts towards the lockout like a wrong
   * password), the record, and the actor as they are now.
   */
  async completeSignIn(name: string, userId: string, first: AuthMethod[], source: SignInSource, otp?: string): Promise<{ actor: Actor; amr: AuthMethod[] }> {
    const amr = [...first];
    if (await this.secondFactor.isEnrolled(userId)) {
      if (otp === undefined) {
        await this.record(name, userId, 'second_factor_missing', source);
        throw new CustodyError(CustodyErrorCode.SecondFactorRequired, 'enter the code of your authenticator app, or a recovery code', [
          { field: 'otp', problem: 'is required: the code of your authenticator app, or a recovery code' },
        ]);
      }
      if (!(await this.secondFactor.check(userId, otp))) {
        const lockedUntil = await this.countFailure(userId);
        await this.record(name, userId, 'wrong_otp', source);
        if (lockedUntil) throw lockedError(lockedUntil);
        throw new CustodyError(CustodyErrorCode.InvalidCredentials, 'wrong or used one-time code', [
          { field: 'otp', problem: 'is not a current code nor an unused recovery code' },
        ]);
      }
      amr.push('otp');
    }
    await this.users.recordSuccessfulSignIn(userId);
    await this.record(name, userId, null, source);
    const current = await this.users.findActiveActor(userId);
    if (!current) throw new CustodyError(CustodyErrorCode.AccountDisabled, 'this account is disabled; ask an administrator');
    const { tokenVersion: _tokenVersion, ...actor } = current;
    return { actor, amr };
  }

  /** Records a sign-in through the OpenID provider that Custody refuses (no such user here, or disabled). */
  recordRefusedSignIn(name: string, userId: string | null, failure: string, source: SignInSource): Promise<void> {
    return this.record(name, userId, failure, source);
  }

  /**
   * The witness of a step at a site, or null: checked so that the answer tells nothing. An unknown
   * name, a disabled or locked account, a person without a role at the site and a wrong password
   * are one refusal, in the same time (the password is always hashed), and the role is looked at
   * before the password, so that a right password of someone who cannot witness there answers like a
   * wrong one. A wrong password does not count towards the witness's lockout (an insider could lock
   * out the only colleague able to witness); the caller rate-limits the attempts instead. Each
   * attempt is kept in the sign-in record, with its real reason, for the auditors. A witness who
   * enrolled a second factor gives its current code as well (one HMAC, no recovery code: the
   * answer takes as long either way); a missing or wrong one is refused alike, and a wrong one,
   * given with the right password, counts towards the witness's lockout.
   */
  async verifyWitness(username: string, password: string, siteId: string, source: SignInSource, otp?: string): Promise<Actor | null> {
    const name = username.trim().toLowerCase();
    const account = await this.users.findForSignIn(name);
    const current = account && !account.disabled ? await this.users.findActiveActor(account.id) : null;
    const canWitness = current?.roles.some((held) => held.siteId === siteId && isSiteRole(held.role)) ?? false;
    const locked = account?.lockedUntil != null && account.lockedUntil > new Date();
    const passwordHolds = await argon2.verify(account?.passwordHash ?? (await hashOfNoOne()), password);
    const failure = !account
      ? 'unknown_user'
      : account.disabled || !current
        ? 'disabled'
        : locked
          ? 'locked'
          : !canWitness
            ? 'no_role_at_site'
            : !passwordHolds
              ? 'wrong_password'
              : // a witness who enrolled a second factor gives its current code too (a recovery code is for their own sign-in)
                (await this.secondFactor.isEnrolled(account.id)) && (otp === undefined || !(await this.secondFactor.checkCode(account.id, otp)))
                ? 'wrong_otp'
                : null;
    // whoever gave the right password and a wrong code is guessing the second factor: that counts towards the lockout
    if (failure === 'wrong_otp' && account) await this.countFailure(account.id);
    await this.record(name, account?.id ?? null, failure, source, 'witness');
    if (failure || !current) return null;
    const { tokenVersion: _tokenVersion, ...actor } = current;
    return actor;
  }

  /**
   * A token for the user as they are now (roles and token version read afresh): at sign-in, and
   * when a desk in use refreshes its token. A refresh keeps the session's sign-in time: its token
   * ends SESSION_MAX_HOURS after the sign-in at the latest, and none is given after that.
   */
  async issueToken(
    signedIn: Actor,
    amr: AuthMethod[],
    sessionStartedAt = Math.floor(Date.now() / 1000),
  ): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number; user: Actor }> {
    const current = await this.users.findActiveActor(signedIn.userId);
    if (!current) throw new CustodyError(CustodyErrorCode.Unauthenticated, 'this account is disabled or no longer exists');
    const expiresIn = Math.min(this.config.jwtTtlSeconds, sessionStartedAt + this.config.sessionMaxHours * 3600 - Math.floor(Date.now() / 1000));
    if (expiresIn <= 0) throw sessionTooOld(this.config.sessionMaxHours);
    const { tokenVersion, ...actor } = current;
    const accessToken = await this.jwt.signAsync(tokenPayloadOf(actor, tokenVersion, sessionStartedAt, amr), { expiresIn });
    return { accessToken, tokenType: 'Bearer', expiresIn, user: actor };
  }

  /** Ends every token of the user at once (their token version goes up): a sign-out, on every desk. */
  async signOut(actor: Actor): Promise<void> {
    await this.users.endSessions(actor.userId);
  }

  /** The signed-in user as they are now: a token's copy of their name, language and roles may be older. */
  async currentActor(signedIn: Actor): Promise<Actor> {
    const current = await this.users.findActiveActor(signedIn.userId);
    if (!current) throw new CustodyError(CustodyErrorCode.Unauthenticated, 'this account is disabled or no longer exists');
    const { tokenVersion: _tokenVersion, ...actor } = current;
    return actor;
  }

  setOwnLanguage(actor: Actor, language: Language): Promise<Actor> {
    return this.users.setOwnLanguage(actor, language);
  }

  async listSignIns(query: PageQuery): Promise<Page<SignIn>> {
    const [rows, total] = await this.signIns.findAndCount({ order: { occurredAt: 'DESC', id: 'DESC' }, skip: query.offset, take: query.pageSize });
    return pageOf(rows, total, query);
  }

  /** Counts a failed proof of who one is towards the lockout (LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES); answers the lock if it now applies. */
  private countFailure(userId: string): Promise<Date | null> {
    return this.users.recordFailedSignIn(userId, this.config.loginMaxFailures, this.config.loginLockMinutes);
  }

  private async record(
    username: string,
    userId: string | null,
    failure: string | null,
    source: SignInSource,
    purpose: SignInPurpose = 'sign_in',
  ): Promise<void> {
    await this.signIns.insert({
      username: username.slice(0, 200),
      userId,
      succeeded: failure === null,
      failure,
      purpose,
      ...source,
    });
    const fields = { username, userId, purpose, sourceAddress: source.sourceAddress, userAgent: source.userAgent };
    const what = purpose === 'witness' ? 'witness sign-in' : 'sign-in';
    if (failure) this.logger.warn({ ...fields, failure }, `${what} failed for "${username}" from ${source.sourceAddress}: ${failure}`);
    else this.logger.log({ ...fields }, `${what} of "${username}" from ${source.sourceAddress}`);
  }
}

function lockedError(until: Date): CustodyError {
  return new CustodyError(CustodyErrorCode.AccountLocked, `too many wrong passwords: this account is locked until ${until.toISOString()}`);
}
