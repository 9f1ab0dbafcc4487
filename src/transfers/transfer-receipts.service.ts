import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { parseReceiptLines, reconcileReceipt, TransferItemState } from '../../libs/transfers';
import { Actor } from '../auth/actor';
import { CustodyStep, SiteAction } from '../../libs/custody';
import { CustodyEngine } from '../custody/custody-engine.service';
import { markRequestApplied } from '../idempotency/idempotency-context';
import { validationFailed } from '../common/validation';
import { ReceiptDto } from './dto/transfer.dto';
import { lockTransferFor, requireStatus } from './transfer-access';
import { DiscrepancyKind } from './transfer-discrepancy.entity';
import { TransferView } from './transfer-views';
import { Transfer, TransferStatus } from './transfer.entity';
import { TransfersService } from './transfers.service';

export interface ReceiptResult {
  transfer: string;
  /** `closed` once every item arrived with its seal intact. */
  status: TransferStatus;
  received: string[];
  alreadyReceived: string[];
  unexpected: string[];
  /** Received now, with a damaged seal. */
  damaged: string[];
  /** Items of the manifest still expected. */
  outstanding: number;
}

/** The receiving side: scanning items in, and closing with what never came. */
@Injectable()
export class TransferReceiptsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly custody: CustodyEngine,
    private readonly transfers: TransfersService,
  ) {}

  /**
   * Takes in what was scanned at the receiving desk, in one transaction: each item of the manifest
   * is in custody at the receiving site (no location yet) with a `received` event; a repeated or
   * unexpected scan changes no item. When everything arrived intact, the transfer closes.
   */
  async receive(actor: Actor, scanned: string, dto: ReceiptDto): Promise<ReceiptResult> {
    const { lines, problems } = parseReceiptLines(dto.items);
    if (problems.length > 0) throw validationFailed(problems);
    return this.dataSource.transaction(async (manager) => {
      const transfer = await lockTransferFor(manager, actor, scanned, SiteAction.ReceiveTransfer);
      requireStatus(transfer, TransferStatus.Dispatched, 'receiving');
      // the manifest lines of what was scanned, and how many items are still on their way
      const scannedLines = new Map(
        (
          (await manager.query(
            `SELECT item.code, line.state FROM transfer_items line JOIN items item ON item.id = line.item_id WHERE line.transfer_id = $1 AND item.code = ANY($2)`,
            [transfer.id, lines.map((line) => line.code)],
          )) as { code: string; state: TransferItemState }[]
        ).map((line) => [line.code, line.state]),
      );
      const reconciled = reconcileReceipt(scannedLines, lines);
      const arriving = new Map(reconciled.received.map((line) => [line.code, line]));
      const ids = arriving.size > 0 ? await this.transfers.lineItemIds(manager, transfer.id, TransferItemState.InTransit, [...arriving.keys()]) : [];
      const receivedAt = new Date();
      const { items } = await this.custody.performIn(
        manager,
        {
          step: CustodyStep.Receive,
          actor,
          items: { ids },
          at: { id: transfer.toSiteId, code: transfer.toSite.code },
          change: (item) => {
            const line = arriving.get(item.code)!;
            // a damaged seal stays flagged on the item until it is resealed
            return {
              transfer: transfer.code,
              sealDamaged: item.sealDamaged || !line.sealIntact,
              details: { from: transfer.fromSite.code, sealIntact: line.sealIntact, note: line.note },
            };
          },
        },
        null,
      );
      if (items.length > 0) {
        await manager.query(
          `UPDATE transfer_items line SET state = $5, seal_intact = arrived.seal_intact, note = arrived.note, received_at = $6, received_by_id = $7
             FROM unnest($2::uuid[], $3::boolean[], $4::text[]) AS arrived(item_id, seal_intact, note)
            WHERE line.transfer_id = $1 AND line.item_id = arrived.item_id`,
          [
            transfer.id,
            items.map((item) => item.id),
            items.map((item) => arriving.get(item.code)!.sealIntact),
            items.map((item) => arriving.get(item.code)!.note),
            TransferItemState.Received,
            receivedAt,
            actor.userId,
          ],
        );
      }
      const damaged = reconciled.received.filter((line) => !line.sealIntact);
      await this.recordDiscrepancies(manager, transfer, actor, [
        ...damaged.map((line) => ({ kind: DiscrepancyKind.DamagedSeal, code: line.code, note: line.note })),
        ...reconciled.unexpected.map((code) => ({ kind: DiscrepancyKind.Unexpected, code, note: null })),
      ]);
      const [{ outstanding, anyDamage }] = (await manager.query(
        `SELECT (SELECT count(*)::int FROM transfer_items WHERE transfer_id = $1 AND state = $2) AS outstanding,
                EXISTS (SELECT 1 FROM transfer_discrepancies WHERE transfer_id = $1 AND kind = $3) AS "anyDamage"`,
        [transfer.id, TransferItemState.InTransit, DiscrepancyKind.DamagedSeal],
      )) as [{ outstanding: number; anyDamage: boolean }];
      const status = outstanding === 0 && !anyDamage ? await this.closeNow(manager, transfer, actor) : transfer.status;
      await markRequestApplied(manager);
      return {
        transfer: transfer.code,
        status,
        received: reconciled.received.map((line) => line.code),
        alreadyReceived: reconciled.alreadyReceived,
        unexpected: reconciled.unexpected,
        damaged: damaged.map((line) => line.code),
        outstanding,
      };
    });
  }

  /** Ends the receipt: every item not scanned in is missing, with a `discrepancy` event each. */
  async close(actor: Actor, scanned: string): Promise<TransferView> {
    const code = await this.dataSource.transaction(async (manager) => {
      const transfer = await lockTransferFor(manager, actor, scanned, SiteAction.ReceiveTransfer);
      requireStatus(transfer, TransferStatus.Dispatched, 'closing');
      const ids = await this.transfers.lineItemIds(manager, transfer.id, TransferItemState.InTransit);
      const { items: missing } = await this.custody.performIn(
        manager,
        {
          step: CustodyStep.ReportMissing,
          actor,
          items: { ids },
          at: { id: transfer.toSiteId, code: transfer.toSite.code },
          change: () => ({
            transfer: transfer.code,
            reason: 'not received: missing when the transfer was closed',
            details: { kind: DiscrepancyKind.Missing, from: transfer.fromSite.code, to: transfer.toSite.code },
          }),
        },
        null,
      );
      if (missing.length > 0) {
        await manager.query(`UPDATE transfer_items SET state = $3 WHERE transfer_id = $1 AND item_id = ANY($2::uuid[])`, [
          transfer.id,
          missing.map((item) => item.id),
          TransferItemState.Missing,
        ]);
        await this.recordDiscrepancies(
          manager,
          transfer,
          actor,
          missing.map((item) => ({ kind: DiscrepancyKind.Missing, code: item.code, note: null })),
        );
      }
      await this.closeNow(manager, transfer, actor);
      await markRequestApplied(manager);
      return transfer.code;
    });
    return this.transfers.getFor(actor, code);
  }

  private async closeNow(manager: EntityManager, transfer: Transfer, actor: Actor): Promise<TransferStatus> {
    await manager.update(Transfer, { id: transfer.id }, { status: TransferStatus.Closed, closedAt: new Date(), closedById: actor.userId });
    return TransferStatus.Closed;
  }

  private async recordDiscrepancies(
    manager: EntityManager,
    transfer: Transfer,
    actor: Actor,
    found: { kind: DiscrepancyKind; code: string; note: string | null }[],
  ): Promise<void> {
    if (found.length === 0) return;
    await manager.query(
      `INSERT INTO transfer_discrepancies (transfer_id, kind, item_code, note, recorded_by_id)
       SELECT $1, kind, item_code, note, $5 FROM unnest($2::text[], $3::text[], $4::text[]) AS found(kind, item_code, note)
       ON CONFLICT (transfer_id, kind, item_code) DO NOTHING`,
      [transfer.id, found.map((entry) => entry.kind), found.map((entry) => entry.code), found.map((entry) => entry.note), actor.userId],
    );
  }
}
