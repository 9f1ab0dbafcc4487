import { hash } from 'node:crypto';

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

/**
 * The RFC 8785 (JCS) canonical JSON of an event, the exact text that is hashed. The top-level keys
 * are fixed, so they are written in their sorted order directly (JSON.stringify escapes strings as
 * RFC 8785 asks); `details` goes through canonicalJson. The spec proves this equals the reference
 * canonicalizer (npm canonicalize, by an author of RFC 8785) on the whole object.
 */
export function canonicalEvent(event: LedgerEvent): string {
  const details = canonicalJson(event.details);
  if (details === undefined || !Number.isSafeInteger(event.sequence)) throw new Error('the event cannot be encoded');
  const text = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));
  return (
    `{"actor":${text(event.actor)},"details":${details},"format":"${ledgerFormat}","item":${text(event.item)},` +
    `"location":${text(event.location)},"occurredAt":${text(event.occurredAt)},"previousHash":${text(event.previousHash)},` +
    `"reason":${text(event.reason)},"sequence":${event.sequence},"site":${text(event.site)},"transfer":${text(event.transfer)},"type":${text(event.type)}}`
  );
}

/** RFC 8785 canonical JSON of any JSON value: keys sorted by UTF-16 code units, ES number and string forms. */
export function canonicalJson(value: unknown): string | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('NaN and Infinity are not JSON');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((entry) => canonicalJson(entry) ?? 'null').join(',')}]`;
  if (typeof value === 'object') {
    const fields: string[] = [];
    // the default sort compares UTF-16 code units, as RFC 8785 asks
    for (const key of Object.keys(value).sort()) {
      const encoded = canonicalJson((value as Record<string, unknown>)[key]);
      if (encoded !== undefined) fields.push(`${JSON.stringify(key)}:${encoded}`);
    }
    return `{${fields.join(',')}}`;
  }
  return undefined;
}

/** SHA-256 of the canonical encoding, as 64 lowercase hex characters. */
export function eventHash(event: LedgerEvent): string {
  return hash('sha256', canonicalEvent(event), 'hex');
}

export type ChainCheck = { ok: true } | { ok: false; sequence: number; reason: string };

/** Checks one item's events, oldest first: each hash recomputes and each links to the one before. */
export function verifyItemChain(events: (LedgerEvent & { hash: string })[]): ChainCheck {
  let previous: (LedgerEvent & { hash: string }) | null = null;
  for (const event of events) {
    if (previous && event.sequence <= previous.sequence) return { ok: false, sequence: event.sequence, reason: 'events are not in sequence order' };
    if (event.previousHash !== (previous?.hash ?? null)) {
      return {
        ok: false,
        sequence: event.sequence,
        reason: previous ? `does not link to event ${previous.sequence}` : 'the first event of an item must not link to an earlier one',
      };
    }
    if (eventHash(event) !== event.hash) return { ok: false, sequence: event.sequence, reason: 'its hash does not match its content' };
    previous = event;
  }
  return { ok: true };
}
