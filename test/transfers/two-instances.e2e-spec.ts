import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** Two servers on one database: transfers stay consistent and checkpoints are made once, whichever instance is asked. */
describe('two instances on one database', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({}, { sameDatabaseAs: first });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('puts an item on one transfer, and receives it once, when both instances are asked at once', async () => {
    const { items } = await given(first).seizure({ items: 10 });
    const instances = [await first.as('officer'), await second.as('officer')];
    for (const item of items) {
      const drafts = await Promise.all(
        instances.map((instance, index) => instance.post('/transfers', { toSite: index ? 'INCC' : 'TPI-BRU', items: [item.code] })),
      );
      expect(drafts.map((draft) => draft.status).sort()).toEqual([201, 409]);
    }
    const transfers = await first.sql<{ code: string }>(
      `SELECT DISTINCT transfer.code FROM transfers transfer JOIN transfer_items line ON line.transfer_id = transfer.id
      JOIN items item ON item.id = line.item_id WHERE item.code = ANY($1) AND transfer.to_site_id = (SELECT id FROM sites WHERE code = 'TPI-BRU')`,
      [items.map((item) => item.code)],
    );
    for (const { code } of transfers) await instances[0].post(`/transfers/${code}/dispatch`).expect(200);
    const clerks = [await first.as('clerk'), await second.as('clerk')];
    for (const { code } of transfers) {
      const [line] = await first.sql<{ code: string }>(
        `SELECT item.code FROM transfer_items line JOIN items item ON item.id = line.item_id JOIN transfers t ON t.id = line.transfer_id WHERE t.code = $1`,
        [code],
      );
      const receipts = await Promise.all(clerks.map((clerk) => clerk.post(`/transfers/${code}/receipts`, { items: [line.code] })));
      // one receives it; the other is told it was received, or that the transfer closed meanwhile
      expect(receipts.filter((receipt) => receipt.status === 200 && receipt.body.received.length === 1)).toHaveLength(1);
      expect(receipts.every((receipt) => receipt.status === 200 || receipt.body.code === 'TRANSFER_STATE')).toBe(true);
    }
    const events = await first.sql<{ type: string; count: number }>(
      `SELECT type, count(*)::int AS count FROM custody_events WHERE item_code = ANY($1) GROUP BY type ORDER BY type`,
      [items.map((item) => item.code)],
    );
    expect(events).toEqual([
      { type: 'dispatched', count: transfers.length },
      { type: 'received', count: transfers.length },
      { type: 'seized', count: 10 },
    ]);
    expect((await (await second.as('auditor')).get('/ledger/verify').expect(200)).body.ok).toBe(true);
  });

  it('makes one checkpoint of a tree size, however many instances are asked for it at once', async () => {
    const admins = [await first.as('admin'), await second.as('admin')];
    const made = await Promise.all([...admins, ...admins].map((admin) => admin.post('/ledger/checkpoints')));
    expect(made.every((response) => response.status === 201)).toBe(true);
    // every answer is the one checkpoint kept: the same signature and time, not four signings of one size
    expect(new Set(made.map((response) => JSON.stringify(response.body))).size).toBe(1);
    const kept = await first.sql<{ tree_size: string; signature: string; signed_at: string }>(`SELECT tree_size, signature, signed_at FROM ledger_checkpoints`);
    expect(kept).toEqual([{ tree_size: String(made[0].body.treeSize), signature: made[0].body.signature, signed_at: made[0].body.createdAt }]);
  });
});
