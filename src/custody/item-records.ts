import { DataSource, EntityManager } from 'typeorm';
import { ItemCategory, ItemStatus } from '../../libs/custody';
import { sessionCondition, settleSession } from '../auth/request-session';
import { queryThrough } from '../database/prepared-query';

/** An item as clients see it: where it is (site, location, transfer) by code, and what it is. */
export interface ItemView {
  code: string;
  status: ItemStatus;
  category: ItemCategory;
  description: string;
  quantity: number;
  unit: string;
  sealNumber: string | null;
  /** A receipt reported the seal damaged, and it has not been resealed since. */
  sealDamaged: boolean;
  site: string;
  location: string | null;
  transfer: string | null;
  custodian: string | null;
  parent: string | null;
  /** The date someone must look at it again, YYYY-MM-DD. */
  reviewOn: string | null;
  seizure: string;
  caseNumber: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The item as the custody engine works on it: the view, with the ids behind its codes and the head of its chain. */
export interface ItemRecord extends ItemView {
  id: string;
  siteId: string;
  locationId: string | null;
  seizureId: string;
  /** While in transit: the receiving site, which may see the item coming. */
  transferToSiteId: string | null;
  lastEventHash: string;
  eventCount: number;
}

/**
 * One row per item, its codes resolved by subqueries that run only when they have something to
 * find (no transfer lookup for an item that is not in transit, no check-out lookup for one in the room).
 */
const recordColumns = `
  item.id, item.code, item.status, item.category, item.description, item.quantity::float8 AS quantity, item.unit,
  item.seal_number AS "sealNumber", item.seal_damaged AS "sealDamaged", item.site_id AS "siteId", item.location_id AS "locationId",
  item.seizure_id AS "seizureId", item.last_event_hash AS "lastEventHash", item.event_count AS "eventCount",
  to_char(item.review_on, 'YYYY-MM-DD') AS "reviewOn", item.created_at AS "createdAt", item.updated_at AS "updatedAt",
  (SELECT code FROM sites WHERE id = item.site_id) AS site,
  (SELECT code FROM locations WHERE item.location_id IS NOT NULL AND id = item.location_id) AS location,
  (SELECT code FROM items parent WHERE item.parent_id IS NOT NULL AND parent.id = item.parent_id) AS parent,
  (SELECT person FROM checkouts WHERE item.status = 'checked_out' AND item_id = item.id AND returned_at IS NULL) AS custodian,
  (SELECT transfer.code FROM transfer_items line JOIN transfers transfer ON transfer.id = line.transfer_id
    WHERE item.status = 'in_transit' AND line.item_id = item.id AND line.state = 'in_transit') AS transfer,
  (SELECT transfer.to_site_id FROM transfer_items line JOIN transfers transfer ON transfer.id = line.transfer_id
    WHERE item.status = 'in_transit' AND line.item_id = item.id AND line.state = 'in_transit') AS "transferToSiteId",
  seizure.code AS seizure, seizure.case_number AS "caseNumber"`;

type Runner = Pick<EntityManager, 'query'>;

/** The one statement that reads the item of a code (the scan benchmark's ceiling runs it bare). */
export const itemRecordByCodeQuery = `SELECT ${recordColumns} FROM items item JOIN seizures seizure ON seizure.id = item.seizure_id WHERE item.code = $1`;

/** Item records; `where` and `tail` are SQL over the aliases `item` and `seizure`. */
export function selectItemRecords(runner: Runner, where: string, parameters: unknown[], tail = ''): Promise<ItemRecord[]> {
  return runner.query(`SELECT ${recordColumns} FROM items item JOIN seizures seizure ON seizure.id = item.seizure_id WHERE ${where} ${tail}`, parameters);
}

/**
 * Item records with extra columns computed alongside (the same on every row), optionally locked
 * for the rest of the transaction; always in id order, so concurrent steps never deadlock.
 */
export function queryItemRecords<Extra extends object = object>(
  manager: EntityManager,
  query: { where: string; parameters: unknown[]; extras?: string[]; lock: boolean },
): Promise<(ItemRecord & Extra)[]> {
  const extras = (query.extras ?? []).map((extra) => `${extra}, `).join('');
  return queryThrough(
    manager,
    `SELECT ${extras}${recordColumns} FROM items item JOIN seizures seizure ON seizure.id = item.seizure_id
      WHERE ${query.where} ORDER BY item.id ${query.lock ? 'FOR UPDATE OF item' : ''}`,
    query.parameters,
  );
}

/**
 * The item of a code, in one round trip that also checks the request's session when it is still
 * to be checked: the scan desk asks this all day. A named prepared statement, planned once a connection.
 */
export async function readItemRecordByCode(dataSource: DataSource, code: string): Promise<ItemRecord | undefined> {
  const parameters: unknown[] = [code];
  const session = sessionCondition((value) => `$${parameters.push(value)}`);
  const pool = (dataSource.driver as unknown as { master: { query: (query: object) => Promise<{ rows: (ItemRecord & { live: boolean })[] }> } }).master;
  const text = session
    ? `SELECT ${session} AS live, found.* FROM (SELECT 1) AS one LEFT JOIN LATERAL (
         SELECT ${recordColumns} FROM items item JOIN seizures seizure ON seizure.id = item.seizure_id WHERE item.code = $1) found ON true`
    : itemRecordByCodeQuery;
  const { rows } = await pool.query({ name: session ? 'item-record-by-code-in-session' : 'item-record-by-code', text, values: parameters });
  const [row] = rows;
  if (session) {
    settleSession(row.live);
    if (row.id === null) return undefined;
    const { live: _live, ...record } = row;
    return record;
  }
  return row;
}

export function toItemView(record: ItemRecord): ItemView {
  const {
    id: _id,
    siteId: _siteId,
    locationId: _locationId,
    seizureId: _seizureId,
    transferToSiteId: _transferToSiteId,
    lastEventHash: _lastEventHash,
    eventCount: _eventCount,
    ...view
  } = record;
  return view;
}
