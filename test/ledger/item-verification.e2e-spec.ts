import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

describe('GET /items/:code/verification: the item page’s badge', () => {
  let custody: TestApp;
  let itemCode: string;

  beforeEach(async () => {
    custody = await startTestApp();
    const { items } = await given(custody).seizure({ items: 2 });
    itemCode = items[0].code;
    await (await custody.as('officer')).post(`/items/${itemCode}/moves`, { location: await given(custody).location('POL-BRU', 'Shelf A') }).expect(200);
  });
  afterEach(() => custody.close());

  it('checks hashes and links before any checkpoint, then the inclusion of each event in the latest one', async () => {
    const before = await (await custody.as('officer')).get(`/items/${itemCode}/verification`).expect(200);
    expect(before.body).toEqual({ item: itemCode, ok: true, events: 2, anchoredEvents: 0, checkpoint: null, problems: [] });

    const checkpoint = (await (await custody.as('admin')).post('/ledger/checkpoints').expect(201)).body;
    await (await custody.as('officer')).post(`/items/${itemCode}/moves`, { location: await given(custody).location('POL-BRU', 'Bin A1') }).expect(200);
    const after = await (await custody.as('auditor')).get(`/items/${itemCode}/verification`).expect(200);
    expect(after.body).toEqual({
      item: itemCode,
      ok: true,
      events: 3,
      anchoredEvents: 2,
      checkpoint: { treeSize: checkpoint.treeSize, createdAt: checkpoint.createdAt, keyId: checkpoint.keyId },
      problems: [],
    });
  });

  it('says which event broke when a stored event was edited behind the server’s back', async () => {
    await custody.sql('ALTER TABLE custody_events DISABLE TRIGGER USER');
    await custody.sql(`UPDATE custody_events SET reason = 'edited' WHERE item_code = $1 AND type = 'moved'`, [itemCode]);
    const answer = await (await custody.as('officer')).get(`/items/${itemCode}/verification`).expect(200);
    expect(answer.body).toMatchObject({
      ok: false,
      events: 2,
      problems: [expect.stringMatching(/^event \d+ of the item: its hash does not match its content$/)],
    });

    await (await custody.as('admin')).post('/ledger/checkpoints').expect(201);
    const anchored = await (await custody.as('officer')).get(`/items/${itemCode}/verification`).expect(200);
    expect(anchored.body).toMatchObject({
      ok: false,
      anchoredEvents: 2,
      problems: [expect.stringMatching(/^event 2 of the item \(moved, ledger position \d+\): its hash does not match its content$/)],
    });
  });

  it('answers 404 for another site’s item and for an unknown code', async () => {
    await (await custody.as('clerk')).get(`/items/${itemCode}/verification`).expect(404);
    const unknown = await (await custody.as('officer')).get('/items/I0000000000/verification');
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
    expect(unknown.body).toMatchObject({ code: expect.any(String) });
  });
});
