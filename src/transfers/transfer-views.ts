import { EntityManager } from 'typeorm';
import { TransferItemState } from '../../libs/transfers';
import { ItemCategory } from '../../libs/custody';
import { DiscrepancyKind } from './transfer-discrepancy.entity';
import { TransferStatus } from './transfer.entity';

export interface TransferLineView {
  code: string;
  state: TransferItemState;
  category: ItemCategory;
  description: string;
  quantity: number;
  unit: string;
  sealNumber: string | null;
  caseNumber: string;
  sealIntact: boolean | null;
  note: string | null;
  receivedAt: Date | null;
  receivedBy: string | null;
}

export interface SiteRef {
  code: string;
  name: string;
  address: string | null;
}

/** A manifest as both sides see it: where it goes, how far each item got, and what did not match. */
export interface TransferView {
  code: string;
  status: TransferStatus;
  fromSite: string;
  toSite: string;
  purpose: string | null;
  createdBy: string;
  createdAt: Date;
  dispatchedBy: string | null;
  dispatchedAt: Date | null;
  witness: string | null;
  closedBy: string | null;
  closedAt: Date | null;
  cancelledBy: string | null;
  cancelledAt: Date | null;
  counts: { items: number; inTransit: number; received: number; missing: number; damaged: number; unexpected: number };
  items: TransferLineView[];
  missing: string[];
  damaged: { code: string; note: string | null }[];
  unexpected: string[];
}

/** What a list shows of a transfer: the view without its lines. */
export type TransferSummary = Omit<TransferView, 'items' | 'missing' | 'damaged' | 'unexpected'>;

export interface TransferRow extends TransferSummary {
  id: string;
  fromSiteId: string;
  toSiteId: string;
  from: SiteRef;
  to: SiteRef;
}

const selectTransfers = `
  SELECT transfer.id, transfer.code, transfer.status, transfer.from_site_id AS "fromSiteId", transfer.to_site_id AS "toSiteId",
         sender.code AS "fromSite", receiver.code AS "toSite",
         json_build_object('code', sender.code, 'name', sender.name, 'address', sender.address) AS "from",
         json_build_object('code', receiver.code, 'name', receiver.name, 'address', receiver.address) AS "to",
         transfer.purpose, creator.username AS "createdBy", transfer.created_at AS "createdAt",
         dispatcher.username AS "dispatchedBy", transfer.dispatched_at AS "dispatchedAt", witness.username AS witness,
         closer.username AS "closedBy", transfer.closed_at AS "closedAt", canceller.username AS "cancelledBy", transfer.cancelled_at AS "cancelledAt",
         json_build_object(
           'items', (SELECT count(*) FROM transfer_items line WHERE line.transfer_id = transfer.id),
           'inTransit', (SELECT count(*) FROM transfer_items line WHERE line.transfer_id = transfer.id AND line.state = 'in_transit'),
           'received', (SELECT count(*) FROM transfer_items line WHERE line.transfer_id = transfer.id AND line.state = 'received'),
           'missing', (SELECT count(*) FROM transfer_items line WHERE line.transfer_id = transfer.id AND line.state = 'missing'),
           'damaged', (SELECT count(*) FROM transfer_discrepancies found WHERE found.transfer_id = transfer.id AND found.kind = 'damaged_seal'),
           'unexpected', (SELECT count(*) FROM transfer_discrepancies found WHERE found.transfer_id = transfer.id AND found.kind = 'unexpected')
         ) AS counts
    FROM transfers transfer
    JOIN sites sender ON sender.id = transfer.from_site_id
    JOIN sites receiver ON receiver.id = transfer.to_site_id
    JOIN users creator ON creator.id = transfer.created_by_id
    LEFT JOIN users dispatcher ON dispatcher.id = transfer.dispatched_by_id
    LEFT JOIN users witness ON witness.id = transfer.witness_id
    LEFT JOIN users closer ON closer.id = transfer.closed_by_id
    LEFT JOIN users canceller ON canceller.id = transfer.cancelled_by_id`;

/** Transfers with their sites, people and counts; `where` and `tail` are SQL over the alias `transfer`. */
export async function selectTransferRows(manager: EntityManager, where: string, parameters: unknown[], tail = ''): Promise<TransferRow[]> {
  return manager.query(`${selectTransfers} WHERE ${where} ${tail}`, parameters);
}

export async function selectTransferLines(manager: EntityManager, transferId: string): Promise<TransferLineView[]> {
  return manager.query(
    `SELECT item.code, line.state, item.category, item.description, item.quantity::float8 AS quantity, item.unit, item.seal_number AS "sealNumber",
            seizure.case_number AS "caseNumber", line.seal_intact AS "sealIntact", line.note, line.received_at AS "receivedAt", receiver.username AS "receivedBy"
       FROM transfer_items line
       JOIN items item ON item.id = line.item_id
       JOIN seizures seizure ON seizure.id = item.seizure_id
       LEFT JOIN users receiver ON receiver.id = line.received_by_id
      WHERE line.transfer_id = $1
      ORDER BY item.code`,
    [transferId],
  );
}

export async function selectDiscrepancies(manager: EntityManager, transferId: string): Promise<{ kind: DiscrepancyKind; code: string; note: string | null }[]> {
  return manager.query(`SELECT kind, item_code AS code, note FROM transfer_discrepancies WHERE transfer_id = $1 ORDER BY recorded_at, item_code`, [transferId]);
}

export function toSummary(row: TransferRow): TransferSummary {
  const { id: _id, fromSiteId: _fromSiteId, toSiteId: _toSiteId, from: _from, to: _to, ...summary } = row;
  return summary;
}

export async function toTransferView(manager: EntityManager, row: TransferRow): Promise<TransferView> {
  const [items, discrepancies] = await Promise.all([selectTransferLines(manager, row.id), selectDiscrepancies(manager, row.id)]);
  const of = (kind: DiscrepancyKind) => discrepancies.filter((found) => found.kind === kind);
  return {
    ...toSummary(row),
    items,
    missing: of(DiscrepancyKind.Missing).map((found) => found.code),
    damaged: of(DiscrepancyKind.DamagedSeal).map(({ code, note }) => ({ code, note })),
    unexpected: of(DiscrepancyKind.Unexpected).map((found) => found.code),
  };
}
