import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The leading integrator positions events as soon as their step commits, not at its next round:
 * here its rounds are ten seconds apart, so only the wake-up at commit can position them in time.
 */
describe('the integrator wakes when a step commits', () => {
  let custody: TestApp;
  let officer: string;

  beforeAll(async () => {
    custody = await startTestApp({ LEDGER_INTEGRATE_EVERY_MS: '10000' });
    officer = await custody.token('officer');
  });
  afterAll(() => custody.close());

  const unpositioned = async () => (await custody.sql<{ count: number }>('SELECT count(*)::int AS count FROM custody_events WHERE sequence IS NULL'))[0].count;
  const positionedSoon = async () => {
    for (let waited = 0; waited < 3_000 && (await unpositioned()) > 0; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    return unpositioned();
  };

  it('after a registration, a move on its own and a dispatch in a transaction', async () => {
    // the demo's events are positioned at the first round, when the server starts
    expect(await positionedSoon()).toBe(0);

    const { items } = await given(custody).seizure({ items: 2 });
    expect(await positionedSoon()).toBe(0);

    await custody
      .http()
      .post(`/items/${items[0].code}/moves`)
      .auth(officer, { type: 'bearer' })
      .send({ location: await given(custody).location('POL-BRU', 'Shelf A') })
      .expect(200);
    expect(await positionedSoon()).toBe(0);

    await given(custody).transfer({ items: [items[1].code], dispatch: true });
    expect(await positionedSoon()).toBe(0);
  });
});
