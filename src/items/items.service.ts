import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CodeKind } from '../../libs/codes';
import { Actor, canReadSite, readsEverySite, siteIdsOf } from '../auth/actor';
import { canActAt, SiteAction } from '../auth/permissions';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { Page, pageOf } from '../common/pagination';
import { requireCode } from '../common/scanned-code';
import { CustodyEventType } from '../custody/custody-event.entity';
import { CustodyLedger, HistoryEntry } from '../custody/custody-ledger.service';
import { LocationsService } from '../locations/locations.service';
import { SitesService } from '../sites/sites.service';
import { markRequestApplied } from '../idempotency/idempotency-context';
import { ItemQuery } from './dto/item-query.dto';
import { MoveItemDto } from './dto/move-item.dto';
import { ItemStatus } from './item-status';
import { Item } from './item.entity';
import { ItemRow, ItemView, selectItemRowByCode, selectItemRows, toItemView } from './item-views';

const orderBy: Record<ItemQuery['sort'], string> = {
  createdAt: 'item.created_at ASC, item.code ASC',
  '-createdAt': 'item.created_at DESC, item.code DESC',
  code: 'item.code ASC',
  '-code': 'item.code DESC',
  caseNumber: 'seizure.case_number ASC, item.code ASC',
  '-caseNumber': 'seizure.case_number DESC, item.code DESC',
  category: 'item.category ASC, item.code ASC',
  '-category': 'item.category DESC, item.code DESC',
  status: 'item.status ASC, item.code ASC',
  '-status': 'item.status DESC, item.code DESC',
};

@Injectable()
export class ItemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: CustodyLedger,
    private readonly sites: SitesService,
    private readonly locations: LocationsService,
  ) {}

  /** An item the actor may see; any other, or an unknown code, answers 404. */
  async getFor(actor: Actor, scanned: string, field = 'code'): Promise<ItemView> {
    return toItemView(await this.readableRow(actor, scanned, field));
  }

  async historyFor(actor: Actor, scanned: string): Promise<HistoryEntry[]> {
    return (await this.withHistoryFor(actor, scanned)).history;
  }

  /** The item and its custody events, behind one access check: what proofs and reports are made of. */
  async withHistoryFor(actor: Actor, scanned: string): Promise<{ item: ItemView; history: HistoryEntry[] }> {
    const row = await this.readableRow(actor, scanned, 'code');
    return { item: toItemView(row), history: await this.ledger.history(this.dataSource.manager, row.id) };
  }

  private async readableRow(actor: Actor, scanned: string, field: string): Promise<ItemRow> {
    const code = requireCode(scanned, CodeKind.Item, field);
    const row = await selectItemRowByCode(this.dataSource, code);
    const readable = row && (canReadSite(actor, row.siteId) || (row.transferToSiteId !== null && canReadSite(actor, row.transferToSiteId)));
    if (!readable) throw CustodyError.notFound(`item ${code}`);
    return row;
  }

  async list(actor: Actor, query: ItemQuery): Promise<Page<ItemView>> {
    const conditions: string[] = [];
    const parameters: unknown[] = [];
    const parameter = (value: unknown) => `$${parameters.push(value)}`;
    if (!readsEverySite(actor)) conditions.push(`item.site_id = ANY(${parameter(siteIdsOf(actor))}::uuid[])`);
    if (query.site !== undefined) conditions.push(`item.site_id = ${parameter((await this.sites.requireReadable(actor, query.site)).id)}`);
    if (query.caseNumber !== undefined) conditions.push(`seizure.case_number = ${parameter(query.caseNumber)}`);
    if (query.status !== undefined) conditions.push(`item.status = ${parameter(query.status)}`);
    if (query.category !== undefined) conditions.push(`item.category = ${parameter(query.category)}`);
    if (query.reviewDue === true) conditions.push(`item.review_on <= current_date AND item.status <> 'disposed'`);
    if (query.location !== undefined) {
      const location = await this.locations.findReadable(actor, query.location, 'location');
      conditions.push(`item.location_id IN (
        WITH RECURSIVE below AS (SELECT id FROM locations WHERE id = ${parameter(location.id)}
                                 UNION ALL SELECT child.id FROM locations child JOIN below ON child.parent_id = below.id)
        SELECT id FROM below)`);
    }
    const where = conditions.join(' AND ') || 'TRUE';
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM items item JOIN seizures seizure ON seizure.id = item.seizure_id WHERE ${where}`,
      parameters,
    );
    const rows = await selectItemRows(
      this.dataSource.manager,
      where,
      parameters,
      `ORDER BY ${orderBy[query.sort]} LIMIT ${query.pageSize} OFFSET ${query.offset}`,
    );
    return pageOf(rows.map(toItemView), total, query);
  }

  /** Stores or moves an item inside its site: one `moved` event, in the same transaction as the change. */
  async move(actor: Actor, scanned: string, dto: MoveItemDto): Promise<ItemView> {
    const code = requireCode(scanned, CodeKind.Item, 'code');
    await this.dataSource.transaction(async (manager) => {
      const item = await this.lockForAction(manager, actor, code, SiteAction.MoveItem);
      if (item.status !== ItemStatus.InCustody) {
        throw new CustodyError(CustodyErrorCode.ItemNotInCustody, `item ${code} is ${item.status.replace('_', ' ')}; only an item in custody can move`);
      }
      const location = await this.locations.requireAtSite(manager, dto.location, item.siteId, 'location');
      // a repeated scan of the same shelf changes nothing and writes nothing
      if (location.id === item.locationId) return;
      const from = item.locationId ? await this.locations.codeOf(manager, item.locationId) : null;
      const [event] = await this.ledger.append(manager, [
        {
          item,
          type: CustodyEventType.Moved,
          actor,
          site: await this.sites.codeOf(item.siteId, manager),
          location: location.code,
          reason: dto.reason ?? null,
          details: { from },
        },
      ]);
      await manager.update(Item, { id: item.id }, { locationId: location.id, lastEventHash: event.hash });
      await markRequestApplied(manager);
    });
    return this.getFor(actor, code);
  }

  /**
   * The item, its row locked for the rest of the transaction, if the actor may do this at its site.
   * Someone who may see the item but not act on it gets 403; anyone else 404.
   */
  async lockForAction(manager: EntityManager, actor: Actor, code: string, action: SiteAction): Promise<Item> {
    const item = await manager.findOne(Item, { where: { code }, lock: { mode: 'pessimistic_write' } });
    if (!item || !canReadSite(actor, item.siteId)) throw CustodyError.notFound(`item ${code}`);
    if (!canActAt(actor, action, item.siteId)) throw new CustodyError(CustodyErrorCode.Forbidden, `your roles at this item's site do not allow this`);
    return item;
  }
}
