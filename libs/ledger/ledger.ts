import canonicalize from 'canonicalize';
import { hash } from 'node:crypto';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * The encodings of an event, by version. Version 1 was written while the ledger numbered events
 * as they were appended: its hash covers the global `sequence`. Version 2 covers the item's own
 * chain (`itemSequence`) instead, so an append never waits for another item's; its position in
 * the ledger is given after commit. An event keeps the version it was written with.
 */
export const ledgerFormats = { 1: 'custody-event/1', 2: 'custody-event/2' } as const;
export type LedgerFormatVersion = keyof typeof ledgerFormats;
export const currentLedgerFormat: LedgerFormatVersion = 2;
/** The encoding named in version 1 events. */
export const ledgerFormat = ledgerFormats[1];

/** One custody event as it is hashed: what happened to which item, where, by whom, when, why. */
export interface LedgerEvent {
  format: LedgerFormatVersion;
  /** Its position in the whole ledger, from 1 (its Merkle leaf index + 1); null until the integrator gives it one. Hashed by version 1 only. */
  sequence: number | null;
  /** Its number in its item's chain, from 1. Hashed by version 2. */
  itemSequence: number;
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

/**
 * The RFC 8785 (JCS) canonical JSON of an event, the exact text that is hashed, written by npm
 * canonicalize (by an author of RFC 8785). Version 1 covers the global `sequence`, version 2 the
 * item's own `itemSequence`; the other fields are the same.
 */
export function canonicalEvent(event: LedgerEvent): string {
  const { actor, details, item, location, occurredAt, previousHash, reason, site, transfer, type } = event;
  const common = { actor, details, item, location, occurredAt, previousHash, reason, site, transfer, type };
  if (event.format === 1) {
    if (event.sequence === null || !Number.isSafeInteger(event.sequence)) throw new Error('a version 1 event is hashed with its sequence');
    return canonicalJson({ ...common, format: ledgerFormats[1], sequence: event.sequence });
  }
  if (event.format !== 2 || !Number.isSafeInteger(event.itemSequence) || event.itemSequence < 1) throw new Error('the event cannot be encoded');
  return canonicalJson({ ...common, format: ledgerFormats[2], itemSequence: event.itemSequence });
}

/** RFC 8785 canonical JSON of a JSON value (npm canonicalize: keys sorted by UTF-16 code units, ES number and string forms). */
export function canonicalJson(value: unknown): string {
  const encoded = canonicalize(value);
  if (encoded === undefined) throw new Error('the value cannot be encoded as JSON');
  return encoded;
}

/** SHA-256 of the canonical encoding, as 64 lowercase hex characters. */
export function eventHash(event: LedgerEvent): string {
  return hash('sha256', canonicalEvent(event), 'hex');
}

/** Names the event that broke a chain: its position when it has one, and its number in the item's chain. */
export type ChainCheck = { ok: true } | { ok: false; sequence: number | null; itemSequence: number; reason: string };

/** Checks one item's events, oldest first: numbered from 1 without a gap, each hash recomputes, each links to the one before, positions rising. */
export function verifyItemChain(events: (LedgerEvent & { hash: string })[]): ChainCheck {
  let previous: (LedgerEvent & { hash: string }) | null = null;
  for (const [index, event] of events.entries()) {
    const broken = (reason: string): ChainCheck => ({ ok: false, sequence: event.sequence, itemSequence: event.itemSequence, reason });
    if (event.itemSequence !== index + 1) return broken(index === 0 ? "the item's first event is missing" : `event ${index + 1} of the item is missing`);
    if (previous && event.sequence !== null && (previous.sequence === null || event.sequence <= previous.sequence)) {
      return broken('events are not in ledger order');
    }
    if (event.previousHash !== (previous?.hash ?? null)) {
      return broken(previous ? `does not link to the item's event ${previous.itemSequence}` : 'the first event of an item must not link to an earlier one');
    }
    if (eventHash(event) !== event.hash) return broken('its hash does not match its content');
    previous = event;
  }
  return { ok: true };
}
