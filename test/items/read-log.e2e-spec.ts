import Papa from 'papaparse';
import { CodeKind, formatCode } from '../../libs/codes';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** "Who looked at this item?": every read of an item by a person is kept, append-only, and auditors can list and export them. */
describe('the read log', () => {
  let custody: TestApp;
  // a well-formed item code that names no item
  const nowhere = formatCode(CodeKind.Item, 99_996);

  beforeAll(async () => (custody = await startTestApp()));
  afterAll(() => custody.close());

  it('records each read of an item’s record, history, report, bundle and verification, and each scan of it, with who, when and from where', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    await (await custody.as('admin')).post('/ledger/checkpoints').expect(201);
    const officer = await custody.as('officer');
    const lowercase = item.code.toLowerCase();
    await officer.get(`/items/${lowercase}`).expect(200);
    await officer.get(`/items/${item.code}/history`).expect(200);
    await officer.get(`/items/${item.code}/custody-report.pdf`).expect(200);
    await officer.get(`/items/${item.code}/proof`).expect(200);
    await officer.get(`/items/${item.code}/verification`).expect(200);
    await officer.get(`/scan/${item.code}`).expect(200);
    // refused reads read nothing: another site's clerk, a code that names no item
    await (await custody.as('clerk')).get(`/items/${item.code}`).expect(404);
    await officer.get(`/items/${nowhere}`).expect(404);

    const auditor = await custody.as('auditor');
    const reads = (await auditor.get(`/items/${item.code}/reads`).expect(200)).body;
    expect(reads.total).toBe(6);
    expect(reads.data.map((read: { what: string }) => read.what)).toEqual(['scan', 'verification', 'proof_bundle', 'custody_report', 'history', 'record']);
    for (const read of reads.data) {
      expect(read).toEqual({
        readAt: expect.any(String),
        reader: 'officer',
        what: read.what,
        sourceAddress: expect.stringMatching(/127\.0\.0\.1$/),
        userAgent: null,
      });
    }
    // listing the reads is not itself recorded as a read of the item
    expect((await auditor.get(`/items/${item.code}/reads`).expect(200)).body.total).toBe(6);

    const csv = (
      await auditor
        .get(`/items/${item.code}/reads.csv`)
        .expect(200)
        .expect('content-type', /text\/csv/)
    ).text;
    const parsed = Papa.parse<string[]>(csv.trim(), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual(['read_at', 'item', 'reader', 'what', 'source_address', 'user_agent']);
    expect(parsed.data.slice(1).map((row) => [row[1], row[2], row[3]])).toEqual(
      ['record', 'history', 'custody_report', 'proof_bundle', 'verification', 'scan'].map((what) => [item.code, 'officer', what]),
    );
  });

  it('records the items a list, a search, a seizure’s page, a scan of the seizure and a label show, one row each', async () => {
    const seizure = await given(custody).seizure({ items: 3 });
    const officer = await custody.as('officer');
    const codes = seizure.items.map((item) => item.code);
    await officer.get(`/items?caseNumber=${encodeURIComponent(seizure.caseNumber)}`).expect(200);
    await officer.get(`/seizures/${seizure.code}`).expect(200);
    await officer.get(`/scan/${seizure.code}`).expect(200);
    await officer.get(`/labels/${codes[0]}.png`).expect(200);
    const rows = await custody.sql<{ item_code: string; what: string }>(`SELECT item_code, what FROM item_reads WHERE item_code = ANY($1) ORDER BY id`, [
      codes,
    ]);
    const byKind = (what: string) =>
      rows
        .filter((row) => row.what === what)
        .map((row) => row.item_code)
        .sort();
    expect(byKind('list')).toEqual([...codes].sort());
    expect(byKind('seizure')).toEqual([...codes].sort());
    expect(byKind('scan')).toEqual([...codes].sort());
    expect(byKind('label')).toEqual([codes[0]]);
  });

  it('keeps every one of many reads made at once (they share statements)', async () => {
    const seizure = await given(custody).seizure({ items: 20 });
    const officer = await custody.as('officer');
    await Promise.all(seizure.items.map((item) => officer.get(`/scan/${item.code}`).expect(200)));
    const [{ kept }] = await custody.sql<{ kept: number }>(`SELECT count(*)::int AS kept FROM item_reads WHERE what = 'scan' AND item_code = ANY($1)`, [
      seizure.items.map((item) => item.code),
    ]);
    expect(kept).toBe(20);
  });

  it('exports a hostile user agent as text, not as a formula a spreadsheet would run', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    await custody
      .http()
      .get(`/items/${item.code}`)
      .auth(await custody.token('officer'), { type: 'bearer' })
      .set('User-Agent', '=HYPERLINK("http://evil.invalid","open")')
      .expect(200);
    const csv = (await (await custody.as('auditor')).get(`/items/${item.code}/reads.csv`).expect(200)).text;
    const [, row] = Papa.parse<string[]>(csv.trim(), { newline: '\r\n' }).data;
    expect(row[5]).toBe(`'=HYPERLINK("http://evil.invalid","open")`);
  });

  it('is for auditors and administrators only, and answers 404 for an item that does not exist', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    await (await custody.as('officer')).get(`/items/${item.code}/reads`).expect(403);
    await (await custody.as('officer')).get(`/items/${item.code}/reads.csv`).expect(403);
    await (await custody.as('admin')).get(`/items/${item.code}/reads`).expect(200);
    await (await custody.as('auditor')).get(`/items/${nowhere}/reads`).expect(404);
    expect((await (await custody.as('auditor')).get('/items/not-a-code/reads').expect(400)).body.fields).toEqual([
      { field: 'code', problem: expect.any(String) },
    ]);
  });

  it('keeps what it wrote: the database refuses to change, delete or empty it', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    await (await custody.as('officer')).get(`/items/${item.code}`).expect(200);
    await expect(custody.sql(`UPDATE item_reads SET reader_username = 'someone-else' WHERE item_code = $1`, [item.code])).rejects.toThrow('append-only');
    await expect(custody.sql(`DELETE FROM item_reads WHERE item_code = $1`, [item.code])).rejects.toThrow('append-only');
    await expect(custody.sql(`TRUNCATE item_reads`)).rejects.toThrow('append-only');
    expect(await custody.sql(`SELECT reader_username FROM item_reads WHERE item_code = $1`, [item.code])).toEqual([{ reader_username: 'officer' }]);
  });
});
