import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const problem = 'holds a character that cannot be stored (NUL, or half of a UTF-16 pair)';

/**
 * Text PostgreSQL cannot store (a NUL character; half of a UTF-16 pair, which UTF-8 cannot encode)
 * is refused with 400 naming the field, in any body, query or path, before anything is written;
 * it used to reach the database and answer 500.
 */
describe('text that cannot be stored', () => {
  let custody: TestApp;
  const counts = async () =>
    (
      await custody.sql<{ events: number; items: number }>(
        'SELECT (SELECT count(*)::int FROM custody_events) AS events, (SELECT count(*)::int FROM items) AS items',
      )
    )[0];

  beforeAll(async () => (custody = await startTestApp()));
  afterAll(() => custody.close());

  it('is refused in a seizure, a check-out, a new seal and a sample, naming the field, with nothing written', async () => {
    const officer = await custody.as('officer');
    const {
      items: [item],
    } = await given(custody).seizure();
    const before = await counts();
    const seizure = {
      site: 'POL-BRU',
      caseNumber: 'PV/NUL/1',
      seizedAt: new Date(Date.now() - 3_600_000).toISOString(),
      items: [{ category: 'document', description: 'Exhibit\u0000one', quantity: 1, unit: 'piece' }],
    };
    const refusals = [
      [await officer.post('/seizures', seizure), 'items[0].description'],
      [await officer.post(`/items/${item.code}/checkouts`, { person: 'Me\u0000Dubois', purpose: 'Audience', expectedReturn: later(2) }), 'person'],
      [await officer.post(`/items/${item.code}/seals`, { newSealNumber: 'SEAL-\u0000-2' }), 'newSealNumber'],
      [await officer.post(`/items/${item.code}/samples`, { description: 'Swab \ud800 one', quantity: 1, unit: 'piece' }), 'description'],
      [await officer.post(`/items/${item.code}/samples`, { description: 'Swab \udc00 one', quantity: 1, unit: 'piece' }), 'description'],
      [await officer.get('/items?caseNumber=PV%00'), 'caseNumber'],
      [await officer.get('/items/I00000%00019'), 'code'],
    ] as const;
    for (const [answer, field] of refusals) {
      expect({ status: answer.status, body: answer.body }).toEqual({
        status: 400,
        body: expect.objectContaining({ code: 'VALIDATION_FAILED', fields: [{ field, problem }] }),
      });
    }
    expect(await counts()).toEqual(before);
    // a whole emoji (both halves of its pair) is text like any other
    const whole = await officer.post(`/items/${item.code}/samples`, { description: 'Swab 🧪 one', quantity: 1, unit: 'piece' });
    expect(whole.status).toBe(201);
  });
});
