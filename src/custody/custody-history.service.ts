import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CustodyEventType } from '../../libs/custody';
import { LedgerEvent } from '../../libs/ledger';
import { EventRow, eventColumns, ledgerEventOf } from './event-rows';

/** One line of an item's history: the event as hashed (libs/ledger), with its hash. `sequence` is null until the integrator positions it. */
export type HistoryEntry = Omit<LedgerEvent, 'item' | 'type'> & { type: CustodyEventType; hash: string };

/** Reads items' custody events, as the ledger holds them. */
@Injectable()
export class CustodyHistory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An item's events, oldest first. */
  async of(itemId: string, manager: EntityManager = this.dataSource.manager): Promise<HistoryEntry[]> {
    const rows = (await manager.query(`SELECT ${eventColumns()} FROM custody_events WHERE item_id = $1 ORDER BY item_sequence`, [itemId])) as EventRow[];
    return rows.map(toHistoryEntry);
  }
}

export function toHistoryEntry(row: EventRow): HistoryEntry {
  const { item: _item, ...event } = ledgerEventOf(row);
  return { ...event, type: row.type as CustodyEventType, hash: row.hash };
}
