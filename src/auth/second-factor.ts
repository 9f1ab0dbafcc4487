import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { randomInt } from 'node:crypto';
import { authenticator } from 'otplib';
import { toDataURL } from 'qrcode';
import { DataSource } from 'typeorm';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { AppConfig } from '../config/app-config';
import { Actor } from './actor';
import { Role } from './role';

// RFC 6238 as authenticator apps read it: SHA-1, six digits, 30-second steps, one step of drift accepted either way
const totp = authenticator.clone({ window: 1 });

/** How a sign-in was proven (RFC 8176 names): a password, an OpenID provider, and a one-time code. */
export type AuthMethod = 'pwd' | 'oidc' | 'otp';

const recoveryCodeCount = 10;
// no 0/O or 1/I/L: read off paper and typed by hand
const recoveryAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Where a user stands with the second factor: enrolled or not, and whether their roles ask it. */
export interface SecondFactorStatus {
  enrolled: boolean;
  required: boolean;
}

/** An enrolment begun: the secret, as text and as the otpauth:// URI an authenticator app reads from the QR code. */
export interface Enrolment {
  secret: string;
  uri: string;
  qrCode: string;
}

/**
 * The second factor: TOTP (RFC 6238, 30-second steps, six digits, SHA-1, as every authenticator
 * app reads it; otplib) with one-time recovery codes. A code is accepted one step either side of
 * now, and once only: the step of the last accepted code is kept, and the statement that keeps it
 * refuses an older or equal step, so two requests racing with one code cannot both pass. Required
 * of the roles in SECOND_FACTOR_ROLES (default: administrators and auditors).
 */
@Injectable()
export class SecondFactor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  requiredOf(actor: Actor): boolean {
    return actor.roles.some((held) => this.config.secondFactorRoles.includes(held.role as Role));
  }

  async status(actor: Actor): Promise<SecondFactorStatus> {
    return { enrolled: await this.isEnrolled(actor.userId), required: this.requiredOf(actor) };
  }

  async isEnrolled(userId: string): Promise<boolean> {
    const [row] = (await this.dataSource.query('SELECT totp_enabled_at IS NOT NULL AS enrolled FROM users WHERE id = $1', [userId])) as { enrolled: boolean }[];
    return row?.enrolled === true;
  }

  /** A new secret for the user, pending until a first code confirms it; refused once one is enabled (an administrator resets it). */
  async begin(actor: Actor): Promise<Enrolment> {
    if (await this.isEnrolled(actor.userId)) {
      throw new CustodyError(CustodyErrorCode.Conflict, 'a second factor is enrolled already; an administrator can reset it');
    }
    const secret = authenticator.generateSecret(20);
    await this.dataSource.query('UPDATE users SET totp_secret = $2, totp_last_step = NULL WHERE id = $1 AND totp_enabled_at IS NULL', [actor.userId, secret]);
    const uri = authenticator.keyuri(actor.username, 'Custody', secret);
    return { secret, uri, qrCode: await toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 240 }) };
  }

  /** Enables the pending secret once a code of it checks, and answers the recovery codes (shown this once, kept hashed). */
  async confirm(actor: Actor, code: string): Promise<string[]> {
    const [row] = (await this.dataSource.query('SELECT totp_secret AS secret, totp_enabled_at AS "enabledAt" FROM users WHERE id = $1', [actor.userId])) as {
      secret: string | null;
      enabledAt: Date | null;
    }[];
    if (row?.enabledAt) throw new CustodyError(CustodyErrorCode.Conflict, 'a second factor is enrolled already');
    if (!row?.secret) throw new CustodyError(CustodyErrorCode.Conflict, 'begin the enrolment first: POST /auth/second-factor');
    const step = await this.stepOf(row.secret, code);
    if (step === null) throw CustodyError.invalid('otp', 'is not the current code of the authenticator app: check its clock and try the next one');
    const recoveryCodes = Array.from({ length: recoveryCodeCount }, () => recoveryCode());
    // hashed without the dash: typed with it, without it, or in lower case, a code is the same
    const hashes = await Promise.all(recoveryCodes.map((recovery) => argon2.hash(recovery.replace('-', ''))));
    const [, changed] = (await this.dataSource.query(
      // the sessions signed in without it end (the new token is issued with the new version)
      'UPDATE users SET totp_enabled_at = now(), totp_last_step = $3, recovery_codes = $4, token_version = token_version + 1 WHERE id = $1 AND totp_secret = $2 AND totp_enabled_at IS NULL',
      [actor.userId, row.secret, step, hashes],
    )) as [unknown, number];
    if (changed !== 1) throw new CustodyError(CustodyErrorCode.Conflict, 'the enrolment changed meanwhile; begin it again');
    return recoveryCodes;
  }

  /** Whether this current TOTP code (not a recovery code) proves the user's second factor: what a witness gives. */
  async checkCode(userId: string, code: string): Promise<boolean> {
    return /^\d{6}$/.test(code.trim()) && this.check(userId, code);
  }

  /** Whether this code (a TOTP code, or an unused recovery code, which it uses up) proves the user's second factor. */
  async check(userId: string, code: string): Promise<boolean> {
    const [row] = (await this.dataSource.query(
      'SELECT totp_secret AS secret, recovery_codes AS "recoveryCodes" FROM users WHERE id = $1 AND totp_enabled_at IS NOT NULL',
      [userId],
    )) as { secret: string; recoveryCodes: string[] }[];
    if (!row) return false;
    const normalised = code.trim().toUpperCase();
    if (/^\d{6}$/.test(normalised)) {
      const step = await this.stepOf(row.secret, normalised);
      if (step === null) return false;
      const [, used] = (await this.dataSource.query('UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)', [
        userId,
        step,
      ])) as [unknown, number];
      return used === 1;
    }
    for (const hash of row.recoveryCodes) {
      if (!(await argon2.verify(hash, normalised.replace(/[\s-]/g, '')))) continue;
      const [, used] = (await this.dataSource.query(
        'UPDATE users SET recovery_codes = array_remove(recovery_codes, $2) WHERE id = $1 AND $2 = ANY (recovery_codes)',
        [userId, hash],
      )) as [unknown, number];
      return used === 1;
    }
    return false;
  }

  /** The 30-second step a code belongs to, one step of drift either way; null for a code of no step near now. */
  private async stepOf(secret: string, code: string): Promise<number | null> {
    if (!/^\d{6}$/.test(code.trim())) return null;
    const delta = totp.checkDelta(code.trim(), secret);
    return delta === null ? null : Math.floor(Date.now() / 30_000) + delta;
  }
}

/** Ten characters in two groups, like K7QM-X4TZ9P: about 49 bits. */
function recoveryCode(): string {
  const characters = Array.from({ length: 10 }, () => recoveryAlphabet[randomInt(recoveryAlphabet.length)]).join('');
  return `${characters.slice(0, 4)}-${characters.slice(4)}`;
}
