import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** Items travel police → court → confiscation office, and a sample goes to the lab and back. */
describe('the life of a transfer', () => {
  let custody: TestApp;
  const as = (who: string) => custody.as(who);
  const historyTypes = async (code: string) =>
    ((await (await as('auditor')).get(`/items/${code}/history`).expect(200)).body as { type: string }[]).map((event) => event.type);

  beforeAll(async () => {
    custody = await startTestApp();
  });
  afterAll(() => custody.close());

  it('carries seized cash from the police to the court and on to the confiscation office', async () => {
    const officer = await as('officer');
    const clerk = await as('clerk');
    const seizure = await custody
      .http()
      .post('/seizures')
      .auth(await custody.token('officer'), { type: 'bearer' })
      .send({
        site: 'POL-BRU',
        caseNumber: 'BR.12.LL.100200/2026',
        seizedAt: '2026-11-20T09:00:00+01:00',
        items: [
          { category: 'cash', description: 'Banknotes, 2 450 EUR, sealed bag', quantity: 2450, unit: 'EUR', sealNumber: 'SEAL-C-1' },
          { category: 'document', description: 'Carnet de comptes, reliure bleue', quantity: 1, unit: 'piece', sealNumber: 'SEAL-D-1' },
        ],
      })
      .expect(201);
    const [cash, ledgerBook] = seizure.body.items.map((item: { code: string }) => item.code);
    const shelf = await given(custody).location('POL-BRU', 'Safe 1');
    await officer.post(`/items/${cash}/moves`, { location: shelf }).expect(200);

    const draft = await officer.post('/transfers', { toSite: 'TPI-BRU', items: [cash, ledgerBook], purpose: 'Dépôt au greffe' }).expect(201);
    expect(draft.body).toMatchObject({
      code: expect.stringMatching(/^T\d{9}[\dX]$/),
      status: 'draft',
      fromSite: 'POL-BRU',
      toSite: 'TPI-BRU',
      purpose: 'Dépôt au greffe',
      createdBy: 'officer',
      items: [
        { code: cash, state: 'listed' },
        { code: ledgerBook, state: 'listed' },
      ].sort((a, b) => a.code.localeCompare(b.code)),
      counts: { items: 2, inTransit: 0, received: 0, missing: 0, damaged: 0, unexpected: 0 },
    });
    const transfer = draft.body.code as string;
    // on a draft, the items have not moved
    expect((await officer.get(`/items/${cash}`).expect(200)).body).toMatchObject({ status: 'in_custody', location: shelf, transfer: null });
    expect((await officer.get(`/scan/${transfer}`).expect(200)).body).toMatchObject({ kind: 'transfer', code: transfer, status: 'draft' });
    await clerk
      .get(`/transfers?direction=incoming`)
      .expect(200)
      .then(({ body }) => expect(body.data.map((t: { code: string }) => t.code)).not.toContain(transfer));

    // cash is high-risk: the two-person rule
    const refused = await officer.post(`/transfers/${transfer}/dispatch`).expect(403);
    expect(refused.body).toMatchObject({ code: 'WITNESS_REQUIRED', fields: [{ field: 'witness', problem: expect.any(String) }] });
    expect((await officer.get(`/items/${cash}`).expect(200)).body.status).toBe('in_custody');
    const dispatched = await officer.post(`/transfers/${transfer}/dispatch`, { witness: { username: 'officer2', password: 'custody-demo' } }).expect(200);
    expect(dispatched.body).toMatchObject({ status: 'dispatched', dispatchedBy: 'officer', witness: 'officer2', counts: { inTransit: 2 } });

    // in transit: both ends see the item, at no location
    for (const who of [officer, clerk]) {
      expect((await who.get(`/items/${cash}`).expect(200)).body).toMatchObject({ status: 'in_transit', site: 'POL-BRU', location: null, transfer });
    }
    const [, , dispatchEvent] = (await officer.get(`/items/${cash}/history`).expect(200)).body;
    expect(dispatchEvent).toMatchObject({
      type: 'dispatched',
      actor: 'officer',
      site: 'POL-BRU',
      location: null,
      transfer,
      reason: 'Dépôt au greffe',
      details: { to: 'TPI-BRU', leftLocation: shelf, witness: 'officer2' },
    });
    expect((await clerk.get(`/transfers?direction=incoming&status=dispatched`).expect(200)).body.data).toEqual([
      expect.objectContaining({ code: transfer, counts: expect.objectContaining({ inTransit: 2 }) }),
    ]);
    expect((await officer.get(`/transfers?direction=outgoing`).expect(200)).body.data.map((t: { code: string }) => t.code)).toContain(transfer);

    // the registry scans both in: everything arrived intact, so the transfer closes by itself
    const first = await clerk.post(`/transfers/${transfer}/receipts`, { items: [cash] }).expect(200);
    expect(first.body).toEqual({ transfer, status: 'dispatched', received: [cash], alreadyReceived: [], unexpected: [], damaged: [], outstanding: 1 });
    const second = await clerk.post(`/transfers/${transfer}/receipts`, { items: [ledgerBook.toLowerCase()] }).expect(200);
    expect(second.body).toMatchObject({ status: 'closed', received: [ledgerBook], outstanding: 0 });
    expect((await clerk.get(`/transfers/${transfer}`).expect(200)).body).toMatchObject({
      status: 'closed',
      closedBy: 'clerk',
      missing: [],
      damaged: [],
      unexpected: [],
    });
    expect((await clerk.get(`/items/${cash}`).expect(200)).body).toMatchObject({ status: 'in_custody', site: 'TPI-BRU', location: null, transfer: null });
    // the police no longer hold it, so no longer see it; the transfer stays visible to both ends
    await officer.get(`/items/${cash}`).expect(404);
    await officer.get(`/transfers/${transfer}`).expect(200);
    expect(await historyTypes(cash)).toEqual(['seized', 'moved', 'dispatched', 'received']);

    // the registry stores the cash, then sends it to the confiscation office
    await clerk.post(`/items/${cash}/moves`, { location: await given(custody).location('TPI-BRU', 'Shelf 2') }).expect(200);
    const onward = await given(custody).transfer({ by: 'clerk', items: [cash], toSite: 'OCSC', dispatch: true, witness: 'clerk2' });
    const confiscation = await as('confiscation');
    expect((await confiscation.post(`/transfers/${onward.code}/receipts`, { items: [cash] }).expect(200)).body).toMatchObject({
      status: 'closed',
      received: [cash],
    });
    expect((await confiscation.get(`/items/${cash}`).expect(200)).body).toMatchObject({ status: 'in_custody', site: 'OCSC' });
    expect(await historyTypes(cash)).toEqual(['seized', 'moved', 'dispatched', 'received', 'moved', 'dispatched', 'received']);
    expect((await (await as('auditor')).get('/ledger/verify').expect(200)).body).toMatchObject({ ok: true });
  });

  it('sends a drug sample to the lab and gets it back', async () => {
    const {
      items: [sample],
    } = await given(custody).seizure({ category: 'drugs' });
    const toLab = await given(custody).transfer({ items: [sample.code], toSite: 'INCC', dispatch: true, witness: 'officer2', purpose: 'Analyse' });
    const analyst = await as('analyst');
    await analyst.post(`/transfers/${toLab.code}/receipts`, { items: [sample.code] }).expect(200);
    await analyst.post(`/items/${sample.code}/moves`, { location: await given(custody).location('INCC', 'Drawer 1') }).expect(200);

    const back = await given(custody).transfer({
      by: 'analyst',
      items: [sample.code],
      toSite: 'POL-BRU',
      dispatch: true,
      witness: 'analyst2',
      purpose: 'Retour après analyse',
    });
    expect(back).toMatchObject({ status: 'dispatched', fromSite: 'INCC', toSite: 'POL-BRU', witness: 'analyst2' });
    const officer = await as('officer');
    const returned = await officer.post(`/transfers/${back.code}/receipts`, { items: [{ code: sample.code, sealIntact: true }] }).expect(200);
    expect(returned.body).toMatchObject({ status: 'closed', received: [sample.code] });
    expect((await officer.get(`/items/${sample.code}`).expect(200)).body).toMatchObject({ status: 'in_custody', site: 'POL-BRU', location: null });
    expect(await historyTypes(sample.code)).toEqual(['seized', 'dispatched', 'received', 'moved', 'dispatched', 'received']);
  });

  it('keeps a cancelled draft as a record and frees its items', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    const officer = await as('officer');
    const draft = await given(custody).transfer({ items: [item.code] });
    const cancelled = await officer.post(`/transfers/${draft.code}/cancel`).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelledBy: 'officer', items: [{ code: item.code, state: 'cancelled' }] });
    await officer
      .post(`/transfers/${draft.code}/dispatch`)
      .expect(409)
      .then(({ body }) => expect(body.code).toBe('TRANSFER_STATE'));
    // the item can go on a new manifest, and never moved
    await given(custody).transfer({ items: [item.code] });
    expect(await historyTypes(item.code)).toEqual(['seized']);
  });

  it('lets the sender add and remove items while it is a draft, and only then', async () => {
    const { items } = await given(custody).seizure({ items: 3 });
    const officer = await as('officer');
    const draft = await given(custody).transfer({ items: [] });
    expect((await officer.post(`/transfers/${draft.code}/items`, { items: [items[0].code, items[1].code, items[0].code] }).expect(200)).body.counts.items).toBe(
      2,
    );
    // adding an item that is already on it changes nothing
    expect((await officer.post(`/transfers/${draft.code}/items`, { items: [items[1].code, items[2].code] }).expect(200)).body.counts.items).toBe(3);
    const token = await custody.token('officer');
    const removed = await custody.http().delete(`/transfers/${draft.code}/items/${items[1].code}`).auth(token, { type: 'bearer' }).expect(200);
    expect(removed.body.items.map((line: { code: string }) => line.code)).toEqual([items[0].code, items[2].code]);
    await custody.http().delete(`/transfers/${draft.code}/items/${items[1].code}`).auth(token, { type: 'bearer' }).expect(404);
    await officer.post(`/transfers/${draft.code}/dispatch`).expect(200);
    await officer.post(`/transfers/${draft.code}/items`, { items: [items[1].code] }).expect(409);
    await custody.http().delete(`/transfers/${draft.code}/items/${items[0].code}`).auth(token, { type: 'bearer' }).expect(409);
    await officer.post(`/transfers/${draft.code}/cancel`).expect(409);
  });

  it('refuses items that are not in custody at the sending site', async () => {
    const officer = await as('officer');
    const {
      items: [travelling],
    } = await given(custody).seizure();
    await given(custody).transfer({ items: [travelling.code], dispatch: true });
    const inTransit = await officer.post('/transfers', { toSite: 'INCC', items: [travelling.code] }).expect(409);
    expect(inTransit.body).toMatchObject({
      code: 'ITEM_IN_ANOTHER_TRANSFER',
      fields: [{ field: 'items[0]', problem: expect.stringContaining('already on transfer') }],
    });

    const {
      items: [onDraft],
    } = await given(custody).seizure();
    const first = await given(custody).transfer({ items: [onDraft.code] });
    const again = await officer.post('/transfers', { toSite: 'INCC', items: [onDraft.code] }).expect(409);
    expect(again.body.message).toContain(first.code);

    // an item of the court's registry is not the police's to send, nor even to see
    const {
      items: [atCourt],
    } = await given(custody).seizure({ items: 1 });
    const clerk = await as('clerk');
    const toCourt = await given(custody).transfer({ items: [atCourt.code], dispatch: true });
    await clerk.post(`/transfers/${toCourt.code}/receipts`, { items: [atCourt.code] }).expect(200);
    const foreign = await officer.post('/transfers', { toSite: 'INCC', items: [atCourt.code] }).expect(404);
    expect(foreign.body.fields).toEqual([{ field: 'items[0]', problem: `names no item at your sites: ${atCourt.code}` }]);
    expect(
      await custody.sql(`SELECT count(*)::int AS drafts FROM transfers WHERE to_site_id = (SELECT id FROM sites WHERE code = 'INCC') AND status = 'draft'`),
    ).toEqual([{ drafts: 0 }]);
  });
});
