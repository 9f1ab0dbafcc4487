import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryFailedError, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { CustodyEventType, ItemCategory, ItemStatus } from '../../libs/custody';
import { currentLedgerFormat, eventHash, JsonObject, LedgerEvent, LedgerFormatVersion } from '../../libs/ledger';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { queryThrough } from '../database/prepared-query';
import { IdempotencyClaim } from '../idempotency/idempotency-context';

/** One event to append: the item's chain head it follows, and what happened. */
export interface EventDraft {
  itemId: string;
  itemCode: string;
  /** The item's event count before this event, and the hash of its newest event (null for a new item). */
  eventCount: number;
  previousHash: string | null;
  type: CustodyEventType;
  occurredAt: Date;
  actor: { userId: string; username: string };
  site: string | null;
  location: string | null;
  transfer: string | null;
  reason: string | null;
  details: JsonObject;
}

/** An event as appended: its place in its item's chain and its hash. Its ledger position comes later, from the integrator. */
export interface AppendedEvent extends LedgerEvent {
  itemId: string;
  hash: string;
}

/** An existing item's new state, written with its event; `previousHash` is the head the step read (the write refuses itself if it moved). */
export interface ItemUpdate {
  id: string;
  previousHash: string;
  status: ItemStatus;
  siteId: string;
  locationId: string | null;
  sealNumber: string | null;
  sealDamaged: boolean;
  reviewOn: string | null;
  hash: string;
  eventCount: number;
}

/** A new item, written with its first event. */
export interface ItemCreation {
  id: string;
  code: string;
  seizureId: string;
  parentId: string | null;
  category: ItemCategory;
  description: string;
  quantity: string;
  unit: string;
  sealNumber: string | null;
  status: ItemStatus;
  siteId: string;
  /** Where it is left; null for a step that creates it at no location (a seizure, a sample). */
  locationId: string | null;
  /** Its events written with it (more than one for an imported item, with its history), and the hash of the newest. */
  eventCount: number;
  hash: string;
}

export interface WritePlan {
  updates: ItemUpdate[];
  creations: ItemCreation[];
  events: AppendedEvent[];
  /** The request's Idempotency-Key claim, marked applied in the same statement. */
  claim: IdempotencyClaim | null;
}

/**
 * Tells this instance's integrator that events were committed, so that, when it leads, it gives
 * them their positions at once rather than at its next round (other instances' leader finds them
 * within LEDGER_INTEGRATE_EVERY_MS). Not a NOTIFY: PostgreSQL serialises the commits of every
 * transaction that notifies on one lock held until the commit is on disk, which made every
 * custody step of the installation wait for the one before it.
 */
@Injectable()
export class EventsAppended implements EntitySubscriberInterface {
  private readonly listeners = new Set<() => void>();
  private readonly logger = new Logger(EventsAppended.name);

  constructor(@InjectDataSource() dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** After a write: at once when it committed on its own, at its transaction's commit otherwise. */
  written(manager: EntityManager): void {
    if (manager.queryRunner?.isTransactionActive) manager.queryRunner.data[appendedKey] = true;
    else this.signal();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // a savepoint released inside the transaction commits nothing yet
    if (event.queryRunner.isTransactionActive || !event.queryRunner.data[appendedKey]) return;
    delete event.queryRunner.data[appendedKey];
    this.signal();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) delete event.queryRunner.data[appendedKey];
  }

  /** Never fails the step that signals: it has committed already. */
  private signal(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        this.logger.error(`a listener of appended events failed: ${(error as Error).message}`);
      }
    }
  }
}

const appendedKey = 'custodyEventsAppended';

/** The reasons the write statement refuses itself (custody_require, SQLSTATE CUS01). */
const chainMoved = 'CHAIN_MOVED';
const claimTaken = 'CLAIM_TAKEN';

export class ChainMoved extends Error {
  refusal(): CustodyError {
    return new CustodyError(CustodyErrorCode.Conflict, 'the item changed while this step was being recorded; look at it again and repeat the step');
  }
}

/** Builds custody events (hashed by libs/ledger) and writes them with their items in one statement. */
@Injectable()
export class LedgerAppend {
  constructor(private readonly appended: EventsAppended) {}

  /** The event of a draft, hashed in the current format: it follows its item's chain, and gets its ledger position later. */
  event(draft: EventDraft): AppendedEvent {
    const event: LedgerEvent = {
      format: currentLedgerFormat,
      sequence: null,
      itemSequence: draft.eventCount + 1,
      item: draft.itemCode,
      type: draft.type,
      occurredAt: draft.occurredAt.toISOString(),
      actor: draft.actor.username,
      site: draft.site,
      location: draft.location,
      transfer: draft.transfer,
      reason: draft.reason,
      details: draft.details,
      previousHash: draft.previousHash,
    };
    return { ...event, itemId: draft.itemId, hash: eventHash(event) };
  }

