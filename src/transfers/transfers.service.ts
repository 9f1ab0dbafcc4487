import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { CodeKind } from '../../libs/codes';
import { TransferItemState } from '../../libs/transfers';
import { Actor } from '../auth/actor';
import { SignInSource } from '../auth/auth.service';
import { nextCode } from '../common/barcode-numbers';
import { CustodyError, CustodyErrorCode, FieldProblem } from '../common/errors/custody-error';
import { Page, pageOf } from '../common/pagination';
import { requireCode, requireCodes } from '../common/scanned-code';
import { mayReadSite, requireAction, siteScope, sitesWhereActorMay } from '../custody/access';
import { CustodyEngine, StepOrder } from '../custody/custody-engine.service';
import { markRequestApplied } from '../idempotency/idempotency-context';
import { CustodyStep, ItemStatus, SiteAction } from '../../libs/custody';
import type { Site } from '../sites/site.entity';
import { SitesService } from '../sites/sites.service';
import { CreateTransferDto, DispatchTransferDto, TransferItemsDto, TransferQuery } from './dto/transfer.dto';
import { renderManifest } from './manifest-document';
import { canReadTransfer, lockTransferFor, requireStatus } from './transfer-access';
import { selectTransferRows, toSummary, toTransferView, TransferSummary, TransferView } from './transfer-views';
import { Transfer, TransferStatus } from './transfer.entity';

const orderBy: Record<TransferQuery['sort'], string> = {
  '-createdAt': 'transfer.created_at DESC, transfer.code DESC',
  createdAt: 'transfer.created_at ASC, transfer.code ASC',
  '-dispatchedAt': 'transfer.dispatched_at DESC NULLS LAST, transfer.code DESC',
  dispatchedAt: 'transfer.dispatched_at ASC NULLS LAST, transfer.code ASC',
};

