import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { CodeKind } from '../../libs/codes';
import { TransferItemState } from '../../libs/transfers';
import { Actor, canReadSite, readsEverySite, siteIdsOf } from '../auth/actor';
import { SignInSource } from '../auth/auth.service';
import { canActAt, SiteAction } from '../auth/permissions';
import { WitnessService } from '../auth/witness';
import { nextCode } from '../common/barcode-numbers';
import { CustodyError, CustodyErrorCode, FieldProblem } from '../common/errors/custody-error';
import { Page, pageOf } from '../common/pagination';
import { requireCode, requireCodes } from '../common/scanned-code';
import { CustodyEventType } from '../custody/custody-event.entity';
import { CustodyLedger } from '../custody/custody-ledger.service';
import { markRequestApplied } from '../idempotency/idempotency-context';
import { ItemCategory, ItemStatus } from '../items/item-status';
import { placeItems } from '../items/place-items';
import { Site } from '../sites/site.entity';
import { SitesService } from '../sites/sites.service';
import { CreateTransferDto, DispatchTransferDto, TransferItemsDto, TransferQuery } from './dto/transfer.dto';
import { renderManifest } from './manifest-document';
import { canReadTransfer, lockTransferFor, requireStatus } from './transfer-access';
import { selectTransferRows, toSummary, toTransferView, TransferSummary, TransferView } from './transfer-views';
import { Transfer, TransferStatus } from './transfer.entity';

interface LockedItem {
  id: string;
  code: string;
  status: ItemStatus;
  siteId: string;
  category: ItemCategory;
  lastEventHash: string;
  location: string | null;
}

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
    private readonly ledger: CustodyLedger,
    private readonly sites: SitesService,
    private readonly witnesses: WitnessService,
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
    // the witness signs in before any lock is taken: checking a password takes a while
    const before = await lockTransferFor(this.dataSource.manager, actor, scanned, SiteAction.SendTransfer, false);
    const highRiskBefore = await this.highRiskCategories(before.id);
    const witness =
      highRiskBefore.length > 0 || dto.witness
        ? await this.witnesses.confirm(actor, dto.witness, before.fromSite, `dispatching ${highRiskBefore.join(', ') || 'these items'}`, source)
        : null;
    const code = await this.dataSource.transaction(async (manager) => {
      const transfer = await lockTransferFor(manager, actor, scanned, SiteAction.SendTransfer);
      requireStatus(transfer, TransferStatus.Draft, 'dispatching');
      const items = await this.lockLines(manager, transfer.id, TransferItemState.Listed);
      if (items.length === 0) throw new CustodyError(CustodyErrorCode.TransferState, `transfer ${transfer.code} has no items: add some before dispatching it`);
      const notHere = items.filter((item) => item.status !== ItemStatus.InCustody || item.siteId !== transfer.fromSiteId);
      if (notHere.length > 0) {
        throw new CustodyError(
          CustodyErrorCode.ItemNotInCustody,
          `items no longer in custody at ${transfer.fromSite.code}: ${notHere.map((item) => item.code).join(', ')}`,
          notHere.map((item) => ({ field: 'items', problem: `${item.code} is ${item.status.replace('_', ' ')}` })),
        );
      }
      const highRisk = this.witnesses.highRisk(
        'dispatch',
        items.map((item) => item.category),
      );
      // a high-risk item added after the witness was asked for still needs one
      if (highRisk.length > 0 && !witness) await this.witnesses.confirm(actor, undefined, transfer.fromSite, `dispatching ${highRisk.join(', ')}`, source);
      await manager.query(`UPDATE transfer_items SET state = $2 WHERE transfer_id = $1 AND state = $3`, [
        transfer.id,
        TransferItemState.InTransit,
        TransferItemState.Listed,
      ]);
      await manager.update(
        Transfer,
        { id: transfer.id },
        {
          status: TransferStatus.Dispatched,
          dispatchedAt: new Date(),
          dispatchedById: actor.userId,
          witnessId: witness?.userId ?? null,
        },
      );
      // the ledger's counter is taken last: it is held until commit, and every custody step waits for it
      const events = await this.ledger.append(
        manager,
        items.map((item) => ({
          item,
          type: CustodyEventType.Dispatched,
          actor,
          site: transfer.fromSite.code,
          location: null,
          transfer: transfer.code,
          reason: transfer.purpose,
          details: { to: transfer.toSite.code, leftLocation: item.location, witness: witness?.username ?? null },
        })),
      );
      await placeItems(manager, items, events, { status: ItemStatus.InTransit });
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
    const sites =
      query.site !== undefined
        ? `ARRAY[${parameter((await this.sites.requireReadable(actor, query.site)).id)}]::uuid[]`
        : readsEverySite(actor)
          ? null
          : `${parameter(siteIdsOf(actor))}::uuid[]`;
    const incoming = sites ? `transfer.to_site_id = ANY(${sites})` : 'TRUE';
    const outgoing = sites ? `transfer.from_site_id = ANY(${sites})` : 'TRUE';
    conditions.push(query.direction === 'incoming' ? incoming : query.direction === 'outgoing' ? outgoing : `(${incoming} OR ${outgoing})`);
    // drafts are the sender's business until dispatched
    if (query.direction === 'incoming') conditions.push(`transfer.status <> 'draft'`);
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

  /** The items of a transfer in one state, their rows locked in one order (by id), so concurrent steps never deadlock. */
  async lockLines(manager: EntityManager, transferId: string, state: TransferItemState, codes?: string[]): Promise<LockedItem[]> {
    return manager.query(
      `SELECT item.id, item.code, item.status, item.site_id AS "siteId", item.category, item.last_event_hash AS "lastEventHash", location.code AS location
         FROM items item
         JOIN transfer_items line ON line.item_id = item.id
         LEFT JOIN locations location ON location.id = item.location_id
        WHERE line.transfer_id = $1 AND line.state = $2 ${codes ? 'AND item.code = ANY($3)' : ''}
        ORDER BY item.id
          FOR UPDATE OF item`,
      codes ? [transferId, state, codes] : [transferId, state],
    );
  }

  /** The site a new transfer leaves from: the one named, else the only one where the actor may send from. */
  private async sendingSite(manager: EntityManager, actor: Actor, code: string | undefined): Promise<Site> {
    if (code !== undefined) {
      const site = await this.sites.requireReadable(actor, code, manager);
      if (!canActAt(actor, SiteAction.SendTransfer, site.id))
        throw new CustodyError(CustodyErrorCode.Forbidden, `your roles at ${site.code} do not allow sending transfers`);
      return site;
    }
    const siteIds = siteIdsOf(actor).filter((siteId) => canActAt(actor, SiteAction.SendTransfer, siteId));
    if (siteIds.length !== 1) {
      throw CustodyError.invalid(
        'fromSite',
        siteIds.length === 0 ? 'cannot be chosen: you hold no role at any site' : 'is required: you work at several sites',
      );
    }
    return manager.findOneByOrFail(Site, { id: siteIds[0] });
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
      if (!item || !canReadSite(actor, item.siteId)) notFound.push({ field, problem: `names no item at your sites: ${code}` });
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

  /** The high-risk categories on a manifest: dispatching any of them needs a witness. */
  private async highRiskCategories(transferId: string): Promise<ItemCategory[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT item.category FROM transfer_items line JOIN items item ON item.id = line.item_id WHERE line.transfer_id = $1 ORDER BY item.category`,
      [transferId],
    )) as { category: ItemCategory }[];
    return this.witnesses.highRisk(
      'dispatch',
      rows.map((row) => row.category),
    );
  }
}
