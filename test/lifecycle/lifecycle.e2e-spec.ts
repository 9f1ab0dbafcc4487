import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

const witness = (username: string, password = 'custody-demo') => ({ username, password });
const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Check-outs, samples, seals, dispositions and review dates: each rule, its refusals, and the events written. */
describe('the rest of an item’s life', () => {
  let custody: TestApp;
  const types = async (code: string) =>
    ((await (await custody.as('auditor')).get(`/items/${code}/history`).expect(200)).body as { type: string }[]).map((event) => event.type);
  const lastEvent = async (code: string) => ((await (await custody.as('auditor')).get(`/items/${code}/history`).expect(200)).body as object[]).at(-1);

  beforeAll(async () => {
    custody = await startTestApp();
  });
  afterAll(() => custody.close());

  it('checks an item out to a named person and back in, refusing to move, send or dispose of it meanwhile', async () => {
    const officer = await custody.as('officer');
    const {
      items: [item],
    } = await given(custody).seizure();
    const shelf = await given(custody).location('POL-BRU', 'Shelf A');
    await officer.post(`/items/${item.code}/moves`, { location: shelf }).expect(200);
    const out = await officer
      .post(`/items/${item.code}/checkouts`, { person: 'Me Dubois, avocate', purpose: 'Audience du 12 décembre', expectedReturn: later(3) })
      .expect(201);
    expect(out.body).toMatchObject({ status: 'checked_out', custodian: 'Me Dubois, avocate', location: null });
    expect(await lastEvent(item.code)).toMatchObject({
      type: 'checked_out',
      reason: 'Audience du 12 décembre',
      details: { person: 'Me Dubois, avocate', leftLocation: shelf, witness: null },
    });

    for (const [path, body] of [
      [`/items/${item.code}/moves`, { location: shelf }],
      [`/items/${item.code}/dispositions`, { kind: 'returned_to_owner', authority: 'Jugement 2026/77', decidedAt: '2026-11-20T10:00:00Z' }],
      [`/items/${item.code}/checkouts`, { person: 'Someone else', purpose: 'x', expectedReturn: later(1) }],
      [`/items/${item.code}/samples`, { description: 'x', quantity: 1, unit: 'g' }],
    ] as const) {
      expect((await officer.post(path, body).expect(409)).body.code).toBe('ITEM_NOT_IN_CUSTODY');
    }
    await officer.post('/transfers', { toSite: 'TPI-BRU', items: [item.code] }).expect(409);
    expect((await officer.get('/checkouts').expect(200)).body).toEqual(
      expect.arrayContaining([expect.objectContaining({ item: item.code, person: 'Me Dubois, avocate', overdue: false })]),
    );
    await custody.sql(`UPDATE checkouts SET expected_return = current_date - 1 WHERE item_id = (SELECT id FROM items WHERE code = $1)`, [item.code]);
    expect((await officer.get('/checkouts?overdue=true').expect(200)).body.map((row: { item: string }) => row.item)).toContain(item.code);
    await (await custody.as('clerk')).get('/checkouts?site=POL-BRU').expect(404);

    const back = await officer.post(`/items/${item.code}/checkins`, { location: shelf }).expect(200);
    expect(back.body).toMatchObject({ status: 'in_custody', custodian: null, location: shelf });
    expect(await lastEvent(item.code)).toMatchObject({ type: 'checked_in', location: shelf, details: { person: 'Me Dubois, avocate', late: true } });
    await officer.post(`/items/${item.code}/checkins`, {}).expect(409);
    expect(await types(item.code)).toEqual(['seized', 'moved', 'checked_out', 'checked_in']);
  });

  it('asks a second person of the site to witness high-risk steps, and records them', async () => {
    const officer = await custody.as('officer');
    const {
      items: [cash],
    } = await given(custody).seizure({ category: 'cash' });
    const body = { person: 'Expert-comptable Janssens', purpose: 'Comptage', expectedReturn: later(1) };
    expect((await officer.post(`/items/${cash.code}/checkouts`, body).expect(403)).body.code).toBe('WITNESS_REQUIRED');
    expect((await officer.post(`/items/${cash.code}/checkouts`, { ...body, witness: witness('officer') }).expect(403)).body.code).toBe('WITNESS_REJECTED');
    expect((await officer.post(`/items/${cash.code}/checkouts`, { ...body, witness: witness('clerk') }).expect(403)).body).toMatchObject({
      code: 'WITNESS_REJECTED',
      fields: [{ field: 'witness', problem: 'wrong username, password or one-time code, or not a person of POL-BRU' }],
    });
    expect((await officer.post(`/items/${cash.code}/checkouts`, { ...body, witness: witness('officer2', 'wrong') }).expect(403)).body.code).toBe(
      'WITNESS_REJECTED',
    );
    expect(await types(cash.code)).toEqual(['seized']);
    await officer.post(`/items/${cash.code}/checkouts`, { ...body, witness: witness('officer2') }).expect(201);
    expect(await lastEvent(cash.code)).toMatchObject({ type: 'checked_out', actor: 'officer', details: { witness: 'officer2' } });
  });

  it('takes a sample as a child item that travels like any other, shown in both histories', async () => {
    const officer = await custody.as('officer');
    const {
      items: [drugs],
    } = await given(custody).seizure({ category: 'drugs' });
    const sample = (
      await officer
        .post(`/items/${drugs.code}/samples`, {
          description: 'Échantillon de 1,2 g',
          quantity: 1.2,
          unit: 'g',
          sealNumber: 'SEAL-S-1',
          witness: { username: 'officer2', password: 'custody-demo' },
        })
        .expect(201)
    ).body;
    expect(sample).toMatchObject({
      code: expect.stringMatching(/^I/),
      parent: drugs.code,
      category: 'drugs',
      quantity: 1.2,
      status: 'in_custody',
      site: 'POL-BRU',
      caseNumber: expect.any(String),
    });
    expect(await lastEvent(drugs.code)).toMatchObject({ type: 'sampled', details: { sample: sample.code } });
    expect(await types(sample.code)).toEqual(['sampled']);
    expect(await lastEvent(sample.code)).toMatchObject({ details: { parent: drugs.code, sealNumber: 'SEAL-S-1' }, previousHash: null });
    const toLab = await given(custody).transfer({ items: [sample.code], toSite: 'INCC', dispatch: true, witness: 'officer2' });
    await (await custody.as('analyst')).post(`/transfers/${toLab.code}/receipts`, { items: [sample.code] }).expect(200);
    expect((await (await custody.as('analyst')).get(`/items/${sample.code}`).expect(200)).body).toMatchObject({ site: 'INCC', parent: drugs.code });
  });

  it('keeps every seal number, and flags a damaged seal until it is resealed', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    const transfer = await given(custody).transfer({ items: [item.code], dispatch: true });
    const clerk = await custody.as('clerk');
    await clerk.post(`/transfers/${transfer.code}/receipts`, { items: [{ code: item.code, sealIntact: false, note: 'Scellé arraché' }] }).expect(200);
    expect((await clerk.get(`/items/${item.code}`).expect(200)).body).toMatchObject({ sealDamaged: true, sealNumber: item.code && expect.any(String) });
    const before = (await clerk.get(`/items/${item.code}`).expect(200)).body.sealNumber;
    expect((await clerk.post(`/items/${item.code}/seals`, { newSealNumber: before, reason: 'x' }).expect(400)).body.fields).toEqual([
      { field: 'newSealNumber', problem: 'is the seal the item has now' },
    ]);
    const resealed = await clerk.post(`/items/${item.code}/seals`, { newSealNumber: 'SEAL-TPI-9', reason: 'Resealed on receipt' }).expect(200);
    expect(resealed.body).toMatchObject({ sealNumber: 'SEAL-TPI-9', sealDamaged: false });
    expect(await lastEvent(item.code)).toMatchObject({
      type: 'seal_replaced',
      site: 'TPI-BRU',
      reason: 'Resealed on receipt',
      details: { previousSealNumber: before, sealNumber: 'SEAL-TPI-9', wasDamaged: true },
    });
    const {
      items: [firearm],
    } = await given(custody).seizure({ category: 'firearm' });
    expect(
      (await (await custody.as('officer')).post(`/items/${firearm.code}/seals`, { newSealNumber: 'SEAL-F-2', reason: 'Opened for inspection' }).expect(403))
        .body.code,
    ).toBe('WITNESS_REQUIRED');
  });

  it('disposes of an item for good, destruction only with a witness', async () => {
    const officer = await custody.as('officer');
    const {
      items: [item, other],
    } = await given(custody).seizure({ items: 2 });
    const destroy = { kind: 'destroyed', authority: 'Ordonnance 2026/1234 du juge d’instruction', decidedAt: '2026-11-20T10:00:00+01:00' };
    expect((await officer.post(`/items/${item.code}/dispositions`, destroy).expect(403)).body.code).toBe('WITNESS_REQUIRED');
    const disposed = await officer.post(`/items/${item.code}/dispositions`, { ...destroy, witness: witness('officer2') }).expect(200);
    expect(disposed.body).toMatchObject({ status: 'disposed', location: null });
    expect(await lastEvent(item.code)).toMatchObject({
      type: 'disposed',
      reason: destroy.authority,
      details: { kind: 'destroyed', witness: 'officer2', decidedAt: '2026-11-20T09:00:00.000Z' },
    });
    // nothing else happens to it, not even through SQL
    expect((await officer.post(`/items/${item.code}/dispositions`, { ...destroy, witness: witness('officer2') }).expect(409)).body.code).toBe(
      'ITEM_NOT_IN_CUSTODY',
    );
    await officer.post(`/items/${item.code}/moves`, { location: await given(custody).location('POL-BRU', 'Shelf A') }).expect(409);
    await expect(custody.sql(`UPDATE items SET seal_number = 'X' WHERE code = $1`, [item.code])).rejects.toThrow(/disposed: nothing else can happen/);
    // returning to the owner needs no witness for a document
    await officer
      .post(`/items/${other.code}/dispositions`, { kind: 'returned_to_owner', authority: 'Jugement 2026/99', decidedAt: '2026-11-21T10:00:00Z' })
      .expect(200);
    expect(
      (await officer.post(`/items/${other.code}/dispositions`, { kind: 'sold', authority: 'x', decidedAt: '2099-01-01T00:00:00Z' }).expect(400)).body.fields[0]
        .field,
    ).toBe('decidedAt');
  });

  it('lets a registry clerk carry an item from receipt through a hearing to its disposition, every step in its history', async () => {
    const {
      items: [cash],
    } = await given(custody).seizure({ category: 'cash' });
    const transfer = await given(custody).transfer({ items: [cash.code], dispatch: true, witness: 'officer2' });
    const clerk = await custody.as('clerk');
    await clerk.post(`/transfers/${transfer.code}/receipts`, { items: [cash.code] }).expect(200);
    const shelf = await given(custody).location('TPI-BRU', 'Shelf 1');
    await clerk.post(`/items/${cash.code}/moves`, { location: shelf }).expect(200);
    await clerk
      .post(`/items/${cash.code}/checkouts`, {
        person: 'Président de la 49e chambre',
        purpose: 'Audience publique',
        expectedReturn: later(0),
        witness: witness('clerk2'),
      })
      .expect(201);
    await clerk.post(`/items/${cash.code}/checkins`, { location: shelf }).expect(200);
    await clerk
      .post(`/items/${cash.code}/dispositions`, {
        kind: 'confiscated',
        authority: 'Jugement 49e ch. 2026/512',
        decidedAt: new Date().toISOString(),
        witness: witness('clerk2'),
      })
      .expect(200);
    expect(await types(cash.code)).toEqual(['seized', 'dispatched', 'received', 'moved', 'checked_out', 'checked_in', 'disposed']);
    expect((await clerk.get(`/items/${cash.code}`).expect(200)).body).toMatchObject({ status: 'disposed', site: 'TPI-BRU' });
    expect((await (await custody.as('auditor')).get('/ledger/verify').expect(200)).body.ok).toBe(true);
  });

  it('lists items due for review, each change of the date recorded in the ledger', async () => {
    const {
      items: [due, notYet],
    } = await given(custody).seizure({ items: 2 });
    const officer = await custody.as('officer');
    const token = await custody.token('officer');
    const review = (code: string, reviewOn: string | null) => custody.http().patch(`/items/${code}/review`).auth(token, { type: 'bearer' }).send({ reviewOn });
    expect((await review(due.code, later(0)).expect(200)).body.reviewOn).toBe(later(0));
    await review(notYet.code, later(30)).expect(200);
    const listed = (await officer.get('/items?reviewDue=true&pageSize=200').expect(200)).body.data.map((row: { code: string }) => row.code);
    expect(listed).toContain(due.code);
    expect(listed).not.toContain(notYet.code);
    await review(due.code, later(0)).expect(200);
    expect((await review(due.code, null).expect(200)).body.reviewOn).toBeNull();
    expect((await review(due.code, '2027-13-01').expect(400)).body.fields).toEqual([{ field: 'reviewOn', problem: 'must be a date like 2027-02-20, or null' }]);
    // set, then cleared: the same date again wrote nothing
    expect(await types(due.code)).toEqual(['seized', 'review_set', 'review_set']);
    const [set, cleared] = await custody.sql<{ details: object }>(
      `SELECT details FROM custody_events WHERE item_code = $1 AND type = 'review_set' ORDER BY item_sequence`,
      [due.code],
    );
    expect([set.details, cleared.details]).toEqual([
      { reviewOn: later(0), previousReviewOn: null },
      { reviewOn: null, previousReviewOn: later(0) },
    ]);
  });
});