/** The sending side of a transfer: the draft manifest, its items, cancelling and dispatch; and reading transfers. */
@Injectable()
export class TransfersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly custody: CustodyEngine,
    private readonly sites: SitesService,
  ) {}

  async create(actor: Actor, dto: CreateTransferDto): Promise<TransferView> {
    const code = await this.dataSource.transaction(async (manager) => {
      const from = await this.sendingSite(manager, actor, dto.fromSite);
      const toSiteId = await this.sites.findIdByCode(dto.toSite, manager);
      if (!toSiteId) throw CustodyError.invalid('toSite', `names no site: "${dto.toSite}"`);
      if (toSiteId === from.id) throw CustodyError.invalid('toSite', 'must be another site than the sending site');
      const transfer = manager.create(Transfer, {
        code: await nextCode(manager, CodeKind.Transfer),
        status: TransferStatus.Draft,
        fromSiteId: from.id,
        toSiteId,
        purpose: dto.purpose ?? null,
        createdById: actor.userId,
      });
      await manager.insert(Transfer, transfer);
      await this.addLines(manager, actor, transfer, dto.items ?? []);
      await markRequestApplied(manager);
      return transfer.code;
    });
    return this.getFor(actor, code);
  }

  async addItems(actor: Actor, scanned: string, dto: TransferItemsDto): Promise<TransferView> {
    const code = await this.dataSource.transaction(async (manager) => {
      const transfer = await lockTransferFor(manager, actor, scanned, SiteAction.SendTransfer);
      requireStatus(transfer, TransferStatus.Draft, 'adding items');
      await this.addLines(manager, actor, transfer, dto.items);
      await markRequestApplied(manager);
      return transfer.code;
    });
    return this.getFor(actor, code);
  }

  async removeItem(actor: Actor, scanned: string, scannedItem: string): Promise<TransferView> {
    const itemCode = requireCode(scannedItem, CodeKind.Item, 'item');
    const code = await this.dataSource.transaction(async (manager) => {
      const transfer = await lockTransferFor(manager, actor, scanned, SiteAction.SendTransfer);
      requireStatus(transfer, TransferStatus.Draft, 'removing items');
      const [, removed] = (await manager.query(
        `DELETE FROM transfer_items line USING items item WHERE line.transfer_id = $1 AND line.item_id = item.id AND item.code = $2`,
        [transfer.id, itemCode],
      )) as [unknown, number];
      if (removed === 0) throw CustodyError.notFound(`item ${itemCode} on transfer ${transfer.code}`);
      return transfer.code;
    });
    return this.getFor(actor, code);
  }

  async cancel(actor: Actor, scanned: string): Promise<TransferView> {
    const code = await this.dataSource.transaction(async (manager) => {
      const transfer = await lockTransferFor(manager, actor, scanned, SiteAction.SendTransfer);
      requireStatus(transfer, TransferStatus.Draft, 'cancelling');
      await manager.query(`UPDATE transfer_items SET state = $2 WHERE transfer_id = $1`, [transfer.id, TransferItemState.Cancelled]);
      await manager.update(Transfer, { id: transfer.id }, { status: TransferStatus.Cancelled, cancelledAt: new Date(), cancelledById: actor.userId });
      await markRequestApplied(manager);
      return transfer.code;
    });
    return this.getFor(actor, code);
  }

  /** Sends the manifest: each item leaves its location and is in transit, with a `dispatched` event, all at once. */
  async dispatch(actor: Actor, scanned: string, dto: DispatchTransferDto, source: SignInSource): Promise<TransferView> {
    const dispatching = (transfer: Transfer, ids: string[]): StepOrder => ({
      step: CustodyStep.Dispatch,
      actor,
      items: { ids },
      witness: dto.witness,
      source,
      change: (item) => {
        if (item.siteId !== transfer.fromSiteId)
          throw new CustodyError(CustodyErrorCode.ItemNotInCustody, `item ${item.code} is no longer at ${transfer.fromSite.code}`);
        return { transfer: transfer.code, reason: transfer.purpose, details: { to: transfer.toSite.code, leftLocation: item.location } };
      },
    });
    // the witness signs in before any lock is taken: checking a password takes a while
    const before = await lockTransferFor(this.dataSource.manager, actor, scanned, SiteAction.SendTransfer, false);
    const witness = await this.custody.signWitnessIn(dispatching(before, await this.lineItemIds(this.dataSource.manager, before.id, TransferItemState.Listed)));
    const code = await this.dataSource.transaction(async (manager) => {
      const transfer = await lockTransferFor(manager, actor, scanned, SiteAction.SendTransfer);
      requireStatus(transfer, TransferStatus.Draft, 'dispatching');
      const ids = await this.lineItemIds(manager, transfer.id, TransferItemState.Listed);
      if (ids.length === 0) throw new CustodyError(CustodyErrorCode.TransferState, `transfer ${transfer.code} has no items: add some before dispatching it`);
      await manager.query(`UPDATE transfer_items SET state = $2 WHERE transfer_id = $1 AND state = $3`, [
        transfer.id,
        TransferItemState.InTransit,
        TransferItemState.Listed,
      ]);
      await manager.update(
        Transfer,
        { id: transfer.id },
        { status: TransferStatus.Dispatched, dispatchedAt: new Date(), dispatchedById: actor.userId, witnessId: witness?.userId ?? null },
      );
      await this.custody.performIn(manager, dispatching(transfer, ids), witness);
      await markRequestApplied(manager);
      return transfer.code;
    });
    return this.getFor(actor, code);
  }

  async getFor(actor: Actor, scanned: string, field = 'code', manager: EntityManager = this.dataSource.manager): Promise<TransferView> {
    const code = requireCode(scanned, CodeKind.Transfer, field);
    const [row] = await selectTransferRows(manager, 'transfer.code = $1', [code]);
    if (!row || !canReadTransfer(actor, row)) throw CustodyError.notFound(`transfer ${code}`);
    return toTransferView(manager, row);
  }

  /** The transfer document, as it stands now: before dispatch, in transit, or with what arrived. */
  async manifestFor(actor: Actor, scanned: string): Promise<{ code: string; pdf: Buffer }> {
    const code = requireCode(scanned, CodeKind.Transfer, 'code');
    const [row] = await selectTransferRows(this.dataSource.manager, 'transfer.code = $1', [code]);
    if (!row || !canReadTransfer(actor, row)) throw CustodyError.notFound(`transfer ${code}`);
    const transfer = await toTransferView(this.dataSource.manager, row);
    return { code, pdf: await renderManifest({ transfer, from: row.from, to: row.to, printedBy: actor.username, printedAt: new Date() }) };
  }

  async list(actor: Actor, query: TransferQuery): Promise<Page<TransferSummary>> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const parameter = (value: unknown) => `$${parameters.push(value)}`;
    const scope = query.site !== undefined ? [(await this.sites.requireReadable(actor, query.site)).id] : siteScope(actor);
    const sites = scope === null ? null : `${parameter(scope)}::uuid[]`;
    // drafts and cancelled drafts are the sender's business: the receiving site sees a transfer once it is dispatched
    const incoming = `${sites ? `transfer.to_site_id = ANY(${sites})` : 'TRUE'} AND transfer.status NOT IN ('draft', 'cancelled')`;
    const outgoing = sites ? `transfer.from_site_id = ANY(${sites})` : 'TRUE';
    conditions.push(query.direction === 'incoming' ? incoming : query.direction === 'outgoing' ? outgoing : `((${incoming}) OR ${outgoing})`);
    if (query.status !== undefined) conditions.push(`transfer.status = ${parameter(query.status)}`);
    const where = conditions.join(' AND ');
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM transfers transfer WHERE ${where}`, parameters);
    const rows = await selectTransferRows(
      this.dataSource.manager,
      where,
      parameters,
      `ORDER BY ${orderBy[query.sort]} LIMIT ${query.pageSize} OFFSET ${query.offset}`,
    );
    return pageOf(rows.map(toSummary), total, query);
  }

  /** The items of a transfer's lines in one state, by id (the custody engine locks them), optionally only those of some codes. */
  async lineItemIds(manager: EntityManager, transferId: string, state: TransferItemState, codes?: string[]): Promise<string[]> {
    const rows = (await manager.query(
      `SELECT line.item_id AS id FROM transfer_items line ${codes ? 'JOIN items item ON item.id = line.item_id' : ''}
        WHERE line.transfer_id = $1 AND line.state = $2 ${codes ? 'AND item.code = ANY($3)' : ''}`,
      codes ? [transferId, state, codes] : [transferId, state],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** The site a new transfer leaves from: the one named, else the only one where the actor may send from. */
  private async sendingSite(manager: EntityManager, actor: Actor, code: string | undefined): Promise<Site> {
    if (code !== undefined) {
      const site = await this.sites.requireReadable(actor, code, manager);
      requireAction(actor, SiteAction.SendTransfer, site, 'sending transfers');
      return site;
    }
    const siteIds = sitesWhereActorMay(actor, SiteAction.SendTransfer);
    if (siteIds.length !== 1) {
      throw CustodyError.invalid(
        'fromSite',
        siteIds.length === 0 ? 'cannot be chosen: you hold no role at any site' : 'is required: you work at several sites',
      );
    }
    return this.sites.requireReadable(actor, await this.sites.codeOf(siteIds[0], manager), manager);
  }

  /** Puts items on a draft: each must be in custody at the sending site and on no other open transfer. */
  private async addLines(manager: EntityManager, actor: Actor, transfer: Transfer, scanned: string[]): Promise<void> {
    if (scanned.length === 0) return;
    const codes = requireCodes(scanned, CodeKind.Item, 'items');

    const found = new Map(
      (
        (await manager.query(
          `SELECT item.code, item.id, item.status, item.site_id AS "siteId", site.code AS site, other.code AS "openTransfer", other.id AS "openTransferId"
         FROM items item
         JOIN sites site ON site.id = item.site_id
         LEFT JOIN transfer_items line ON line.item_id = item.id AND line.state IN ('listed', 'in_transit')
         LEFT JOIN transfers other ON other.id = line.transfer_id
        WHERE item.code = ANY($1)`,
          [codes],
        )) as { code: string; id: string; status: ItemStatus; siteId: string; site: string; openTransfer: string | null; openTransferId: string | null }[]
      ).map((row) => [row.code, row]),
    );
    const notFound: FieldProblem[] = [];
    const conflicts: { code: CustodyErrorCode; problem: FieldProblem }[] = [];
    codes.forEach((code, index) => {
      const item = found.get(code);
      const field = `items[${index}]`;
      if (!item || !mayReadSite(actor, item.siteId)) notFound.push({ field, problem: `names no item at your sites: ${code}` });
      else if (item.openTransferId === transfer.id) return;
      else if (item.openTransfer)
        conflicts.push({ code: CustodyErrorCode.ItemInAnotherTransfer, problem: { field, problem: `${code} is already on transfer ${item.openTransfer}` } });
      else if (item.siteId !== transfer.fromSiteId)
        conflicts.push({ code: CustodyErrorCode.ItemNotInCustody, problem: { field, problem: `${code} is at ${item.site}, not at the sending site` } });
      else if (item.status !== ItemStatus.InCustody)
        conflicts.push({ code: CustodyErrorCode.ItemNotInCustody, problem: { field, problem: `${code} is ${item.status.replace('_', ' ')}, not in custody` } });
    });
    if (notFound.length > 0) throw new CustodyError(CustodyErrorCode.NotFound, notFound.map((p) => `${p.field} ${p.problem}`).join('; '), notFound);
    if (conflicts.length > 0) {
      throw new CustodyError(
        conflicts[0].code,
        conflicts.map(({ problem }) => `${problem.field}: ${problem.problem}`).join('; '),
        conflicts.map(({ problem }) => problem),
      );
    }
    try {
      await manager.query(
        `INSERT INTO transfer_items (transfer_id, item_id, state) SELECT $1, id, $3 FROM unnest($2::uuid[]) AS id ON CONFLICT (transfer_id, item_id) DO NOTHING`,
        [transfer.id, [...new Set(codes)].map((code) => found.get(code)!.id), TransferItemState.Listed],
      );
    } catch (error) {
      // a concurrent request put one of these items on its own transfer first
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'transfer_items_one_open_transfer_unique') {
        throw new CustodyError(CustodyErrorCode.ItemInAnotherTransfer, 'an item was put on another transfer at the same moment; it stays there', [
          { field: 'items', problem: 'holds an item that is already on another open transfer' },
        ]);
      }
      throw error;
    }
  }
}
