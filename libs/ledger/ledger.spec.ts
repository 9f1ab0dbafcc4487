import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { canonicalEvent, eventHash, JsonValue, LedgerEvent, ledgerFormats, verifyItemChain } from './ledger';

// written before the integrator: version 1, whose hash covers its global sequence
const seized: LedgerEvent = {
  format: 1,
  sequence: 1,
  itemSequence: 1,
  item: 'I000000012A',
  type: 'seized',
  occurredAt: '2026-11-23T10:15:00.000Z',
  actor: 'officer',
  site: 'POL-BRU',
  location: null,
  transfer: null,
  reason: null,
  details: { seizure: 'S000000011C', quantity: '2.500', description: 'Sachet, poudre blanche — scellé' },
  previousHash: null,
};

// written since: version 2, whose hash covers the item's own chain
const moved: LedgerEvent = { ...seized, format: 2, sequence: null, itemSequence: 2, type: 'moved', details: { from: null } };

/** An item's chain: its first events in version 1, the rest in version 2 (some not yet given a position). */
function chain(length: number, version1 = 2): (LedgerEvent & { hash: string })[] {
  const events: (LedgerEvent & { hash: string })[] = [];
  for (let index = 0; index < length; index++) {
    const event: LedgerEvent = {
      ...(index < version1 ? seized : moved),
      sequence: index < length - 1 ? 10 + index * 3 : null,
      itemSequence: index + 1,
      type: index ? 'moved' : 'seized',
      previousHash: events.at(-1)?.hash ?? null,
    };
    if (index < version1) event.sequence = 10 + index * 3;
    events.push({ ...event, hash: eventHash(event) });
  }
  return events;
}