  /**
   * Appends the events and writes their items in one statement: the updates only where an item's
   * head is still the one the step read, the whole statement refused otherwise (ChainMoved), and
   * the Idempotency-Key claim marked applied with them. Answers the time the items were updated.
   */
  async write(manager: EntityManager, plan: WritePlan, actor: { userId: string; username: string }): Promise<Date> {
    const parameters: unknown[] = [];
    const parameter = (value: unknown, type: string) => `${placeholder(parameters, value)}::${type}`;
    const steps: string[] = [];
    const checks: string[] = [];
    if (plan.updates.length > 0) {
      const column = <K extends keyof ItemUpdate>(key: K, type: string) =>
        parameter(
          plan.updates.map((update) => update[key]),
          type,
        );
      steps.push(`changed AS (
        UPDATE items SET status = c.status, site_id = c.site_id, location_id = c.location_id, seal_number = c.seal_number, seal_damaged = c.seal_damaged,
                         review_on = c.review_on, last_event_hash = c.hash, event_count = c.event_count, updated_at = now()
          FROM unnest(${column('id', 'uuid[]')}, ${column('previousHash', 'text[]')}, ${column('status', 'text[]')}, ${column('siteId', 'uuid[]')},
                      ${column('locationId', 'uuid[]')}, ${column('sealNumber', 'text[]')}, ${column('sealDamaged', 'boolean[]')}, ${column('reviewOn', 'date[]')},
                      ${column('hash', 'text[]')}, ${column('eventCount', 'int[]')})
               AS c(id, previous, status, site_id, location_id, seal_number, seal_damaged, review_on, hash, event_count)
         WHERE items.id = c.id AND items.last_event_hash = c.previous
        RETURNING items.id)`);
      // the count as a parameter: one statement text (and one prepared statement) for any number of items
      checks.push(`custody_require((SELECT count(*) FROM changed) = ${parameter(plan.updates.length, 'bigint')}, '${chainMoved}')`);
    }
    if (plan.creations.length > 0) {
      const column = <K extends keyof ItemCreation>(key: K, type: string) =>
        parameter(
          plan.creations.map((creation) => creation[key]),
          type,
        );
      steps.push(`created AS (
        INSERT INTO items (id, code, seizure_id, parent_id, category, description, quantity, unit, seal_number, status, site_id, location_id, last_event_hash, event_count)
        SELECT id, code, seizure_id, parent_id, category, description, quantity::numeric, unit, seal_number, status, site_id, location_id, hash, event_count
          FROM unnest(${column('id', 'uuid[]')}, ${column('code', 'text[]')}, ${column('seizureId', 'uuid[]')}, ${column('parentId', 'uuid[]')},
                      ${column('category', 'text[]')}, ${column('description', 'text[]')}, ${column('quantity', 'text[]')}, ${column('unit', 'text[]')},
                      ${column('sealNumber', 'text[]')}, ${column('status', 'text[]')}, ${column('siteId', 'uuid[]')}, ${column('locationId', 'uuid[]')},
                      ${column('hash', 'text[]')}, ${column('eventCount', 'int[]')})
               AS c(id, code, seizure_id, parent_id, category, description, quantity, unit, seal_number, status, site_id, location_id, hash, event_count))`);
    }
    if (plan.events.length > 0) {
      const column = <T>(values: T[], type: string) => parameter(values, type);
      const events = plan.events;
      steps.push(`appended AS (
        INSERT INTO custody_events (item_id, item_sequence, format, item_code, type, occurred_at, actor_id, actor_username, site_code, location_code,
                                    transfer_code, reason, details, previous_hash, hash)
        SELECT item_id, item_sequence, format, item_code, type, occurred_at, ${parameter(actor.userId, 'uuid')}, ${parameter(actor.username, 'text')},
               site_code, location_code, transfer_code, reason, details::jsonb, previous_hash, hash
          FROM unnest(${column(
            events.map((event) => event.itemId),
            'uuid[]',
          )}, ${column(
            events.map((event) => event.itemSequence),
            'int[]',
          )},
                      ${column(
                        events.map((event) => event.format),
                        'smallint[]',
                      )}, ${column(
                        events.map((event) => event.item),
                        'text[]',
                      )},
                      ${column(
                        events.map((event) => event.type),
                        'text[]',
                      )}, ${column(
                        events.map((event) => event.occurredAt),
                        'timestamptz[]',
                      )},
                      ${column(
                        events.map((event) => event.site),
                        'text[]',
                      )}, ${column(
                        events.map((event) => event.location),
                        'text[]',
                      )},
                      ${column(
                        events.map((event) => event.transfer),
                        'text[]',
                      )}, ${column(
                        events.map((event) => event.reason),
                        'text[]',
                      )},
                      ${column(
                        events.map((event) => JSON.stringify(event.details)),
                        'text[]',
                      )}, ${column(
                        events.map((event) => event.previousHash),
                        'text[]',
                      )},
                      ${column(
                        events.map((event) => event.hash),
                        'text[]',
                      )})
               AS e(item_id, item_sequence, format, item_code, type, occurred_at, site_code, location_code, transfer_code, reason, details, previous_hash, hash))`);
    }
    if (plan.claim) {
      steps.push(`marked AS (
        UPDATE idempotency_keys SET applied_at = now()
         WHERE actor_id = ${parameter(plan.claim.actorId, 'uuid')} AND key = ${parameter(plan.claim.key, 'text')}
           AND claim_token = ${parameter(plan.claim.claimToken, 'uuid')} AND applied_at IS NULL
        RETURNING 1)`);
      checks.push(`custody_require((SELECT count(*) FROM marked) = 1, '${claimTaken}')`);
    }
    try {
      const [{ at }] = await queryThrough<{ at: Date }>(
        manager,
        `WITH ${steps.join(',\n')} SELECT now() AS at${checks.map((check) => `, ${check}`).join('')}`,
        parameters,
      );
      if (plan.events.length > 0) this.appended.written(manager);
      return at;
    } catch (error) {
      throw refusalOf(error);
    }
  }
}

function placeholder(parameters: unknown[], value: unknown): string {
  return `$${parameters.push(value)}`;
}

function refusalOf(error: unknown): unknown {
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; message?: string }) : null;
  if (driverError?.code !== 'CUS01') return error;
  if (driverError.message === chainMoved) return new ChainMoved(chainMoved);
  if (driverError.message === claimTaken) {
    return new CustodyError(CustodyErrorCode.IdempotencyKeyInUse, 'another request with this Idempotency-Key took over; this one changed nothing');
  }
  return error;
}

export type { LedgerFormatVersion };
