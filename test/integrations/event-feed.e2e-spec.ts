import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

interface FeedPage {
  events: { sequence: number; item: string; type: string; site: string | null; transfer: string | null; hash: string }[];
  next: number;
  head: number;
}

describe('GET /events, the event feed', () => {
  let custody: TestApp;
  let atBrussels: { code: string }[];
  let transfer: string;

  beforeAll(async () => {
    custody = await startTestApp({ LEDGER_INTEGRATE_EVERY_MS: '0' });
    atBrussels = (await given(custody).seizure({ items: 3 })).items;
    transfer = (await given(custody).transfer({ items: [atBrussels[0].code], dispatch: true })).code;
    await (await custody.as('clerk')).post(`/transfers/${transfer}/receipts`, { items: [atBrussels[0].code] }).expect(200);
    await custody.integrated();
  });
  afterAll(() => custody.close());

  const feed = async (username: string, query: string) => (await (await custody.as(username)).get(`/events${query}`).expect(200)).body as FeedPage;
  const follow = async (username: string, limit: number) => {
    const seen: FeedPage['events'] = [];
    let after = 0;
    for (let page = 0; page < 1000; page += 1) {
      const answer = await feed(username, `?after=${after}&limit=${limit}`);
      seen.push(...answer.events);
      if (answer.next === answer.head && answer.events.length < limit) return seen;
      expect(answer.next).toBeGreaterThanOrEqual(after);
      after = answer.next;
    }
    throw new Error('the feed never caught up');
  };

  it('gives auditors every event once, in ledger order, whatever the page size', async () => {
    const [{ total }] = await custody.sql<{ total: number }>('SELECT count(*)::int AS total FROM custody_events');
    for (const limit of [1, 2, 7, 1000]) {
      const events = await follow('auditor', limit);
      expect(events.map((event) => event.sequence)).toEqual(Array.from({ length: total }, (_, index) => index + 1));
    }
  });

  it('gives each person the events of their sites, and those of transfers on their way to them', async () => {
    // the police see their seizure and dispatch, not the court's receipt
    const officers = await follow('officer', 100);
    expect(new Set(officers.map((event) => event.site))).toEqual(new Set(['POL-BRU']));
    expect(officers.map((event) => event.item)).toEqual(expect.arrayContaining(atBrussels.map((item) => item.code)));
    expect(officers.filter((event) => event.item === atBrussels[0].code).map((event) => event.type)).toEqual(['seized', 'dispatched']);

    // the court's clerk sees the dispatch of the transfer addressed to the court and its receipt, nothing else of the police's
    const clerks = await follow('clerk', 100);
    expect(clerks.map((event) => [event.type, event.site, event.item, event.transfer])).toEqual([
      ['dispatched', 'POL-BRU', atBrussels[0].code, transfer],
      ['received', 'TPI-BRU', atBrussels[0].code, transfer],
    ]);
  });

  it('serves an event with the hash of the item’s history, and only once it has its position', async () => {
    const { items } = await given(custody).seizure({ items: 1 });
    const before = await follow('auditor', 1000);
    expect(before.some((event) => event.item === items[0].code)).toBe(false);
    await custody.integrated();
    const after = await follow('auditor', 1000);
    const served = after.find((event) => event.item === items[0].code)!;
    const history = (await (await custody.as('officer')).get(`/items/${items[0].code}/history`).expect(200)).body as { hash: string; sequence: number }[];
    expect(served).toMatchObject({ type: 'seized', sequence: history[0].sequence, hash: history[0].hash });
  });

  it('keeps in the read log who read which item through the feed', async () => {
    await feed('clerk', '?after=0&limit=1000');
    const reads = await custody.sql<{ item_code: string }>(`SELECT item_code FROM item_reads WHERE what = 'feed' AND reader_username = 'clerk'`);
    expect(reads.map((read) => read.item_code)).toContain(atBrussels[0].code);
  });

  it('refuses a position or a page size it cannot serve, naming the field', async () => {
    const officer = await custody.as('officer');
    for (const [query, field] of [
      ['?after=-1', 'after'],
      ['?after=abc', 'after'],
      ['?limit=0', 'limit'],
      ['?limit=1001', 'limit'],
      ['?limit=2.5', 'limit'],
    ]) {
      const answer = await officer.get(`/events${query}`).expect(400);
      expect(answer.body.fields.map((problem: { field: string }) => problem.field)).toContain(field);
    }
    await custody.http().get('/events').expect(401);
  });
});