describe('the ledger encoding', () => {
  it('writes RFC 8785 canonical JSON: sorted keys, no spaces, the format named', () => {
    expect(canonicalEvent(seized)).toBe(
      '{"actor":"officer","details":{"description":"Sachet, poudre blanche — scellé","quantity":"2.500","seizure":"S000000011C"},' +
        '"format":"custody-event/1","item":"I000000012A","location":null,"occurredAt":"2026-11-23T10:15:00.000Z","previousHash":null,' +
        '"reason":null,"sequence":1,"site":"POL-BRU","transfer":null,"type":"seized"}',
    );
  });

  it('writes version 2 without the ledger position: the item, its number in its chain, and its previous hash', () => {
    expect(canonicalEvent({ ...moved, sequence: 77 })).toBe(canonicalEvent(moved));
    expect(canonicalEvent(moved)).toBe(
      '{"actor":"officer","details":{"from":null},"format":"custody-event/2","item":"I000000012A","itemSequence":2,"location":null,' +
        '"occurredAt":"2026-11-23T10:15:00.000Z","previousHash":null,"reason":null,"site":"POL-BRU","transfer":null,"type":"moved"}',
    );
  });

  it('refuses a version 1 event without its sequence, and an unknown version', () => {
    expect(() => canonicalEvent({ ...seized, sequence: null })).toThrow('sequence');
    expect(() => canonicalEvent({ ...moved, format: 3 as 2 })).toThrow('cannot be encoded');
    expect(() => canonicalEvent({ ...moved, itemSequence: 0 })).toThrow('cannot be encoded');
  });

  it('encodes exactly as the general RFC 8785 canonicalizer would, whatever the content', () => {
    const text = fc.option(fc.string({ unit: 'binary' }), { nil: null });
    fc.assert(
      fc.property(
        fc.record({
          sequence: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
          item: fc.string(),
          type: fc.string(),
          occurredAt: fc.string(),
          actor: fc.string({ unit: 'binary' }),
          site: text,
          location: text,
          transfer: text,
          reason: text,
          previousHash: text,
          details: fc.dictionary(fc.string(), fc.jsonValue() as fc.Arbitrary<JsonValue>),
        }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (event, itemSequence) => {
          const { sequence, item, type, occurredAt, actor, site, location, transfer, reason, details, previousHash } = event;
          expect(canonicalEvent({ ...event, format: 1, itemSequence })).toBe(
            canonicalize({ format: ledgerFormats[1], sequence, item, type, occurredAt, actor, site, location, transfer, reason, details, previousHash }),
          );
          expect(canonicalEvent({ ...event, format: 2, itemSequence })).toBe(
            canonicalize({ format: ledgerFormats[2], itemSequence, item, type, occurredAt, actor, site, location, transfer, reason, details, previousHash }),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives every hash the hand-written encoder it replaced gave: a ledger written through the API, and 400 drawn events of both versions', () => {
    // written by the encoder before npm canonicalize took its place (commit f1c0423); a hash that changes breaks every saved checkpoint
    const { demo, drawn } = JSON.parse(readFileSync(join(__dirname, 'testdata', 'hashes-before-canonicalize.json'), 'utf8')) as Record<
      'demo' | 'drawn',
      { event: LedgerEvent; hash: string }[]
    >;
    expect(demo.length).toBeGreaterThan(30);
    for (const { event, hash } of [...demo, ...drawn]) expect(eventHash(event)).toBe(hash);
  });

  it('hashes with SHA-256 to 64 hex characters, the same whatever the order fields were given in', () => {
    const reordered = Object.fromEntries(Object.entries(seized).reverse()) as unknown as LedgerEvent;
    expect(eventHash(seized)).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash(reordered)).toBe(eventHash(seized));
  });

  it('changes the hash when any field changes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(seized, moved),
        fc.constantFrom<keyof LedgerEvent>('item', 'type', 'occurredAt', 'actor', 'site', 'location', 'reason', 'previousHash'),
        fc.string({ minLength: 1 }),
        (event, field, value) => {
          const changed = { ...event, [field]: `${String(event[field])}${value}` };
          expect(eventHash(changed)).not.toBe(eventHash(event));
        },
      ),
    );
  });

  it('changes a version 1 hash with its sequence, a version 2 hash with its number in the item chain', () => {
    expect(eventHash({ ...seized, sequence: 2 })).not.toBe(eventHash(seized));
    expect(eventHash({ ...moved, itemSequence: 3 })).not.toBe(eventHash(moved));
    expect(eventHash({ ...moved, format: 1, sequence: 5 })).not.toBe(eventHash(moved));
  });
});

describe('an item chain', () => {
  it('verifies when every event links to the one before', () => {
    expect(verifyItemChain(chain(5))).toEqual({ ok: true });
    expect(verifyItemChain([])).toEqual({ ok: true });
  });

  it('verifies chains of version 1 events, of version 2 events, and of both, the newest not yet positioned', () => {
    expect(verifyItemChain(chain(4, 4))).toEqual({ ok: true });
    expect(verifyItemChain(chain(4, 0))).toEqual({ ok: true });
    expect(chain(4).at(-1)!.sequence).toBeNull();
  });

  it('names the first event whose content was changed', () => {
    for (const events of [chain(4), chain(4, 0), chain(4, 4)]) {
      events[2] = { ...events[2], actor: 'someone-else' };
      expect(verifyItemChain(events)).toEqual({ ok: false, sequence: events[2].sequence, itemSequence: 3, reason: 'its hash does not match its content' });
    }
  });

  it('names an event taken out of the chain', () => {
    const events = chain(4);
    events.splice(1, 1);
    expect(verifyItemChain(events)).toEqual({ ok: false, sequence: events[1].sequence, itemSequence: 3, reason: 'event 2 of the item is missing' });
  });

  it('names an event that was renumbered to hide a removal, by its broken link', () => {
    const events = chain(4, 0);
    const renumbered = { ...events[2], itemSequence: 2 };
    expect(verifyItemChain([events[0], { ...renumbered, hash: eventHash(renumbered) }])).toMatchObject({
      ok: false,
      reason: "does not link to the item's event 1",
    });
  });

  it('catches a missing first event, a first event that claims a predecessor, and positions out of order', () => {
    const events = chain(3);
    expect(verifyItemChain(events.slice(1))).toMatchObject({ ok: false, reason: "the item's first event is missing" });
    const claims = { ...events[0], previousHash: events[1].hash };
    expect(verifyItemChain([{ ...claims, hash: eventHash(claims) }])).toMatchObject({
      ok: false,
      reason: 'the first event of an item must not link to an earlier one',
    });
    const swapped = chain(3, 3);
    swapped[1] = { ...swapped[1], sequence: 1 };
    expect(verifyItemChain(swapped)).toMatchObject({ ok: false, itemSequence: 2, reason: 'events are not in ledger order' });
  });
});
