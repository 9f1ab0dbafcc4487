import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { canonicalEvent, canonicalJson, eventHash, JsonValue, LedgerEvent, ledgerFormat, verifyItemChain } from './ledger';

const seized: LedgerEvent = {
  sequence: 1,
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

function chain(length: number): (LedgerEvent & { hash: string })[] {
  const events: (LedgerEvent & { hash: string })[] = [];
  for (let index = 0; index < length; index++) {
    const event = { ...seized, sequence: 10 + index * 3, type: index ? 'moved' : 'seized', previousHash: events.at(-1)?.hash ?? null };
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
        (event) => {
          const { sequence, item, type, occurredAt, actor, site, location, transfer, reason, details, previousHash } = event;
          expect(canonicalEvent(event)).toBe(
            canonicalize({ format: ledgerFormat, sequence, item, type, occurredAt, actor, site, location, transfer, reason, details, previousHash }),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('encodes any JSON value as the reference RFC 8785 canonicalizer does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => expect(canonicalJson(value)).toBe(canonicalize(value))),
      { numRuns: 3000 },
    );
  });

  it('hashes with SHA-256 to 64 hex characters, the same whatever the order fields were given in', () => {
    const reordered = Object.fromEntries(Object.entries(seized).reverse()) as unknown as LedgerEvent;
    expect(eventHash(seized)).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash(reordered)).toBe(eventHash(seized));
  });

  it('changes the hash when any field changes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<keyof LedgerEvent>('sequence', 'item', 'type', 'occurredAt', 'actor', 'site', 'location', 'reason', 'previousHash'),
        fc.string({ minLength: 1 }),
        (field, value) => {
          const changed = { ...seized, [field]: field === 'sequence' ? seized.sequence + value.length : `${String(seized[field])}${value}` };
          expect(eventHash(changed)).not.toBe(eventHash(seized));
        },
      ),
    );
  });
});

describe('an item chain', () => {
  it('verifies when every event links to the one before', () => {
    expect(verifyItemChain(chain(5))).toEqual({ ok: true });
    expect(verifyItemChain([])).toEqual({ ok: true });
  });

  it('names the first event whose content was changed', () => {
    const events = chain(4);
    events[2] = { ...events[2], actor: 'someone-else' };
    expect(verifyItemChain(events)).toEqual({ ok: false, sequence: events[2].sequence, reason: 'its hash does not match its content' });
  });

  it('names an event taken out of the chain', () => {
    const events = chain(4);
    events.splice(1, 1);
    expect(verifyItemChain(events)).toEqual({ ok: false, sequence: events[1].sequence, reason: `does not link to event ${events[0].sequence}` });
  });

  it('catches a first event that claims a predecessor and events out of order', () => {
    const events = chain(3);
    expect(verifyItemChain(events.slice(1))).toMatchObject({ ok: false, reason: 'the first event of an item must not link to an earlier one' });
    expect(verifyItemChain([events[0], events[2], events[1]])).toMatchObject({ ok: false, sequence: events[2].sequence });
  });
});
