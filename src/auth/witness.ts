import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Request } from 'express';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { Actor } from './actor';
import { AuthService, SignInSource } from './auth.service';
import { isSiteRole } from './role';
import { AppConfig, WitnessStep } from '../config/app-config';
import { ItemCategory } from '../items/item-status';

/** The second person of the two-person rule, who signs in within the same request. */
export class WitnessDto {
  @ApiProperty({ example: 'officer2' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'custody-demo', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

/** Where a request comes from, as a sign-in records it. */
export const RequestSource = createParamDecorator((_data: unknown, context: ExecutionContext): SignInSource => {
  const request = context.switchToHttp().getRequest<Request>();
  return { sourceAddress: request.ip ?? request.socket.remoteAddress ?? 'unknown', userAgent: request.get('user-agent')?.slice(0, 300) ?? null };
});

const refusedSignIns = new Set([CustodyErrorCode.InvalidCredentials, CustodyErrorCode.AccountLocked, CustodyErrorCode.AccountDisabled]);

@Injectable()
export class WitnessService {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /** The high-risk categories among these that make this step need a witness (WITNESS_CATEGORIES, WITNESS_STEPS). */
  highRisk(step: WitnessStep, categories: ItemCategory[]): ItemCategory[] {
    if (!this.config.witnessSteps.includes(step)) return [];
    return [...new Set(categories.filter((category) => this.config.witnessCategories.includes(category)))];
  }

  /**
   * The witness of a step, authenticated like a sign-in (counted towards their lockout and kept in
   * the sign-in record): another person than the actor, holding a role at the site where it happens.
   */
  async confirm(actor: Actor, witness: WitnessDto | undefined, site: { id: string; code: string }, step: string, source: SignInSource): Promise<Actor> {
    if (!witness) {
      throw new CustodyError(
        CustodyErrorCode.WitnessRequired,
        `${step} needs a witness: a second person with a role at ${site.code}, signing in with the request`,
        [{ field: 'witness', problem: 'is required: {username, password} of a second person of the site' }],
      );
    }
    if (witness.username.trim().toLowerCase() === actor.username) {
      throw new CustodyError(CustodyErrorCode.WitnessRejected, 'you cannot be your own witness', [
        { field: 'witness.username', problem: 'must name another person than you' },
      ]);
    }
    let person: Actor;
    try {
      person = await this.auth.verifyCredentials(witness.username, witness.password, source);
    } catch (error) {
      if (error instanceof CustodyError && refusedSignIns.has(error.code)) {
        throw new CustodyError(CustodyErrorCode.WitnessRejected, `the witness could not sign in: ${error.message}`, [
          { field: 'witness', problem: error.message },
        ]);
      }
      throw error;
    }
    if (!person.roles.some((held) => held.siteId === site.id && isSiteRole(held.role))) {
      throw new CustodyError(CustodyErrorCode.WitnessRejected, `${person.username} holds no role at ${site.code} and cannot witness there`, [
        { field: 'witness.username', problem: `must hold a role at ${site.code}` },
      ]);
    }
    return person;
  }
}
