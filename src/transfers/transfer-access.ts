import { EntityManager } from 'typeorm';
import { CodeKind } from '../../libs/codes';
import { SiteAction } from '../../libs/custody';
import { Actor } from '../auth/actor';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { requireCode } from '../common/scanned-code';
import { mayAct, mayReadTransfer } from '../custody/access';
import { Transfer, TransferStatus } from './transfer.entity';

/** The sending site sees its transfers; the receiving site once they were dispatched. Nobody else learns they exist. */
export function canReadTransfer(actor: Actor, transfer: { fromSiteId: string; toSiteId: string; status: TransferStatus }): boolean {
  return mayReadTransfer(actor, { ...transfer, dispatched: transfer.status !== TransferStatus.Draft && transfer.status !== TransferStatus.Cancelled });
}

/**
 * The transfer of a code, its row locked for the rest of the transaction, if the actor may do this
 * at the end of it where it is done: the sending site drafts and dispatches, the receiving site
 * scans in and closes. Someone of the other end gets 403; anyone else 404.
 */
export async function lockTransferFor(
  manager: EntityManager,
  actor: Actor,
  scanned: string,
  action: SiteAction.SendTransfer | SiteAction.ReceiveTransfer,
  lock = true,
): Promise<Transfer> {
  const code = requireCode(scanned, CodeKind.Transfer, 'code');
  const transfer = await manager.findOne(Transfer, {
    where: { code },
    relations: { fromSite: true, toSite: true },
    ...(lock ? { lock: { mode: 'pessimistic_write', tables: ['transfers'] } as const } : {}),
  });
  if (!transfer || !canReadTransfer(actor, transfer)) throw CustodyError.notFound(`transfer ${code}`);
  const site = action === SiteAction.SendTransfer ? transfer.fromSite : transfer.toSite;
  if (!mayAct(actor, action, site.id)) {
    const step = action === SiteAction.SendTransfer ? 'prepares and dispatches' : 'receives';
    throw new CustodyError(CustodyErrorCode.Forbidden, `only ${site.code} ${step} transfer ${code}`);
  }
  return transfer;
}

const stateWords: Record<TransferStatus, string> = {
  [TransferStatus.Draft]: 'is still a draft',
  [TransferStatus.Dispatched]: 'has been dispatched',
  [TransferStatus.Closed]: 'is closed',
  [TransferStatus.Cancelled]: 'was cancelled',
};

/** Refuses a step that the transfer's status does not allow, saying why. */
export function requireStatus(transfer: Transfer, allowed: TransferStatus, step: string): void {
  if (transfer.status !== allowed) {
    throw new CustodyError(CustodyErrorCode.TransferState, `transfer ${transfer.code} ${stateWords[transfer.status]}: ${step} needs a ${allowed} transfer`);
  }
}
