import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { eventHash, JsonObject, LedgerEvent } from '../../libs/ledger';
import { Actor } from '../auth/actor';
import { CustodyEvent, CustodyEventType } from './custody-event.entity';

export interface EventDraft {
  /** The item, locked by the caller's transaction (or created in it); lastEventHash is null for a new item. */
  item: { id: string; code: string; lastEventHash: string | null };
  type: CustodyEventType;
  actor: Actor;
  site: string | null;
  location: string | null;
  transfer?: string | null;
  reason?: string | null;
  details?: JsonObject;
}

/** One line of an item's history: the event as hashed (libs/ledger), with its hash. */
export type HistoryEntry = Omit<LedgerEvent, 'item' | 'type'> & { type: CustodyEventType; hash: string };

// Rows per INSERT statement, well under PostgreSQL's 65,535 parameters.
const insertBatch = 2000;

/**
 * The one way events enter the custody ledger, for every module. Called inside the transaction
 * that changes the items, after their rows are locked and as late as possible: numbering takes
 * the ledger's counter row, whose lock is held until commit.
 */
@Injectable()
export class CustodyLedger {
  async append(manager: EntityManager, drafts: EventDraft[]): Promise<CustodyEvent[]> {
    if (drafts.length === 0) return [];
    const [[{ last_sequence: last }]] = (await manager.query('UPDATE ledger_head SET last_sequence = last_sequence + $1 WHERE id = 1 RETURNING last_sequence', [
      drafts.length,
    ])) as [[{ last_sequence: string }], number];
    let sequence = Number(last) - drafts.length;
    const occurredAt = new Date();
    const heads = new Map<string, string | null>();
    const events = drafts.map((draft): CustodyEvent => {
      sequence += 1;
      const ledgerEvent: LedgerEvent = {
        sequence,
        item: draft.item.code,
        type: draft.type,
        occurredAt: occurredAt.toISOString(),
        actor: draft.actor.username,
        site: draft.site,
        location: draft.location,
        transfer: draft.transfer ?? null,
        reason: draft.reason ?? null,
        details: draft.details ?? {},
        previousHash: heads.has(draft.item.id) ? heads.get(draft.item.id)! : draft.item.lastEventHash,
      };
      const hash = eventHash(ledgerEvent);
      heads.set(draft.item.id, hash);
      return Object.assign(new CustodyEvent(), {
        sequence: String(sequence),
        itemId: draft.item.id,
        itemCode: ledgerEvent.item,
        type: draft.type,
        occurredAt,
        actorId: draft.actor.userId,
        actorUsername: ledgerEvent.actor,
        siteCode: ledgerEvent.site,
        locationCode: ledgerEvent.location,
        transferCode: ledgerEvent.transfer,
        reason: ledgerEvent.reason,
        details: ledgerEvent.details,
        previousHash: ledgerEvent.previousHash,
        hash,
      });
    });
    for (let start = 0; start < events.length; start += insertBatch) {
      await manager.insert(CustodyEvent, events.slice(start, start + insertBatch));
    }
    return events;
  }

  /**
   * Appends events that record something about items without changing where they are
   * (`label_printed`, `audited`): the events, and each item's chain head moved to its new event.
   */
  async record(manager: EntityManager, drafts: EventDraft[]): Promise<CustodyEvent[]> {
    const events = await this.append(manager, drafts);
    if (events.length > 0) {
      await manager.query(
        `UPDATE items SET last_event_hash = recorded.hash FROM unnest($1::uuid[], $2::text[]) AS recorded(id, hash) WHERE items.id = recorded.id`,
        [events.map((event) => event.itemId), events.map((event) => event.hash)],
      );
    }
    return events;
  }

  /** An item's events, oldest first, as hashed. */
  async history(manager: EntityManager, itemId: string): Promise<HistoryEntry[]> {
    const events = await manager.find(CustodyEvent, { where: { itemId }, order: { sequence: 'ASC' } });
    return events.map(toHistoryEntry);
  }
}

export function toHistoryEntry(event: CustodyEvent): HistoryEntry {
  return {
    sequence: Number(event.sequence),
    type: event.type,
    occurredAt: event.occurredAt.toISOString(),
    actor: event.actorUsername,
    site: event.siteCode,
    location: event.locationCode,
    transfer: event.transferCode,
    reason: event.reason,
    details: event.details as JsonObject,
    hash: event.hash,
    previousHash: event.previousHash,
  };
}
