import { verifyItemChain } from '../../libs/ledger';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

describe('registering seizures', () => {
  let custody: TestApp;
  let officer: string;
  const seizure = (overrides: object = {}, itemOverrides: object[] = [{}, {}, {}]) => ({
    site: 'POL-BRU',
    caseNumber: 'BR.12.LL.123456/2026',
    seizedAt: '2026-11-20T14:30:00+01:00',
    seizingUnit: 'Brigade des stupéfiants',
    legalReference: 'Art. 35 Code d’instruction criminelle',
    items: itemOverrides.map((item, index) => ({
      category: 'drugs',
      description: `Sachet ${index + 1}, poudre blanche`,
      quantity: 12.5,
      unit: 'g',
      sealNumber: `SEAL-${index}`,
      ...item,
    })),
    ...overrides,
  });
  /** Integrates first: the head must not move under the test because the integrator's timer fired. */
  const counts = async () => {
    await custody.integrated();
    const [row] = await custody.sql<{ seizures: number; items: number; events: number; head: string }>(
      `SELECT (SELECT count(*)::int FROM seizures) AS seizures, (SELECT count(*)::int FROM items) AS items,
          (SELECT count(*)::int FROM custody_events) AS events, (SELECT last_sequence FROM ledger_head) AS head`,
    );
    return row;
  };

  beforeAll(async () => {
    custody = await startTestApp();
    officer = await custody.token('officer');
  });
  afterAll(() => custody.close());

  it('registers a seizure: every item in custody at the site, each with one seized event that verifies', async () => {
    const before = await counts();
    const response = await custody.http().post('/seizures').auth(officer, { type: 'bearer' }).send(seizure()).expect(201);
    expect(response.body).toMatchObject({
      code: expect.stringMatching(/^S\d{9}[0-9X]$/),
      caseNumber: 'BR.12.LL.123456/2026',
      seizedAt: '2026-11-20T13:30:00.000Z',
      site: 'POL-BRU',
      registeredBy: 'officer',
      items: [0, 1, 2].map((index) => ({
        code: expect.stringMatching(/^I\d{9}[0-9X]$/),
        status: 'in_custody',
        category: 'drugs',
        description: `Sachet ${index + 1}, poudre blanche`,
        quantity: 12.5,
        unit: 'g',
        sealNumber: `SEAL-${index}`,
        site: 'POL-BRU',
        location: null,
        transfer: null,
        parent: null,
        seizure: response.body.code,
        caseNumber: 'BR.12.LL.123456/2026',
      })),
    });
    expect(new Set(response.body.items.map((item: { code: string }) => item.code)).size).toBe(3);
    // the events get their ledger positions from the integrator, about a second after commit
    await custody.integrated();
    expect(await counts()).toEqual({
      seizures: before.seizures + 1,
      items: before.items + 3,
      events: before.events + 3,
      head: String(Number(before.head) + 3),
    });

    for (const item of response.body.items) {
      const history = await custody.http().get(`/items/${item.code}/history`).auth(officer, { type: 'bearer' }).expect(200);
      expect(history.body).toEqual([
        {
          format: 2,
          sequence: expect.any(Number),
          itemSequence: 1,
          type: 'seized',
          occurredAt: expect.any(String),
          actor: 'officer',
          site: 'POL-BRU',
          location: null,
          transfer: null,
          reason: null,
          details: {
            seizure: response.body.code,
            caseNumber: 'BR.12.LL.123456/2026',
            category: 'drugs',
            description: expect.any(String),
            quantity: '12.500',
            unit: 'g',
            sealNumber: expect.any(String),
          },
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
          previousHash: null,
        },
      ]);
      expect(verifyItemChain(history.body.map((event: object) => ({ ...event, item: item.code })))).toEqual({ ok: true });
    }
    const fetched = await custody.http().get(`/seizures/${response.body.code.toLowerCase()}`).auth(officer, { type: 'bearer' }).expect(200);
    expect(fetched.body).toEqual(response.body);
  });

  it('numbers the ledger without gaps across seizures', async () => {
    await Promise.all([given(custody).seizure({ items: 4 }), given(custody).seizure({ items: 2 }), given(custody).seizure({ officer: 'officer2', items: 3 })]);
    const sequences = (await custody.sql<{ sequence: string }>('SELECT sequence FROM custody_events ORDER BY sequence')).map((row) => Number(row.sequence));
    expect(sequences).toEqual(sequences.map((_, index) => index + 1));
  });

  it('takes 500 items in one seizure', async () => {
    const items = Array.from({ length: 500 }, () => ({}));
    const response = await custody.http().post('/seizures').auth(officer, { type: 'bearer' }).send(seizure({}, items)).expect(201);
    expect(response.body.items).toHaveLength(500);
  });

  describe('refuses, all or nothing, naming each field', () => {
    const longText = 'x'.repeat(10_000);
    it.each<[string, object, object[] | undefined, { field: string; problem: string | RegExp }[]]>([
      ['a case number with a line break', { caseNumber: 'PV 1\nDROP' }, undefined, [{ field: 'caseNumber', problem: /must be 1 to 64 letters/ }]],
      [
        'a missing case number and site',
        { caseNumber: undefined, site: undefined },
        undefined,
        [
          { field: 'site', problem: 'must be a string' },
          { field: 'caseNumber', problem: 'must be a string' },
        ],
      ],
      [
        'a date in the future',
        { seizedAt: new Date(Date.now() + 86_400_000).toISOString() },
        undefined,
        [{ field: 'seizedAt', problem: 'must not be in the future' }],
      ],
      ['a date without its time zone', { seizedAt: '2026-11-20T14:30:00' }, undefined, [{ field: 'seizedAt', problem: /with its time zone/ }]],
      ['a date that is not one', { seizedAt: 'yesterday' }, undefined, [{ field: 'seizedAt', problem: /with its time zone/ }]],
      ['a 10,000-character seizing unit', { seizingUnit: longText }, undefined, [{ field: 'seizingUnit', problem: /shorter than or equal to 200/ }]],
      ['no items', { items: [] }, undefined, [{ field: 'items', problem: 'items must contain at least 1 elements' }]],
      ['items that are not a list', { items: { category: 'drugs' } }, undefined, [{ field: 'items', problem: 'must be an array' }]],
      [
        'one bad item among good ones',
        {},
        [{}, {}, {}, { category: 'weapon', quantity: -1 }, {}, { description: longText, unit: 42 }],
        [
          { field: 'items[3].category', problem: /must be one of drugs, cash, firearm/ },
          { field: 'items[3].quantity', problem: /must not be less than 0.001/ },
          { field: 'items[5].description', problem: /shorter than or equal to 2000/ },
          { field: 'items[5].unit', problem: 'must be a string' },
        ],
      ],
      [
        'a quantity with four decimals and a string quantity',
        {},
        [{ quantity: 1.2345 }, { quantity: '3' }],
        [
          { field: 'items[0].quantity', problem: 'must be a number with at most three decimals' },
          { field: 'items[1].quantity', problem: 'must be a number with at most three decimals' },
        ],
      ],
      ['an unknown field on an item', {}, [{ colour: 'red' }], [{ field: 'items[0].colour', problem: 'is not a known field' }]],
      [
        'printer commands in a description, a seal number, a unit and a seizing unit',
        { seizingUnit: 'Brigade\u001b@' },
        [
          { description: 'Sachet\u001dkI\u000b{BI0000000238' },
          { sealNumber: 'SEAL\u001bp\u0019\u00fa' },
          { unit: 'g\u0007' },
          { description: 'left \u202etxt.exe' },
        ],
        [
          { field: 'seizingUnit', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' },
          { field: 'items[0].description', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' },
          { field: 'items[1].sealNumber', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' },
          { field: 'items[2].unit', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' },
          { field: 'items[3].description', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' },
        ],
      ],
    ])('%s', async (_name, overrides, items, fields) => {
      const before = await counts();
      const body = JSON.parse(JSON.stringify(seizure(overrides, items)));
      const response = await custody.http().post('/seizures').auth(officer, { type: 'bearer' }).send(body).expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(response.body.fields).toEqual(
        fields.map(({ field, problem }) => ({ field, problem: typeof problem === 'string' ? problem.replace(/^items /, '') : expect.stringMatching(problem) })),
      );
      expect(await counts()).toEqual(before);
    });

    it('501 items', async () => {
      const before = await counts();
      const response = await custody
        .http()
        .post('/seizures')
        .auth(officer, { type: 'bearer' })
        .send(
          seizure(
            {},
            Array.from({ length: 501 }, () => ({})),
          ),
        )
        .expect(400);
      expect(response.body.fields).toEqual([{ field: 'items', problem: 'must contain no more than 500 elements' }]);
      expect(await counts()).toEqual(before);
    });
  });

  it('registers only at a site where the officer is one, and shows a seizure only to its site and auditors', async () => {
    const elsewhere = await custody
      .http()
      .post('/seizures')
      .auth(officer, { type: 'bearer' })
      .send(seizure({ site: 'TPI-BRU' }))
      .expect(404);
    expect(elsewhere.body).toMatchObject({ code: 'NOT_FOUND' });
    await custody
      .http()
      .post('/seizures')
      .auth(officer, { type: 'bearer' })
      .send(seizure({ site: 'NOWHERE' }))
      .expect(404);
    await custody
      .http()
      .post('/seizures')
      .auth(await custody.token('clerk'), { type: 'bearer' })
      .send(seizure({ site: 'TPI-BRU' }))
      .expect(403);
    await custody
      .http()
      .post('/seizures')
      .auth(await custody.token('auditor'), { type: 'bearer' })
      .send(seizure())
      .expect(403);

    const { code } = await given(custody).seizure();
    await custody
      .http()
      .get(`/seizures/${code}`)
      .auth(await custody.token('clerk'), { type: 'bearer' })
      .expect(404);
    await custody
      .http()
      .get(`/seizures/${code}`)
      .auth(await custody.token('auditor'), { type: 'bearer' })
      .expect(200);
    const badCheck = await custody
      .http()
      .get(`/seizures/${code.slice(0, -1)}${code.endsWith('1') ? '2' : '1'}`)
      .auth(officer, { type: 'bearer' })
      .expect(400);
    expect(badCheck.body.fields).toEqual([{ field: 'code', problem: 'has a wrong check character' }]);
  });
});
