import { AsyncLocalStorage } from 'node:async_hooks';
import { EntityManager } from 'typeorm';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';

/** The claim of the request being served, when it came with an Idempotency-Key. */
export interface IdempotencyClaim {
  actorId: string;
  key: string;
  claimToken: string;
}

export const idempotencyClaims = new AsyncLocalStorage<IdempotencyClaim>();

/**
 * Marks the current request's Idempotency-Key as applied, inside the transaction of its change:
 * the mark commits with the change or not at all. If a retry took the claim over meanwhile, the
 * change is refused, so a request is never applied twice. Without a key it does nothing.
 */
export async function markRequestApplied(manager: EntityManager): Promise<void> {
  const claim = idempotencyClaims.getStore();
  if (!claim) return;
  const [, marked] = (await manager.query(
    `UPDATE idempotency_keys SET applied_at = now() WHERE actor_id = $1 AND key = $2 AND claim_token = $3 AND applied_at IS NULL`,
    [claim.actorId, claim.key, claim.claimToken],
  )) as [unknown, number];
  if (marked !== 1) {
    throw new CustodyError(CustodyErrorCode.IdempotencyKeyInUse, 'another request with this Idempotency-Key took over; this one changed nothing');
  }
}

/** The claim of the request being served, for a statement that marks it applied itself (the custody engine's write). */
export function activeClaim(): IdempotencyClaim | null {
  return idempotencyClaims.getStore() ?? null;
}
