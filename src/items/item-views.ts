import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import { ItemCategory, ItemStatus } from './item-status';

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

export interface ItemRow extends ItemView {
  id: string;
  siteId: string;
  /** While in transit: the receiving site, which may see the item coming. */
  transferToSiteId: string | null;
}

const selectItems = `
  SELECT item.id, item.site_id AS "siteId", item.code, item.status, item.category, item.description,
         item.quantity::float8 AS quantity, item.unit, item.seal_number AS "sealNumber", item.seal_damaged AS "sealDamaged",
         site.code AS site, location.code AS location, transfer.code AS transfer, checkout.person AS custodian,
         parent.code AS parent, to_char(item.review_on, 'YYYY-MM-DD') AS "reviewOn", seizure.code AS seizure, seizure.case_number AS "caseNumber",
         item.created_at AS "createdAt", item.updated_at AS "updatedAt", transfer.to_site_id AS "transferToSiteId"
    FROM items item
    JOIN sites site ON site.id = item.site_id
    JOIN seizures seizure ON seizure.id = item.seizure_id
    LEFT JOIN locations location ON location.id = item.location_id
    LEFT JOIN items parent ON parent.id = item.parent_id
    -- the predicate of the partial unique index: at most one open line per item
    LEFT JOIN transfer_items line ON line.item_id = item.id AND line.state IN ('listed', 'in_transit')
    LEFT JOIN transfers transfer ON transfer.id = line.transfer_id AND line.state = 'in_transit'
    LEFT JOIN checkouts checkout ON checkout.item_id = item.id AND checkout.returned_at IS NULL`;

/** Reads items with their codes resolved, in one query; `where` and `order` are SQL over the alias `item`. */
export async function selectItemRows(manager: EntityManager, where: string, parameters: unknown[], tail = ''): Promise<ItemRow[]> {
  return manager.query(`${selectItems} WHERE ${where} ${tail}`, parameters);
}

/** The item of a code, as a prepared statement: the scan desk asks this all day. */
export async function selectItemRowByCode(dataSource: DataSource, code: string): Promise<ItemRow | undefined> {
  const [row] = await preparedQuery<ItemRow>(dataSource, 'item-view-by-code', `${selectItems} WHERE item.code = $1`, [code]);
  return row;
}

export function toItemView(row: ItemRow): ItemView {
  const { id: _id, siteId: _siteId, transferToSiteId: _transferToSiteId, ...view } = row;
  return view;
}
