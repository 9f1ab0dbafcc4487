import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CodeKind } from '../../libs/codes';
import { CustodyStep } from '../../libs/custody';
import { Actor } from '../auth/actor';
import { CustodyError } from '../common/errors/custody-error';
import { Page, pageOf } from '../common/pagination';
import { requireCode } from '../common/scanned-code';
import { mayReadItem, siteCondition } from '../custody/access';
import { CustodyEngine } from '../custody/custody-engine.service';
import { CustodyHistory, HistoryEntry } from '../custody/custody-history.service';
import { ItemRecord, ItemView, readItemRecordByCode, selectItemRecords, toItemView } from '../custody/item-records';
import { LocationsService } from '../locations/locations.service';
import { SitesService } from '../sites/sites.service';
import { ItemQuery } from './dto/item-query.dto';
import { MoveItemDto } from './dto/move-item.dto';

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
    private readonly custody: CustodyEngine,
    private readonly events: CustodyHistory,
    private readonly sites: SitesService,
    private readonly locations: LocationsService,
  ) {}

  /** An item the actor may see; any other, or an unknown code, answers 404. One round trip, the session check included. */
  async getFor(actor: Actor, scanned: string, field = 'code'): Promise<ItemView> {
    return toItemView(await this.readable(actor, scanned, field));
  }

  async historyFor(actor: Actor, scanned: string): Promise<HistoryEntry[]> {
    return (await this.withHistoryFor(actor, scanned)).history;
  }

  /** The item and its custody events, behind one access check: what proofs and reports are made of. */
  async withHistoryFor(actor: Actor, scanned: string): Promise<{ item: ItemRecord; history: HistoryEntry[] }> {
    const item = await this.readable(actor, scanned, 'code');
    return { item, history: await this.events.of(item.id) };
  }

  /** The item of a code if the actor may read it (its site's people; the receiving site while it is on its way there). */
  async readable(actor: Actor, scanned: string, field: string): Promise<ItemRecord> {
    const code = requireCode(scanned, CodeKind.Item, field);
    const item = await readItemRecordByCode(this.dataSource, code);
    if (!item || !mayReadItem(actor, item)) throw CustodyError.notFound(`item ${code}`);
    return item;
  }

  async list(actor: Actor, query: ItemQuery): Promise<Page<ItemView>> {
    const parameters: unknown[] = [];
    const parameter = (value: unknown) => `$${parameters.push(value)}`;
    const conditions: string[] = [siteCondition(actor, 'item.site_id', parameter)];
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
    const where = conditions.join(' AND ');
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM items item JOIN seizures seizure ON seizure.id = item.seizure_id WHERE ${where}`,
      parameters,
    );
    const rows = await selectItemRecords(
      this.dataSource.manager,
      where,
      parameters,
      `ORDER BY ${orderBy[query.sort]} LIMIT ${query.pageSize} OFFSET ${query.offset}`,
    );
    return pageOf(rows.map(toItemView), total, query);
  }

  /** Stores or moves an item inside its site: one `moved` event; a repeated scan of the shelf it is on writes nothing. */
  async move(actor: Actor, scanned: string, dto: MoveItemDto): Promise<ItemView> {
    const { items } = await this.custody.perform({
      step: CustodyStep.Move,
      actor,
      items: { code: scanned, field: 'code' },
      location: { code: dto.location, field: 'location' },
      change: (item, { location }) =>
        location!.id === item.locationId ? { unchanged: true } : { location, reason: dto.reason ?? null, details: { from: item.location } },
    });
    return toItemView(items[0]);
  }
}
