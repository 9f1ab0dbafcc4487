import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** Inventories: a shelf audit with every kind of finding, a random audit, the report kept and downloadable. */
describe('audits', () => {
  let custody: TestApp;

  beforeAll(async () => {
    custody = await startTestApp();
  });
  afterAll(() => custody.close());

  it('audits a shelf and its bins, and reports found, misplaced, missing and unexpected items exactly', async () => {
    const officer = await custody.as('officer');
    const auditor = await custody.as('auditor');
    const [shelfA, binA1, shelfB] = [
      await given(custody).location('POL-BRU', 'Shelf A'),
      await given(custody).location('POL-BRU', 'Bin A1'),
      await given(custody).location('POL-BRU', 'Shelf B'),
    ];
    const { items } = await given(custody).seizure({ items: 5 });
    const [onShelf, inBin, missing, elsewhere, leaves] = items.map((item) => item.code);
    for (const [code, location] of [
      [onShelf, shelfA],
      [inBin, binA1],
      [missing, shelfA],
      [elsewhere, shelfB],
      [leaves, shelfA],
    ]) {
      await officer.post(`/items/${code}/moves`, { location }).expect(200);
    }
    const {
      items: [travelling],
    } = await given(custody).seizure();
    await given(custody).transfer({ items: [travelling.code], dispatch: true });

    const audit = (await auditor.post('/audits', { site: 'POL-BRU', location: shelfA }).expect(201)).body;
    expect(audit).toMatchObject({ kind: 'location', status: 'open', site: 'POL-BRU', location: shelfA, startedBy: 'auditor', scanned: 0 });
    expect(audit.expected).toBeGreaterThanOrEqual(4);
    // an item leaves with a custody step during the audit: not missing
    await officer
      .post(`/items/${leaves}/checkouts`, { person: 'Expert', purpose: 'Photos', expectedReturn: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) })
      .expect(201);

    const unknown = 'I99999999';
    const first = await auditor.post(`/audits/${audit.id}/scans`, { items: [onShelf, inBin.toLowerCase(), elsewhere] }).expect(200);
    expect(first.body).toMatchObject({ added: 3, alreadyScanned: [], scanned: 3 });
    const again = await auditor.post(`/audits/${audit.id}/scans`, { items: [onShelf, travelling.code] }).expect(200);
    expect(again.body).toMatchObject({ added: 1, alreadyScanned: [onShelf], scanned: 4 });
    expect((await auditor.post(`/audits/${audit.id}/scans`, { items: [unknown] }).expect(400)).body.fields[0].field).toBe('items[0]');

    const { audit: finishedAudit, ...report } = (await auditor.post(`/audits/${audit.id}/finish`).expect(200)).body;
    expect(finishedAudit).toBe(audit.id);
    expect(report.found).toEqual(expect.arrayContaining([onShelf, inBin]));
    expect(report.misplaced).toEqual([elsewhere]);
    expect(report.missing).toContain(missing);
    expect(report.missing).not.toContain(leaves);
    expect(report.unexpected).toEqual([travelling.code]);
    const history = (await officer.get(`/items/${onShelf}/history`).expect(200)).body;
    expect(history.at(-1)).toMatchObject({ type: 'audited', actor: 'auditor', location: shelfA, details: { audit: audit.id, kind: 'location' } });
    expect((await officer.get(`/items/${missing}/history`).expect(200)).body.at(-1).type).toBe('moved');

    // finished is finished; the report stays and downloads
    expect((await auditor.post(`/audits/${audit.id}/scans`, { items: [missing] }).expect(409)).body.code).toBe('AUDIT_FINISHED');
    await auditor.post(`/audits/${audit.id}/finish`).expect(409);
    expect((await officer.get(`/audits/${audit.id}`).expect(200)).body).toMatchObject({ status: 'finished', finishedBy: 'auditor', report });
    const csv = await officer
      .get(`/audits/${audit.id}/report.csv`)
      .expect(200)
      .expect('content-type', /text\/csv/);
    expect(csv.text.split('\r\n')).toEqual(
      expect.arrayContaining(['finding,item,site,location', `misplaced,${elsewhere},POL-BRU,${shelfA}`, `unexpected,${travelling.code},POL-BRU,${shelfA}`]),
    );

    // the one-step fix: the misplaced item is recorded where it was found; auditors change nothing
    await auditor.post(`/audits/${audit.id}/misplaced/moves`).expect(403);
    expect((await officer.post(`/audits/${audit.id}/misplaced/moves`).expect(200)).body.moved).toEqual([elsewhere]);
    expect((await officer.get(`/items/${elsewhere}`).expect(200)).body.location).toBe(shelfA);
    await (await custody.as('clerk')).get(`/audits/${audit.id}`).expect(404);
  });

  it('draws a random sample of the standard size and audits just those', async () => {
    const auditor = await custody.as('auditor');
    await given(custody).seizure({ items: 40 });
    const [{ population }] = await custody.sql<{ population: number }>(
      `SELECT count(*)::int AS population FROM items item JOIN sites site ON site.id = item.site_id WHERE site.code = 'POL-BRU' AND item.status = 'in_custody'`,
    );
    const random = (await auditor.post('/audits/random', { site: 'POL-BRU', confidence: 0.9, margin: 0.1 }).expect(201)).body;
    const z = 1.6448536269514722;
    const unlimited = (z * z * 0.25) / 0.01;
    expect(random).toMatchObject({ population, confidence: 0.9, margin: 0.1, sampleSize: Math.ceil(unlimited / (1 + (unlimited - 1) / population)) });
    expect(new Set(random.items).size).toBe(random.sampleSize);
    await auditor.post(`/audits/${random.id}/scans`, { items: random.items.slice(1) }).expect(200);
    const report = (await auditor.post(`/audits/${random.id}/finish`).expect(200)).body;
    expect(report).toMatchObject({ missing: [random.items[0]], misplaced: [], unexpected: [] });
    expect(report.found).toHaveLength(random.sampleSize - 1);
    expect((await auditor.post('/audits/random', { site: 'POL-BRU', confidence: 1.5 }).expect(400)).body.fields[0].field).toBe('confidence');
  });

  it('lets the people of a site audit it, and no one else', async () => {
    await (await custody.as('clerk')).post('/audits', { site: 'POL-BRU' }).expect(404);
    await (await custody.as('admin')).post('/audits', { site: 'POL-BRU' }).expect(403);
    const own = (await (await custody.as('officer')).post('/audits', { site: 'POL-BRU' }).expect(201)).body;
    expect(own).toMatchObject({ kind: 'site', location: null });
    await (await custody.as('clerk')).post(`/audits/${own.id}/scans`, { items: [] }).expect(400);
  });
});
