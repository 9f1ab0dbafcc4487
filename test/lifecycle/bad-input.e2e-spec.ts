import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** The item-life endpoints at their worst: a 4xx naming the field, and nothing written. */
describe('bad input to an item’s life', () => {
  let custody: TestApp;
  let item: string;

  const written = async () =>
    (
      await custody.sql(`SELECT (SELECT count(*) FROM custody_events)::int AS events, (SELECT count(*) FROM checkouts)::int AS checkouts,
    (SELECT count(*) FROM dispositions)::int AS dispositions, (SELECT count(*) FROM items)::int AS items,
    (SELECT string_agg(status || coalesce(seal_number, '') || coalesce(review_on::text, ''), ',' ORDER BY id) FROM items) AS item_values`)
    )[0];

  beforeAll(async () => {
    custody = await startTestApp();
    item = (await given(custody).seizure()).items[0].code;
  });
  afterAll(() => custody.close());

  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const cases: [string, string, () => object, number, { field: string; problem: string | RegExp }[]][] = [
    ['a check-out to nobody', 'checkouts', () => ({ purpose: 'x', expectedReturn: tomorrow }), 400, [{ field: 'person', problem: 'must be a string' }]],
    [
      'a check-out to a person whose name holds a line break',
      'checkouts',
      () => ({ person: 'Jean\nDupont', purpose: 'x', expectedReturn: tomorrow }),
      400,
      [{ field: 'person', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' }],
    ],
    [
      'a sample whose description and seal hold printer commands',
      'samples',
      // (a NUL is refused before any validation: test/validation/unstorable-text.e2e-spec.ts)
      () => ({ description: 'Powder\u001dV\u0041', quantity: 1, unit: 'g', sealNumber: 'S\u001b@' }),
      400,
      [
        { field: 'description', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' },
        { field: 'sealNumber', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' },
      ],
    ],
    [
      'a new seal number with an escape',
      'seals',
      () => ({ newSealNumber: 'SEAL\u001bt\u0010', reason: 'x' }),
      400,
      [{ field: 'newSealNumber', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' }],
    ],
    [
      'a check-out due back on no real date',
      'checkouts',
      () => ({ person: 'x', purpose: 'x', expectedReturn: '2026-02-30x' }),
      400,
      [{ field: 'expectedReturn', problem: 'must be a date like 2026-12-12' }],
    ],
    [
      'a check-out due back yesterday',
      'checkouts',
      () => ({ person: 'x', purpose: 'x', expectedReturn: '2020-01-01' }),
      400,
      [{ field: 'expectedReturn', problem: 'must not be before today' }],
    ],
    [
      'a check-out with a witness as a string',
      'checkouts',
      () => ({ person: 'x', purpose: 'x', expectedReturn: tomorrow, witness: 'officer2' }),
      400,
      [{ field: 'witness', problem: /must be either object or array/ }],
    ],
    [
      'a check-in to a location code with a bad check character',
      'checkins',
      () => ({ location: 'L0000000010' }),
      400,
      [{ field: 'location', problem: /check character/ }],
    ],
    [
      'a sample of nothing',
      'samples',
      () => ({ description: 'x', quantity: 0, unit: 'g' }),
      400,
      [{ field: 'quantity', problem: /must not be less than 0.001/ }],
    ],
    [
      'a sample of a quantity written with an exponent',
      'samples',
      () => ({ description: 'x', quantity: 8e-323, unit: 'g' }),
      400,
      [{ field: 'quantity', problem: /must not be less than 0.001/ }],
    ],
    [
      'a sample of 1.0005 g',
      'samples',
      () => ({ description: 'x', quantity: 1.0005, unit: 'g' }),
      400,
      [{ field: 'quantity', problem: 'must be a number with at most three decimals' }],
    ],
    [
      'a sample of an unknown category',
      'samples',
      () => ({ description: 'x', quantity: 1, unit: 'g', category: 'plutonium' }),
      400,
      [{ field: 'category', problem: /must be one of drugs/ }],
    ],
    ['a seal without a reason', 'seals', () => ({ newSealNumber: 'S-2' }), 400, [{ field: 'reason', problem: 'must be a string' }]],
    [
      'a disposition of an unknown kind',
      'dispositions',
      () => ({ kind: 'lost', authority: 'x', decidedAt: '2026-11-01T10:00:00Z' }),
      400,
      [{ field: 'kind', problem: /must be one of returned_to_owner, destroyed, confiscated, sold/ }],
    ],
    [
      'a disposition decided without a time zone',
      'dispositions',
      () => ({ kind: 'sold', authority: 'x', decidedAt: '2026-11-01 10:00' }),
      400,
      [{ field: 'decidedAt', problem: /with its time zone/ }],
    ],
    [
      'a disposition with an unknown field',
      'dispositions',
      () => ({ kind: 'sold', authority: 'x', decidedAt: '2026-11-01T10:00:00Z', price: 100 }),
      400,
      [{ field: 'price', problem: 'is not a known field' }],
    ],
  ];

  it.each(cases)('answers %s with a 4xx naming the field, and writes nothing', async (_name, step, body, status, fields) => {
    const before = await written();
    const response = await (await custody.as('officer')).post(`/items/${item}/${step}`, body()).expect(status);
    expect(response.body.fields).toEqual(
      fields.map(({ field, problem }) => ({ field, problem: typeof problem === 'string' ? problem : expect.stringMatching(problem) })),
    );
    expect(await written()).toEqual(before);
  });

  it('answers steps on an item of another site with 404 and on a malformed code with 400', async () => {
    const clerk = await custody.as('clerk');
    await clerk.post(`/items/${item}/checkouts`, { person: 'x', purpose: 'x', expectedReturn: tomorrow }).expect(404);
    expect((await clerk.post('/items/I12/samples', { description: 'x', quantity: 1, unit: 'g' }).expect(400)).body.fields[0].field).toBe('code');
    expect((await clerk.get('/checkouts?overdue=maybe').expect(400)).body.fields).toEqual([{ field: 'overdue', problem: 'must be a boolean value' }]);
  });
});
