import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** Which categories and steps need a witness is the installation's choice (WITNESS_CATEGORIES, WITNESS_STEPS). */
describe('a configured two-person rule', () => {
  let custody: TestApp;

  beforeAll(async () => {
    custody = await startTestApp({ WITNESS_CATEGORIES: 'document,firearm', WITNESS_STEPS: 'checkout' });
  });
  afterAll(() => custody.close());

  it('asks for a witness only for the configured categories and steps, and always to destroy', async () => {
    const officer = await custody.as('officer');
    const {
      items: [document, sent],
    } = await given(custody).seizure({ items: 2 });
    const checkout = { person: 'Expert', purpose: 'Examination', expectedReturn: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) };
    expect((await officer.post(`/items/${document.code}/checkouts`, checkout).expect(403)).body.code).toBe('WITNESS_REQUIRED');
    // a seal change is not a configured step, and cash not a configured category
    await officer.post(`/items/${document.code}/seals`, { newSealNumber: 'SEAL-NEW-7', reason: 'Opened' }).expect(200);
    const {
      items: [money],
    } = await given(custody).seizure({ category: 'cash' });
    await officer.post(`/items/${money.code}/checkouts`, checkout).expect(201);
    // dispatch is not a configured step: a document (a configured category) leaves without a witness
    await given(custody).transfer({ items: [sent.code], dispatch: true });
    const destroy = { kind: 'destroyed', authority: 'Ordonnance 2026/9', decidedAt: '2026-11-01T10:00:00Z' };
    expect((await officer.post(`/items/${document.code}/dispositions`, destroy).expect(403)).body.code).toBe('WITNESS_REQUIRED');
    await officer.post(`/items/${document.code}/dispositions`, { ...destroy, witness: { username: 'officer2', password: 'custody-demo' } }).expect(200);
  });
});
