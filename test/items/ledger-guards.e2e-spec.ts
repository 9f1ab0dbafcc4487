import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** The database itself refuses to rewrite the ledger or to change an item without an event. */
describe('the ledger in the database', () => {
  let custody: TestApp;
  let itemCode: string;
  beforeAll(async () => {
    custody = await startTestApp();
    ({
      items: [{ code: itemCode }],
    } = await given(custody).seizure({ items: 2 }));
  });
  afterAll(() => custody.close());

  it.each([
    ['UPDATE', `UPDATE custody_events SET actor_username = 'someone-else' WHERE item_code = $1`],
    ['DELETE', `DELETE FROM custody_events WHERE item_code = $1`],
  ])('refuses %s of events', async (operation, statement) => {
    await expect(custody.sql(statement, [itemCode])).rejects.toThrow(`custody events are never changed or removed (${operation} refused)`);
    expect(await custody.sql(`SELECT actor_username FROM custody_events WHERE item_code = $1`, [itemCode])).toEqual([{ actor_username: 'officer' }]);
  });

  it('refuses TRUNCATE of events', async () => {
    await expect(custody.sql('TRUNCATE custody_events CASCADE')).rejects.toThrow('(TRUNCATE refused)');
    expect(Number((await custody.sql<{ count: string }>('SELECT count(*) FROM custody_events'))[0].count)).toBeGreaterThanOrEqual(2);
  });

  it('refuses any change of an item without a custody event: where it is, its status, its seal, its description', async () => {
    const shelf = await given(custody).location('POL-BRU', 'Shelf A');
    await expect(custody.sql(`UPDATE items SET location_id = (SELECT id FROM locations WHERE code = $2) WHERE code = $1`, [itemCode, shelf])).rejects.toThrow(
      `item ${itemCode} changed without a custody event`,
    );
    for (const change of [`status = 'disposed'`, `seal_number = 'OTHER'`, `description = 'something else'`, `review_on = current_date`]) {
      await expect(custody.sql(`UPDATE items SET ${change} WHERE code = $1`, [itemCode])).rejects.toThrow('without a custody event');
    }
    // only the time of the last change may change alone
    await custody.sql(`UPDATE items SET updated_at = now() WHERE code = $1`, [itemCode]);
  });

  it('lets the ledger take one change only: the position the integrator gives an event that has none', async () => {
    const {
      items: [{ code }],
    } = await given(custody).seizure();
    const [event] = await custody.sql<{ sequence: string | null }>(`SELECT sequence FROM custody_events WHERE item_code = $1`, [code]);
    if (event.sequence === null) await custody.integrated();
    await expect(custody.sql(`UPDATE custody_events SET sequence = sequence + 100000 WHERE item_code = $1`, [code])).rejects.toThrow('(UPDATE refused)');
    await expect(custody.sql(`UPDATE custody_events SET sequence = NULL WHERE item_code = $1`, [code])).rejects.toThrow('(UPDATE refused)');
  });

  it('refuses an item that points to an event of another item, and a second chain for one item', async () => {
    const [other] = await custody.sql<{ hash: string }>(`SELECT hash FROM custody_events WHERE item_code <> $1 LIMIT 1`, [itemCode]);
    await expect(custody.sql(`UPDATE items SET last_event_hash = $2 WHERE code = $1`, [itemCode, other.hash])).rejects.toThrow('does not exist');
    const [first] = await custody.sql<Record<string, unknown>>(`SELECT * FROM custody_events WHERE item_code = $1`, [itemCode]);
    const insert = (itemSequence: number, previousHash: string | null) =>
      custody.sql(
        `INSERT INTO custody_events (item_id, item_sequence, format, item_code, type, occurred_at, actor_id, actor_username, details, previous_hash, hash)
       VALUES ($1, $4, 2, $2, 'seized', now(), $3, 'officer', '{}', $5, repeat('a', 64))`,
        [first.item_id, itemCode, first.actor_id, itemSequence, previousHash],
      );
    await expect(insert(1, null)).rejects.toThrow(/custody_events_pkey/);
    // a second first event, or a later one that links to nothing
    await expect(insert(9, null)).rejects.toThrow(/custody_events_first_event_check/);
    await expect(insert(1, first.hash as string)).rejects.toThrow(/custody_events_first_event_check/);
  });
});
