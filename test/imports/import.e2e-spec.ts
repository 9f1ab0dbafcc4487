import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventHash, verifyItemChain } from '../../libs/ledger';
import { EventRow, eventColumns, ledgerEventOf } from '../../src/custody/event-rows';
import { startTestApp, TestApp } from '../support/test-app';

const sample = readFileSync(join(__dirname, '..', '..', 'docs', 'import-sample.csv'), 'utf8');
const header = sample.split('\n')[0];

interface Report {
  rows: number;
  seizures: { imported: number; alreadyImported: number; refused: number };
  items: number;
  events: number;
  imported: { seizureReference: string; seizure: string; items: number }[];
  alreadyImported: { seizureReference: string; seizure: string }[];
  refused: { row: number; seizureReference: string | null; field: string; problem: string }[];
}

describe('importing the items held before Custody', () => {
  let custody: TestApp;
  beforeAll(async () => (custody = await startTestApp({ LEDGER_INTEGRATE_EVERY_MS: '0' })));
  afterAll(() => custody.close());

  const send = async (csv: string, source = 'registry.csv', expected = 200) =>
    (await (await custody.as('admin')).post('/imports', { source, csv }).expect(expected)).body as Report;
  const itemsOf = (seizure: string) =>
    custody.sql<{ code: string; status: string; site: string; location: string | null; description: string; quantity: string; seal_number: string | null }>(
      `SELECT i.code, i.status, s.code AS site, l.name AS location, i.description, i.quantity::text, i.seal_number
         FROM items i JOIN seizures z ON z.id = i.seizure_id JOIN sites s ON s.id = i.site_id LEFT JOIN locations l ON l.id = i.location_id
        WHERE z.code = $1 ORDER BY i.code`,
      [seizure],
    );

  it('brings in the sample file: items at their place, their history as imported events with the original dates, and a ledger that verifies', async () => {
    const report = await send(sample, 'import-sample.csv');
    expect(report).toMatchObject({ rows: 6, seizures: { imported: 2, alreadyImported: 0, refused: 0 }, items: 4, refused: [] });
    // per item: its seizure, each line of history, its entry into Custody
    expect(report.events).toBe(3 + 2 + 1 + 2 + 3 + 2 + 0);

    const [older, newer] = report.imported;
    expect(await itemsOf(older.seizure)).toEqual([
      expect.objectContaining({
        status: 'in_custody',
        site: 'TPI-BRU',
        location: 'Registry vault',
        description: 'Sachet de poudre blanche, scellé',
        quantity: '12.500',
        seal_number: 'SCELLÉ-2019-0042-1',
      }),
      expect.objectContaining({ status: 'in_custody', site: 'TPI-BRU', location: 'Box 1', quantity: '1250.000' }),
    ]);
    expect((await itemsOf(newer.seizure)).map((item) => [item.location, item.description])).toEqual([
      ['Shelf 1', 'Smartphone Samsung, scherm gebarsten'],
      [null, 'Carnet de notes manuscrites (Łódź)'],
    ]);

    const [drugs] = await itemsOf(older.seizure);
    const clerk = await custody.as('clerk');
    const history = (await clerk.get(`/items/${drugs.code}/history`).expect(200)).body as {
      type: string;
      occurredAt: string;
      actor: string;
      location: string | null;
      details: Record<string, unknown>;
    }[];
    expect(history.map((event) => [event.type, event.details.recorded, event.occurredAt])).toEqual([
      ['imported', 'seized', '2019-03-14T08:30:00.000Z'],
      ['imported', 'reçu au greffe', '2019-03-15T09:05:00.000Z'],
      ['imported', "sorti pour l'audience", '2020-06-02T06:45:00.000Z'],
      ['imported', "rentré après l'audience", '2020-06-03T14:20:00.000Z'],
      ['imported', 'imported into Custody', expect.any(String)],
    ]);
    expect(history.every((event) => event.actor === 'admin' && event.details.source === 'import-sample.csv')).toBe(true);
    expect(history[0].details).toMatchObject({ seizureReference: 'REG-2019-0042', itemReference: '1', caseNumber: 'BR.12.LL.104233/2019', row: 2 });
    expect(history[2].details).toMatchObject({ by: 'M. Dubois', note: 'audience du 2 juin 2020', row: 3 });
    expect(history[4].location).toMatch(/^L/);

    // the chain of every imported item links and hashes, the integrator takes the events, and the whole ledger verifies
    await custody.integrated();
    const rows = await custody.sql<EventRow>(`SELECT ${eventColumns()} FROM custody_events WHERE type = 'imported' ORDER BY item_code, item_sequence`);
    const byItem = new Map<string, EventRow[]>();
    for (const row of rows) byItem.set(row.item_code, [...(byItem.get(row.item_code) ?? []), row]);
    for (const chain of byItem.values()) {
      expect(verifyItemChain(chain.map((row) => ({ ...ledgerEventOf(row), hash: row.hash })))).toEqual({ ok: true });
      for (const row of chain) expect(eventHash(ledgerEventOf(row))).toBe(row.hash);
    }
    const verdict = (await (await custody.as('auditor')).get('/ledger/verify').expect(200)).body;
    expect(verdict.ok).toBe(true);

    // the items work like any other: a clerk of the court moves one
    const shelf = (
      await custody.sql<{ code: string }>(`SELECT l.code FROM locations l JOIN sites s ON s.id = l.site_id WHERE s.code = 'TPI-BRU' AND l.name = 'Shelf 2'`)
    )[0].code;
    await clerk.post(`/items/${drugs.code}/moves`, { location: shelf }).expect(200);
  });

  it('adds nothing when the same file comes again', async () => {
    const [{ events: before }] = await custody.sql<{ events: number }>('SELECT count(*)::int AS events FROM custody_events');
    const report = await send(sample, 'import-sample.csv');
    expect(report).toMatchObject({ seizures: { imported: 0, alreadyImported: 2, refused: 0 }, items: 0, events: 0 });
    expect(report.alreadyImported.map((seizure) => seizure.seizureReference)).toEqual(['REG-2019-0042', 'REG-2021-0007']);
    const [{ events: after }] = await custody.sql<{ events: number }>('SELECT count(*)::int AS events FROM custody_events');
    expect(after).toBe(before);
  });

  it('imports the good seizures of a file and refuses each wrong one whole, naming every row, field and problem', async () => {
    const csv = [
      header,
      'OK-1,TPI-BRU,BR.1/2020,2020-01-10T10:00:00+01:00,,,1,document,Lettre,1,piece,,Shelf 2,,,,',
      // a good item and a bad one: the seizure is refused with both
      'BAD-1,TPI-BRU,BR.2/2020,2020-01-10T10:00:00+01:00,,,1,document,Lettre,1,piece,,,,,,',
      'BAD-1,TPI-BRU,,,,,2,weapons,Couteau,-2,piece,,Nowhere,2020-01-09T10:00:00+01:00,reçu,,',
      'BAD-2,NOWHERE,BR.3/2020,2020-01-10T10:00:00+01:00,,,1,document,Lettre,1,piece,,,,,,',
      'BAD-3,TPI-BRU,BR.4/2020,2020-01-10,,,1,document,Lettre,1.2345,piece,,,2020-02-01T10:00:00+01:00,,,',
      'BAD-4,TPI-BRU,BR.5/2020,2020-01-10T10:00:00+01:00,,,1,document,Lettre,1,piece,,,,,,',
      'BAD-4,TPI-BRU,BR.6/2020,,,,1,document,Autre lettre,1,piece,,,2099-01-01T10:00:00+01:00,reçu,,',
    ].join('\n');
    const report = await send(csv, 'mixed.csv');
    expect(report.seizures).toEqual({ imported: 1, alreadyImported: 0, refused: 4 });
    expect(report.refused.map((problem) => [problem.row, problem.seizureReference, problem.field])).toEqual([
      [4, 'BAD-1', 'category'],
      [4, 'BAD-1', 'quantity'],
      [4, 'BAD-1', 'occurred_at'],
      [4, 'BAD-1', 'location'],
      [5, 'BAD-2', 'site'],
      [6, 'BAD-3', 'seized_at'],
      [6, 'BAD-3', 'quantity'],
      [6, 'BAD-3', 'step'],
      [8, 'BAD-4', 'case_number'],
      [8, 'BAD-4', 'description'],
      [8, 'BAD-4', 'occurred_at'],
    ]);
    expect(report.refused.find((problem) => problem.field === 'occurred_at' && problem.row === 4)!.problem).toBe('must not be before the seizure');
    expect(report.refused.find((problem) => problem.field === 'location')!.problem).toBe('names no location of TPI-BRU: "Nowhere"');
    const [{ refused }] = await custody.sql<{ refused: number }>(`SELECT count(*)::int AS refused FROM seizures WHERE import_reference LIKE 'BAD-%'`);
    expect(refused).toBe(0);
  });

  it('gives each seizure once when the same file is imported twice at the same time', async () => {
    const csv = [
      header,
      ...Array.from({ length: 20 }, (_, index) => `RACE-${index},TPI-BRU,BR.${index}/2022,2022-05-01T10:00:00+02:00,,,1,document,Pièce ${index},1,piece,,,,,,`),
    ].join('\n');
    const reports = await Promise.all([send(csv, 'race.csv'), send(csv, 'race.csv')]);
    expect(reports[0].seizures.imported + reports[1].seizures.imported).toBe(20);
    expect(reports[0].seizures.alreadyImported + reports[1].seizures.alreadyImported).toBe(20);
    const [{ count }] = await custody.sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM items i JOIN seizures z ON z.id = i.seizure_id WHERE z.import_reference LIKE 'RACE-%'`,
    );
    expect(count).toBe(20);
  });

  it('refuses a file it cannot read, and anyone but an administrator', async () => {
    const missing = await send('seizure_reference,site\nA,TPI-BRU', 'short.csv');
    expect(missing.refused.map((problem) => problem.field)).toEqual([
      'case_number',
      'seized_at',
      'item_reference',
      'category',
      'description',
      'quantity',
      'unit',
    ]);
    const unknown = await send(`${header},colour\n`, 'extra.csv');
    expect(unknown.refused).toEqual([expect.objectContaining({ field: 'colour' })]);
    const broken = await send(`${header}\nA,"unclosed`, 'broken.csv');
    expect(broken.refused).toEqual([expect.objectContaining({ field: 'file', problem: expect.stringMatching(/^is not CSV/) })]);

    await (await custody.as('clerk')).post('/imports', { source: 'x.csv', csv: sample }).expect(403);
    await custody.http().post('/imports').send({ source: 'x.csv', csv: sample }).expect(401);
    const admin = await custody.as('admin');
    for (const [body, field] of [
      [{ csv: sample }, 'source'],
      [{ source: 'x.csv' }, 'csv'],
      [{ source: 'x.csv', csv: '' }, 'csv'],
      [{ source: 'a\u0007b', csv: sample }, 'source'],
    ] as const) {
      const answer = await admin.post('/imports', body).expect(400);
      expect(answer.body.fields.map((problem: { field: string }) => problem.field)).toContain(field);
    }
  });

  it('imports from the command line, reporting refused rows with exit status 2, and adds nothing the second time', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'custody-import-'));
    const file = join(folder, 'cli.csv');
    writeFileSync(
      file,
      [
        header,
        'CLI-1,POL-BRU,BR.7/2020,2020-01-10T10:00:00+01:00,,,1,drugs,Poudre,2.5,g,,Shelf A,,,,',
        'CLI-2,POL-BRU,BR.8/2020,2020-01-10T10:00:00+01:00,,,1,drugs,Poudre,0,g,,,,,,',
      ].join('\n'),
    );
    const run = () =>
      new Promise<{ status: number | null; output: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['-r', 'ts-node/register/transpile-only', 'src/imports/import-cli.ts', file, '--as', 'admin', '--report', join(folder, 'report.json')],
          {
            cwd: join(__dirname, '..', '..'),
            env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: custody.databaseUrl, DATA_DIR: folder, LOG_LEVEL: 'silent' },
          },
        );
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('exit', (status) => resolve({ status, output }));
      });
    const first = await run();
    expect(first.status).toBe(2);
    expect(first.output).toContain('1 seizures imported (1 items, 2 events)');
    expect(first.output).toContain('row 3 (seizure CLI-2): quantity must not be less than 0.001');
    expect(JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8')).imported[0].seizureReference).toBe('CLI-1');
    const [{ positioned }] = await custody.sql<{ positioned: number }>(
      `SELECT count(*)::int AS positioned FROM custody_events e JOIN items i ON i.id = e.item_id JOIN seizures z ON z.id = i.seizure_id WHERE z.import_reference = 'CLI-1' AND e.sequence IS NOT NULL`,
    );
    expect(positioned).toBe(2);
    const second = await run();
    expect(second.output).toContain('0 seizures imported');
    expect(second.output).toContain('1 imported before');
  }, 120_000);
});
