import { Injectable } from '@nestjs/common';
import { CustodyStep, ItemCategory, witnessReasons } from '../../libs/custody';
import { Actor } from '../auth/actor';
import { AttemptLimiter } from '../auth/attempt-limiter';
import { AuthService, SignInSource } from '../auth/auth.service';
import { WitnessDto } from '../auth/witness';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { AppConfig } from '../config/app-config';

/** The two-person rule, as the step table (libs/custody) and WITNESS_CATEGORIES / WITNESS_STEPS say it. */
@Injectable()
export class WitnessService {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
    private readonly attempts: AttemptLimiter,
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
   * The witness of a step: another person than the actor, holding a role at the site where it
   * happens, whose password holds. Every other case is one refusal that says nothing of which it
   * was (AuthService.verifyWitness); attempts are limited per address and per person asking for
   * that witness, like sign-ins (LOGIN_RATE_LIMIT_PER_MINUTE), so the field cannot be used to guess passwords.
   */
  async confirm(actor: Actor, witness: WitnessDto, site: { id: string; code: string }, source: SignInSource): Promise<Actor> {
    const name = witness.username.trim().toLowerCase();
    if (name === actor.username) {
      throw new CustodyError(CustodyErrorCode.WitnessRejected, 'you cannot be your own witness', [
        { field: 'witness.username', problem: 'must name another person than you' },
      ]);
    }
    // per address, and per pair of person and witness: a colleague cannot keep someone from witnessing for others
    this.attempts.take([`address:${source.sourceAddress}`, `witness:${actor.userId}:${name}`]);
    const person = await this.auth.verifyWitness(name, witness.password, site.id, source, witness.otp);
    if (!person) {
      const problem = `wrong username, password or one-time code, or not a person of ${site.code}`;
      throw new CustodyError(CustodyErrorCode.WitnessRejected, `the witness could not be confirmed: ${problem}`, [{ field: 'witness', problem }]);
    }
    return person;
  }
}
