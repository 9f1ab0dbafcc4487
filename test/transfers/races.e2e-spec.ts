import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** Concurrent requests made safe by the database: row locks and the one-open-transfer index. */
describe('transfers under concurrent requests', () => {
  let custody: TestApp;
  let officer: string;
  let clerk: string;
  const post = (token: string, path: string, body: object = {}) => custody.http().post(path).auth(token, { type: 'bearer' }).send(body);
  const statuses = (responses: { status: number }[]) => responses.map((response) => response.status).sort();
  const eventsOf = async (code: string) =>
    (await custody.sql<{ type: string }>(`SELECT type FROM custody_events WHERE item_code = $1 ORDER BY sequence`, [code])).map((event) => event.type);

  beforeAll(async () => {
    custody = await startTestApp();
    officer = await custody.token('officer');
    clerk = await custody.token('clerk');
  });
  afterAll(() => custody.close());

  it('puts an item on exactly one of 50 transfers drafted at once', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    const sites = ['TPI-BRU', 'OCSC', 'INCC'];
    const transfersBefore = await custody.sql<{ code: string }>(`SELECT code FROM transfers`);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) => post(officer, '/transfers', { toSite: sites[index % 3], items: [item.code] })),
    );
    expect(statuses(responses)).toEqual([201, ...Array(49).fill(409)]);
    for (const refused of responses.filter((response) => response.status === 409)) expect(refused.body.code).toBe('ITEM_IN_ANOTHER_TRANSFER');
    const lines = await custody.sql(`SELECT line.state FROM transfer_items line JOIN items item ON item.id = line.item_id WHERE item.code = $1`, [item.code]);
    expect(lines).toEqual([{ state: 'listed' }]);
    // the refused drafts were rolled back whole: the race left one new transfer, the winner, and nothing of the 49 others
    const winner = responses.find((response) => response.status === 201)!.body.code;
    const transfersAfter = await custody.sql<{ code: string }>(`SELECT code FROM transfers WHERE NOT (code = ANY($1))`, [
      transfersBefore.map((row) => row.code),
    ]);
    expect(transfersAfter).toEqual([{ code: winner }]);
    expect(await eventsOf(item.code)).toEqual(['seized']);
  });

  it('adds an item to one of two drafts when both ask at once', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    const drafts = await Promise.all([given(custody).transfer({ items: [] }), given(custody).transfer({ items: [], toSite: 'INCC' })]);
    const responses = await Promise.all(
      drafts.flatMap((draft) => Array.from({ length: 10 }, () => post(officer, `/transfers/${draft.code}/items`, { items: [item.code] }))),
    );
    const winners = new Set(responses.filter((response) => response.status === 200).map((response) => response.body.code));
    expect(winners.size).toBe(1);
    expect(responses.every((response) => response.status === 200 || response.body.code === 'ITEM_IN_ANOTHER_TRANSFER')).toBe(true);
  });

  it('lets dispatch or cancel win, never both, and keeps items and ledger in step', async () => {
    for (let round = 0; round < 10; round += 1) {
      const { items } = await given(custody).seizure({ items: 3 });
      const draft = await given(custody).transfer({ items: items.map((item) => item.code) });
      const [dispatch, cancel] = await Promise.all([post(officer, `/transfers/${draft.code}/dispatch`), post(officer, `/transfers/${draft.code}/cancel`)]);
      expect(statuses([dispatch, cancel])).toEqual([200, 409]);
      const [{ status }] = await custody.sql<{ status: string }>(`SELECT status FROM transfers WHERE code = $1`, [draft.code]);
      const itemStatuses = await custody.sql(`SELECT DISTINCT status FROM items WHERE code = ANY($1)`, [items.map((item) => item.code)]);
      if (status === 'dispatched') {
        expect(itemStatuses).toEqual([{ status: 'in_transit' }]);
        for (const item of items) expect(await eventsOf(item.code)).toEqual(['seized', 'dispatched']);
      } else {
        expect(status).toBe('cancelled');
        expect(itemStatuses).toEqual([{ status: 'in_custody' }]);
        for (const item of items) expect(await eventsOf(item.code)).toEqual(['seized']);
      }
    }
  });

  it('receives an item once however many desks scan it at the same moment', async () => {
    const {
      items: [racing, other],
    } = await given(custody).seizure({ items: 2 });
    const transfer = (await given(custody).transfer({ items: [racing.code, other.code], dispatch: true })).code;
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(clerk, `/transfers/${transfer}/receipts`, { items: [racing.code] })));
    expect(statuses(responses)).toEqual(Array(20).fill(200));
    expect(responses.filter((response) => response.body.received.length === 1)).toHaveLength(1);
    expect(responses.filter((response) => response.body.alreadyReceived.length === 1)).toHaveLength(19);
    expect(await eventsOf(racing.code)).toEqual(['seized', 'dispatched', 'received']);
  });

  it('settles a receipt racing with close and cancel: each item received or missing, never both', async () => {
    for (let round = 0; round < 5; round += 1) {
      const {
        items: [first, second],
      } = await given(custody).seizure({ items: 2 });
      const transfer = (await given(custody).transfer({ items: [first.code, second.code], dispatch: true })).code;
      const [receipt, close, cancel] = await Promise.all([
        post(clerk, `/transfers/${transfer}/receipts`, { items: [first.code] }),
        post(clerk, `/transfers/${transfer}/close`),
        post(officer, `/transfers/${transfer}/cancel`),
      ]);
      // a dispatched transfer cannot be cancelled
      expect(cancel.status).toBe(409);
      expect(close.status).toBe(200);
      const firstEvents = await eventsOf(first.code);
      if (receipt.status === 200) {
        expect(firstEvents).toEqual(['seized', 'dispatched', 'received']);
        expect(close.body.missing).toEqual([second.code]);
      } else {
        expect(receipt.body.code).toBe('TRANSFER_STATE');
        expect(firstEvents).toEqual(['seized', 'dispatched', 'discrepancy']);
      }
      expect(await eventsOf(second.code)).toEqual(['seized', 'dispatched', 'discrepancy']);
    }
    expect(
      (
        await custody
          .http()
          .get('/ledger/verify')
          .auth(await custody.token('auditor'), { type: 'bearer' })
          .expect(200)
      ).body.ok,
    ).toBe(true);
  });

  it('keeps the database from putting an item in transit without a manifest, or on two open ones', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    await expect(custody.sql(`UPDATE items SET status = 'in_transit', last_event_hash = last_event_hash WHERE code = $1`, [item.code])).rejects.toThrow(
      /without a custody event|is in transit but not on a dispatched manifest/,
    );
    const first = await given(custody).transfer({ items: [item.code] });
    const second = await given(custody).transfer({ items: [], toSite: 'INCC' });
    await expect(
      custody.sql(
        `INSERT INTO transfer_items (transfer_id, item_id, state) SELECT transfer.id, item.id, 'listed' FROM transfers transfer, items item WHERE transfer.code = $1 AND item.code = $2`,
        [second.code, item.code],
      ),
    ).rejects.toThrow(/transfer_items_one_open_transfer_unique/);
    await expect(
      custody.sql(`UPDATE transfer_items SET state = 'in_transit' WHERE transfer_id = (SELECT id FROM transfers WHERE code = $1)`, [first.code]),
    ).rejects.toThrow(/not in transit but still on a dispatched manifest/);
  });
});
