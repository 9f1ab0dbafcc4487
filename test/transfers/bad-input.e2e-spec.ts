import { CodeKind, formatCode } from '../../libs/codes';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** Every field of the transfer endpoints at its worst: a 4xx naming the field, and nothing written. */
describe('bad input to transfers', () => {
  let custody: TestApp;
  let draft: string;
  let dispatched: string;
  let item: string;
  let highRiskDraft: string;
  let location: string;

  const written = async () =>
    (
      await custody.sql(`SELECT
      (SELECT count(*) FROM transfers)::int AS transfers, (SELECT count(*) FROM transfer_items)::int AS lines,
      (SELECT count(*) FROM transfer_discrepancies)::int AS discrepancies, (SELECT count(*) FROM custody_events)::int AS events,
      (SELECT string_agg(status, ',' ORDER BY code) FROM transfers) AS statuses,
      (SELECT string_agg(state, ',' ORDER BY transfer_id, item_id) FROM transfer_items) AS states,
      (SELECT count(*) FROM idempotency_keys)::int AS keys`)
    )[0];

  beforeAll(async () => {
    custody = await startTestApp();
    const { items } = await given(custody).seizure({ items: 3 });
    item = items[0].code;
    draft = (await given(custody).transfer({ items: [items[1].code] })).code;
    dispatched = (await given(custody).transfer({ items: [items[2].code], dispatch: true })).code;
    const {
      items: [drugs],
    } = await given(custody).seizure({ category: 'drugs' });
    highRiskDraft = (await given(custody).transfer({ items: [drugs.code] })).code;
    location = await given(custody).location('POL-BRU', 'Shelf A');
    // a user of another site, to be refused as a witness
    await custody.token('clerk');
  });
  afterAll(() => custody.close());

  type Case = [
    name: string,
    who: string,
    path: () => string,
    body: () => unknown,
    status: number,
    code: string,
    fields: { field: string; problem: string | RegExp }[],
  ];
  const cases: Case[] = [
    ['a transfer to no site', 'officer', () => '/transfers', () => ({}), 400, 'VALIDATION_FAILED', [{ field: 'toSite', problem: 'must be a string' }]],
    [
      'a transfer whose purpose holds a control character',
      'officer',
      () => '/transfers',
      () => ({ toSite: 'TPI-BRU', purpose: 'Deposit\u001b@' }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'purpose', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' }],
    ],
    [
      'a transfer to a site that does not exist',
      'officer',
      () => '/transfers',
      () => ({ toSite: 'MARS-1' }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'toSite', problem: 'names no site: "MARS-1"' }],
    ],
    [
      'a transfer to its own site',
      'officer',
      () => '/transfers',
      () => ({ toSite: 'POL-BRU' }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'toSite', problem: 'must be another site than the sending site' }],
    ],
    [
      'a transfer whose items are not a list',
      'officer',
      () => '/transfers',
      () => ({ toSite: 'TPI-BRU', items: 'I000000022X' }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items', problem: 'must be an array' }],
    ],
    [
      'a transfer with a number for an item',
      'officer',
      () => '/transfers',
      () => ({ toSite: 'TPI-BRU', items: [42] }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items', problem: /each value in items must be a string/ }],
    ],
    [
      'a transfer with a misread barcode',
      'officer',
      () => '/transfers',
      () => ({ toSite: 'TPI-BRU', items: ['I0000000221'] }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items[0]', problem: /check character/ }],
    ],
    [
      'a transfer of a location',
      'officer',
      () => '/transfers',
      () => ({ toSite: 'TPI-BRU', items: [location] }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items[0]', problem: 'is a location code, not an item code' }],
    ],
    [
      'a transfer of an item that does not exist',
      'officer',
      () => '/transfers',
      () => ({ toSite: 'TPI-BRU', items: [formatCode(CodeKind.Item, 999_999_999)] }),
      404,
      'NOT_FOUND',
      [{ field: 'items[0]', problem: /names no item at your sites/ }],
    ],
    [
      'a transfer of 5 001 items',
      'officer',
      () => '/transfers',
      () => ({ toSite: 'TPI-BRU', items: Array(5001).fill('I000000022X') }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items', problem: /must contain no more than 5000 elements/ }],
    ],
    [
      'a transfer with a 501 character purpose',
      'officer',
      () => '/transfers',
      () => ({ toSite: 'TPI-BRU', purpose: 'x'.repeat(501) }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'purpose', problem: /shorter than or equal to 500/ }],
    ],
    [
      'a transfer with an unknown field',
      'officer',
      () => '/transfers',
      () => ({ toSite: 'TPI-BRU', status: 'closed' }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'status', problem: 'is not a known field' }],
    ],
    [
      'a transfer sent from a site the user does not work at',
      'officer',
      () => '/transfers',
      () => ({ fromSite: 'OCSC', toSite: 'TPI-BRU' }),
      404,
      'NOT_FOUND',
      [],
    ],
    [
      'items added as an empty list',
      'officer',
      () => `/transfers/${draft}/items`,
      () => ({ items: [] }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items', problem: /must contain at least 1 elements/ }],
    ],
    [
      'items added to a transfer code with a bad check character',
      'officer',
      () => '/transfers/T0000000001/items',
      () => ({ items: [item] }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'code', problem: /check character/ }],
    ],
    ['items added to a dispatched transfer', 'officer', () => `/transfers/${dispatched}/items`, () => ({ items: [item] }), 409, 'TRANSFER_STATE', []],
    [
      'a dispatch with a witness that is not an object',
      'officer',
      () => `/transfers/${draft}/dispatch`,
      () => ({ witness: 'officer2' }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'witness', problem: /nested property witness must be either object or array/ }],
    ],
    [
      'a dispatch whose witness has no password',
      'officer',
      () => `/transfers/${draft}/dispatch`,
      () => ({ witness: { username: 'officer2' } }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'witness.password', problem: 'must be a string' }],
    ],
    [
      'a dispatch of drugs without a witness',
      'officer',
      () => `/transfers/${highRiskDraft}/dispatch`,
      () => ({}),
      403,
      'WITNESS_REQUIRED',
      [{ field: 'witness', problem: /is required/ }],
    ],
    [
      'a dispatch of drugs witnessed with a wrong password',
      'officer',
      () => `/transfers/${highRiskDraft}/dispatch`,
      () => ({ witness: { username: 'officer2', password: 'not it' } }),
      403,
      'WITNESS_REJECTED',
      [{ field: 'witness', problem: 'wrong username, password or one-time code, or not a person of POL-BRU' }],
    ],
    [
      'a dispatch of drugs witnessed by the sender',
      'officer',
      () => `/transfers/${highRiskDraft}/dispatch`,
      () => ({ witness: { username: 'Officer', password: 'custody-demo' } }),
      403,
      'WITNESS_REJECTED',
      [{ field: 'witness.username', problem: 'must name another person than you' }],
    ],
    [
      'a dispatch of drugs witnessed by someone of another site',
      'officer',
      () => `/transfers/${highRiskDraft}/dispatch`,
      () => ({ witness: { username: 'clerk', password: 'custody-demo' } }),
      403,
      'WITNESS_REJECTED',
      [{ field: 'witness', problem: 'wrong username, password or one-time code, or not a person of POL-BRU' }],
    ],
    [
      'a receipt of nothing',
      'clerk',
      () => `/transfers/${dispatched}/receipts`,
      () => ({ items: [] }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items', problem: /must contain at least 1 elements/ }],
    ],
    [
      'a receipt without a list',
      'clerk',
      () => `/transfers/${dispatched}/receipts`,
      () => ({ items: { code: 'x' } }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items', problem: 'must be an array' }],
    ],
    [
      'a receipt line that is a number',
      'clerk',
      () => `/transfers/${dispatched}/receipts`,
      () => ({ items: [7] }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items[0]', problem: 'must be an item code or an object {code, sealIntact, note}' }],
    ],
    [
      'a receipt line without a code',
      'clerk',
      () => `/transfers/${dispatched}/receipts`,
      () => ({ items: [{ sealIntact: true }] }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items[0].code', problem: 'must be a string' }],
    ],
    [
      'a receipt with a seal state in words',
      'clerk',
      () => `/transfers/${dispatched}/receipts`,
      () => ({ items: [{ code: item, sealIntact: 'no', note: 'torn' }] }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items[0].sealIntact', problem: 'must be a boolean value' }],
    ],
    [
      'a damaged seal without a note',
      'clerk',
      () => `/transfers/${dispatched}/receipts`,
      () => ({ items: [{ code: item, sealIntact: false }] }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items[0].note', problem: /is required when the seal is not intact/ }],
    ],
    [
      'a receipt line with an unknown field',
      'clerk',
      () => `/transfers/${dispatched}/receipts`,
      () => ({ items: [item, { code: item, weight: 3 }] }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items[1].weight', problem: 'is not a known field' }],
    ],
    [
      'a receipt with a misread code among good ones',
      'clerk',
      () => `/transfers/${dispatched}/receipts`,
      () => ({ items: [item, 'I00000002'] }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items[1]', problem: /must be 11 characters long/ }],
    ],
    [
      'a receipt with a 501 character note',
      'clerk',
      () => `/transfers/${dispatched}/receipts`,
      () => ({ items: [{ code: item, sealIntact: false, note: 'é'.repeat(501) }] }),
      400,
      'VALIDATION_FAILED',
      [{ field: 'items[0].note', problem: /1 to 500 characters/ }],
    ],
    [
      'a receipt whose body is a list',
      'clerk',
      () => `/transfers/${dispatched}/receipts`,
      () => [item],
      400,
      'VALIDATION_FAILED',
      [{ field: 'body', problem: 'must be a JSON object' }],
    ],
  ];

  it.each(cases)('answers %s with a 4xx naming the field, and writes nothing', async (_name, who, path, body, status, code, fields) => {
    const before = await written();
    const response = await custody
      .http()
      .post(path())
      .auth(await custody.token(who), { type: 'bearer' })
      .send(body() as object);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status, code, message: expect.any(String) });
    if (fields.length > 0) {
      expect(response.body.fields).toEqual(
        fields.map(({ field, problem }) => ({ field, problem: typeof problem === 'string' ? problem : expect.stringMatching(problem) })),
      );
    }
    expect(await written()).toEqual(before);
  });

  it.each([
    ['a direction that is not one', '/transfers?direction=sideways', 'direction', /must be one of incoming, outgoing/],
    ['an unknown status', '/transfers?status=lost', 'status', /must be one of draft, dispatched, closed, cancelled/],
    ['a sort that does not exist', '/transfers?sort=size', 'sort', /must be one of/],
    ['a code of another kind', `/transfers/${formatCode(CodeKind.Seizure, 10)}`, 'code', /is a seizure code, not a transfer code/],
    ['a manifest of a misread code', '/transfers/T12/manifest.pdf', 'code', /must be 11 characters long/],
  ])('answers a list or lookup with %s with 400', async (_name, path, field, problem) => {
    const response = await custody
      .http()
      .get(path)
      .auth(await custody.token('officer'), { type: 'bearer' })
      .expect(400);
    expect(response.body.fields).toEqual([{ field, problem: expect.stringMatching(problem) }]);
  });

  it('answers a transfer of a site nobody can see with 404', async () => {
    await custody
      .http()
      .get('/transfers?site=OCSC')
      .auth(await custody.token('officer'), { type: 'bearer' })
      .expect(404);
  });
});
