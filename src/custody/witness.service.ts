import { Injectable } from '@nestjs/common';
import { CustodyStep, ItemCategory, witnessReasons } from '../../libs/custody';
import { Actor } from '../auth/actor';
import { AuthService, SignInSource } from '../auth/auth.service';
import { isSiteRole } from '../auth/role';
import { WitnessDto } from '../auth/witness';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { AppConfig } from '../config/app-config';

const refusedSignIns = new Set([CustodyErrorCode.InvalidCredentials, CustodyErrorCode.AccountLocked, CustodyErrorCode.AccountDisabled]);

/** The two-person rule, as the step table (libs/custody) and WITNESS_CATEGORIES / WITNESS_STEPS say it. */
@Injectable()
export class WitnessService {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /** Why this step on items of these categories needs a witness: the high-risk categories, `always`, or nothing. */
  reasons(step: CustodyStep, categories: readonly ItemCategory[]): ItemCategory[] | 'always' {
    return witnessReasons(step, categories, this.config.witnessPolicy);
  }

  needed(step: CustodyStep, categories: readonly ItemCategory[]): boolean {
    const reasons = this.reasons(step, categories);
    return reasons === 'always' || reasons.length > 0;
  }

  /** The refusal of a step that needs a witness and has none, saying why. */
  required(step: CustodyStep, categories: readonly ItemCategory[], site: { code: string }): CustodyError {
    const reasons = this.reasons(step, categories);
    const why = reasons === 'always' ? 'always needs a witness' : `of ${reasons.map((category) => category.replace('_', ' ')).join(', ')} needs a witness`;
    return new CustodyError(
      CustodyErrorCode.WitnessRequired,
      `${step.replace('_', ' ')} ${why}: a second person with a role at ${site.code}, signing in with the request`,
      [{ field: 'witness', problem: 'is required: {username, password} of a second person of the site' }],
    );
  }

  /**
   * The witness of a step, authenticated like a sign-in (counted towards their lockout and kept in
   * the sign-in record): another person than the actor, holding a role at the site where it happens.
   */
  async confirm(actor: Actor, witness: WitnessDto, site: { id: string; code: string }, source: SignInSource): Promise<Actor> {
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
