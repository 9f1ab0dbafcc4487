import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Names the encoding below; a future change of fields or hashing gets a new one, old events keep theirs. */
export const ledgerFormat = 'custody-event/1';

/** One custody event as it is hashed: what happened to which item, where, by whom, when, why. */
export interface LedgerEvent {
  sequence: number;
  item: string;
  type: string;
  /** ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
  occurredAt: string;
  /** Username of the authenticated actor. */
  actor: string;
  site: string | null;
  location: string | null;
  transfer: string | null;
  reason: string | null;
  details: JsonObject;
  /** Hash of the item's previous event; null for its first. */
  previousHash: string | null;
}

/** The RFC 8785 (JCS) canonical JSON of an event, the exact text that is hashed. */
export function canonicalEvent(event: LedgerEvent): string {
  const { sequence, item, type, occurredAt, actor, site, location, transfer, reason, details, previousHash } = event;
  const text = canonicalize({ format: ledgerFormat, sequence, item, type, occurredAt, actor, site, location, transfer, reason, details, previousHash });
  if (text === undefined) throw new Error('the event cannot be encoded');
  return text;
}

/** SHA-256 of the canonical encoding, as 64 lowercase hex characters. */
export function eventHash(event: LedgerEvent): string {
  return createHash('sha256').update(canonicalEvent(event), 'utf8').digest('hex');
}

export type ChainCheck = { ok: true } | { ok: false; sequence: number; reason: string };

/** Checks one item's events, oldest first: each hash recomputes and each links to the one before. */
export function verifyItemChain(events: (LedgerEvent & { hash: string })[]): ChainCheck {
  let previous: (LedgerEvent & { hash: string }) | null = null;
  for (const event of events) {
    if (previous && event.sequence <= previous.sequence) return { ok: false, sequence: event.sequence, reason: 'events are not in sequence order' };
    if (event.previousHash !== (previous?.hash ?? null)) {
      return { ok: false, sequence: event.sequence, reason: previous ? `does not link to event ${previous.sequence}` : 'the first event of an item must not link to an earlier one' };
    }
    if (eventHash(event) !== event.hash) return { ok: false, sequence: event.sequence, reason: 'its hash does not match its content' };
    previous = event;
  }
  return { ok: true };
}
