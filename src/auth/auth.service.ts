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
import { SignIn } from './sign-in.entity';
import { tokenPayloadOf } from './tokens';

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
    @InjectRepository(SignIn) private readonly signIns: Repository<SignIn>,
  ) {}

  async verifyCredentials(username: string, password: string, source: SignInSource): Promise<Actor> {
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
      const lockedUntil = await this.users.recordFailedSignIn(account.id, this.config.loginMaxFailures, this.config.loginLockMinutes);
      await this.record(name, account.id, 'wrong_password', source);
      if (lockedUntil) throw lockedError(lockedUntil);
      throw new CustodyError(CustodyErrorCode.InvalidCredentials, 'wrong username or password');
    }
    if (account.disabled) {
      await this.record(name, account.id, 'disabled', source);
      throw new CustodyError(CustodyErrorCode.AccountDisabled, 'this account is disabled; ask an administrator');
    }
    await this.users.recordSuccessfulSignIn(account.id);
    await this.record(name, account.id, null, source);
    const current = await this.users.findActiveActor(account.id);
    if (!current) throw new CustodyError(CustodyErrorCode.AccountDisabled, 'this account is disabled; ask an administrator');
    const { tokenVersion: _tokenVersion, ...actor } = current;
    return actor;
  }

  /** A token for the user as they are now (roles and token version read afresh): at sign-in, and when a desk in use refreshes its token. */
  async issueToken(signedIn: Actor): Promise<{ accessToken: string; tokenType: 'Bearer'; expiresIn: number; user: Actor }> {
    const current = await this.users.findActiveActor(signedIn.userId);
    if (!current) throw new CustodyError(CustodyErrorCode.Unauthenticated, 'this account is disabled or no longer exists');
    const { tokenVersion, ...actor } = current;
    const accessToken = await this.jwt.signAsync(tokenPayloadOf(actor, tokenVersion));
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtTtlSeconds, user: actor };
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

  private async record(username: string, userId: string | null, failure: string | null, source: SignInSource): Promise<void> {
    await this.signIns.insert({ username: username.slice(0, 200), userId, succeeded: failure === null, failure, ...source });
    const fields = { username, userId, sourceAddress: source.sourceAddress, userAgent: source.userAgent };
    if (failure) this.logger.warn({ ...fields, failure }, `sign-in failed for "${username}" from ${source.sourceAddress}: ${failure}`);
    else this.logger.log({ ...fields }, `sign-in of "${username}" from ${source.sourceAddress}`);
  }
}

function lockedError(until: Date): CustodyError {
  return new CustodyError(CustodyErrorCode.AccountLocked, `too many wrong passwords: this account is locked until ${until.toISOString()}`);
}
