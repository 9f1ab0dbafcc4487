import { JsonObject, LedgerEvent, LedgerFormatVersion } from '../../libs/ledger';

/** A custody_events row as PostgreSQL answers it: what every reader of the ledger (history, verify, the integrator) selects. */
export interface EventRow {
  sequence: string | null;
  item_code: string;
  item_sequence: number;
  format: LedgerFormatVersion;
  type: string;
  occurred_at: Date;
  actor_username: string;
  site_code: string | null;
  location_code: string | null;
  transfer_code: string | null;
  reason: string | null;
  details: JsonObject;
  previous_hash: string | null;
  hash: string;
}

/** The columns of an `EventRow`, for a SELECT (with an alias prefix if the query joins). */
export function eventColumns(alias = ''): string {
  const prefix = alias ? `${alias}.` : '';
  return [
    'sequence',
    'item_code',
    'item_sequence',
    'format',
    'type',
    'occurred_at',
    'actor_username',
    'site_code',
    'location_code',
    'transfer_code',
    'reason',
    'details',
    'previous_hash',
    'hash',
  ]
    .map((column) => `${prefix}${column}`)
    .join(', ');
}

/** The row as the ledger hashes it (libs/ledger). */
export function ledgerEventOf(row: EventRow): LedgerEvent {
  return {
    format: row.format,
    sequence: row.sequence === null ? null : Number(row.sequence),
    itemSequence: row.item_sequence,
    item: row.item_code,
    type: row.type,
    occurredAt: row.occurred_at.toISOString(),
    actor: row.actor_username,
    site: row.site_code,
    location: row.location_code,
    transfer: row.transfer_code,
    reason: row.reason,
    details: row.details,
    previousHash: row.previous_hash,
  };
}
