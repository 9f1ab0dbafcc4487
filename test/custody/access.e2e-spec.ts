import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * What the access module decides, each rule with the case that once went wrong: who reads a
 * seizure's items, a transfer, an item's report; who prints an item's label; who must witness a sample.
 */
describe('the access module', () => {
  let custody: TestApp;
  beforeAll(async () => {
    custody = await startTestApp();
  });
  afterAll(() => custody.close());

  /** A seizure of two items at POL-BRU, the first sent to TPI-BRU (received there, or still on its way). */
  const splitSeizure = async (receive: boolean) => {
    const seizure = await given(custody).seizure({ items: 2 });
    const [sent, kept] = seizure.items.map((item) => item.code);
    const transfer = await given(custody).transfer({ items: [sent], dispatch: true });
    if (receive) await (await custody.as('clerk')).post(`/transfers/${transfer.code}/receipts`, { items: [sent] }).expect(200);
    return { seizure: seizure.code, sent, kept, transfer: transfer.code };
  };

  it('shows a seizure with only the items the reader may see, to the registering site and to a site that holds one of them', async () => {
    const { seizure, sent, kept } = await splitSeizure(true);
    const officer = await custody.as('officer');
    const clerk = await custody.as('clerk');

    const seenByOfficer = (await officer.get(`/seizures/${seizure}`).expect(200)).body;
    expect(seenByOfficer.items.map((item: { code: string }) => item.code)).toEqual([kept]);
    const scannedByOfficer = (await officer.get(`/scan/${seizure}`).expect(200)).body;
    expect(scannedByOfficer.items.map((item: { code: string }) => item.code)).toEqual([kept]);
    await officer.get(`/items/${sent}`).expect(404);

    const seenByClerk = (await clerk.get(`/seizures/${seizure}`).expect(200)).body;
    expect(seenByClerk).toMatchObject({ code: seizure, site: 'POL-BRU', items: [{ code: sent, site: 'TPI-BRU', status: 'in_custody' }] });
    expect(seenByClerk.items).toHaveLength(1);

    // a site that holds none of its items does not learn it exists
    await (await custody.as('analyst')).get(`/seizures/${seizure}`).expect(404);
    // auditors read everything
    expect((await (await custody.as('auditor')).get(`/seizures/${seizure}`).expect(200)).body.items).toHaveLength(2);
  });

  it('lets the receiving site read an item on its way there, and not print its label or add to its print count', async () => {
    const { sent } = await splitSeizure(false);
    const clerk = await custody.as('clerk');
    expect((await clerk.get(`/items/${sent}`).expect(200)).body).toMatchObject({ status: 'in_transit', site: 'POL-BRU' });
    const [printer] = (await clerk.get('/printers').expect(200)).body as { id: string }[];
    const refused = await clerk.post('/print-jobs', { printer: printer.id, codes: [sent] }).expect(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', fields: [{ field: 'codes', problem: `${sent} is at POL-BRU, not at TPI-BRU` }] });
    expect(await custody.sql(`SELECT * FROM label_print_counts WHERE item_id = (SELECT id FROM items WHERE code = $1)`, [sent])).toEqual([]);
    expect(await custody.sql(`SELECT id FROM print_jobs WHERE $1 = ANY(codes)`, [sent])).toEqual([]);
    expect(await custody.sql(`SELECT type FROM custody_events WHERE item_code = $1 AND type = 'label_printed'`, [sent])).toEqual([]);
    // the sending site cannot print it either while it travels: it is not in the room
    const officer = await custody.as('officer');
    const [ownPrinter] = (await officer.get('/printers').expect(200)).body as { id: string }[];
    const inTransit = await officer.post('/print-jobs', { printer: ownPrinter.id, codes: [sent] }).expect(409);
    expect(inTransit.body).toMatchObject({
      code: 'ITEM_NOT_IN_CUSTODY',
      fields: [{ field: 'codes', problem: expect.stringContaining('the item is in transit') }],
    });
  });

  it('gives the custody report of an item to the site that now holds it, with its seizure', async () => {
    const { sent, kept } = await splitSeizure(true);
    const clerk = await custody.as('clerk');
    const report = await clerk.get(`/items/${sent}/custody-report.pdf`).expect(200);
    expect(report.headers['content-type']).toBe('application/pdf');
    await clerk.get(`/items/${kept}/custody-report.pdf`).expect(404);
  });

  it('keeps drafts and cancelled drafts from the receiving site until they are dispatched', async () => {
    const { items } = await given(custody).seizure({ items: 2 });
    const draft = await given(custody).transfer({ items: [items[0].code] });
    const cancelled = await given(custody).transfer({ items: [items[1].code] });
    await (await custody.as('officer')).post(`/transfers/${cancelled.code}/cancel`).expect(200);
    const clerk = await custody.as('clerk');
    for (const code of [draft.code, cancelled.code]) {
      await clerk.get(`/transfers/${code}`).expect(404);
      await clerk.get(`/scan/${code}`).expect(404);
      await clerk.get(`/transfers/${code}/manifest.pdf`).expect(404);
    }
    for (const direction of ['', '?direction=incoming', '?status=draft', '?status=cancelled']) {
      const listed = (await clerk.get(`/transfers${direction}`).expect(200)).body.data.map((transfer: { code: string }) => transfer.code);
      expect(listed).not.toContain(draft.code);
      expect(listed).not.toContain(cancelled.code);
    }
    await (await custody.as('officer')).post(`/transfers/${draft.code}/dispatch`).expect(200);
    expect((await clerk.get(`/transfers/${draft.code}`).expect(200)).body.status).toBe('dispatched');
  });

  it('asks a witness for a sample of drugs, cash, a firearm or valuables, since it opens the seal', async () => {
    const {
      items: [drugs],
    } = await given(custody).seizure({ category: 'drugs' });
    const officer = await custody.as('officer');
    const sample = { description: 'Sample for the lab', quantity: 1.5, unit: 'g' };
    const refused = await officer.post(`/items/${drugs.code}/samples`, sample).expect(403);
    expect(refused.body).toMatchObject({ code: 'WITNESS_REQUIRED', fields: [{ field: 'witness', problem: expect.stringContaining('is required') }] });
    expect(await custody.sql(`SELECT type FROM custody_events WHERE item_code = $1 ORDER BY item_sequence`, [drugs.code])).toEqual([{ type: 'seized' }]);

    const taken = await officer.post(`/items/${drugs.code}/samples`, { ...sample, witness: { username: 'officer2', password: 'custody-demo' } }).expect(201);
    expect(taken.body).toMatchObject({ parent: drugs.code, category: 'drugs', status: 'in_custody' });
    const [event] = await custody.sql<{ details: { witness: string; sample: string } }>(
      `SELECT details FROM custody_events WHERE item_code = $1 AND type = 'sampled'`,
      [drugs.code],
    );
    expect(event.details).toMatchObject({ witness: 'officer2', sample: taken.body.code });
    // a document needs none
    const {
      items: [document],
    } = await given(custody).seizure({ category: 'document' });
    await officer.post(`/items/${document.code}/samples`, sample).expect(201);
  });

  it('serves the steps and the two-person rule to the screens, as this installation applies them', async () => {
    const policy = (await (await custody.as('clerk')).get('/custody/steps').expect(200)).body;
    expect(policy.witnessCategories).toEqual(['drugs', 'cash', 'firearm', 'valuables']);
    expect(policy.steps.find((step: { step: string }) => step.step === 'sample')).toMatchObject({ witness: 'sample', witnessed: true, from: ['in_custody'] });
    expect(policy.steps.find((step: { step: string }) => step.step === 'destroy')).toMatchObject({ witness: 'always', witnessed: true });
    expect(policy.steps.find((step: { step: string }) => step.step === 'move')).toMatchObject({ witness: null, witnessed: false, action: 'store_items' });
    expect(policy.actions.register_seizure).toEqual(['evidence_officer']);
    expect(policy.actions.audit).toContain('auditor');
    await custody.http().get('/custody/steps').expect(401);
  });
});
