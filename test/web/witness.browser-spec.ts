import { Browser } from 'playwright-core';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';
import { dictionaries, eventually, launchChromium, listen, signedIn } from './browser';

describe('an installation that asks a witness for more categories than the default', () => {
  let custody: TestApp;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    custody = await startTestApp({ WITNESS_CATEGORIES: 'document' });
    base = await listen(custody);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await custody?.close();
  });

  it('shows the witness fields up front from the policy the server serves, and records the check-out witnessed', async () => {
    const code = (await given(custody).seizure({ items: 1, category: 'document' })).items[0].code;
    const words = dictionaries.en;
    const page = await signedIn(browser, base, 'officer2', { locale: 'en-GB' });
    await page.goto(`${base}/#/items/${code}`);
    await page.getByRole('button', { name: words['actions.checkOut'], exact: true }).click();
    await page.locator('input[name=person]').fill('Me Dubois');
    await page.locator('input[name=purpose]').fill('Hearing');
    await page.locator('input[name=expectedReturn]').fill('2099-12-12');
    // documents are not high-risk by default: the screen knows this installation's policy from the server
    expect(await page.locator('input[name=witnessUsername]').count()).toBe(1);
    await page.locator('input[name=witnessUsername]').fill('officer');
    await page.locator('input[name=witnessPassword]').fill('custody-demo');
    await page.getByRole('button', { name: words['actions.confirm.checkOut'], exact: true }).click();
    await eventually(async () =>
      expect((await custody.sql<{ status: string }>('SELECT status FROM items WHERE code = $1', [code]))[0].status).toBe('checked_out'),
    );
    const [event] = await custody.sql<{ witness: string }>(
      `SELECT details->>'witness' AS witness FROM custody_events WHERE item_code = $1 AND type = 'checked_out'`,
      [code],
    );
    expect(event).toEqual({ witness: 'officer' });
    await page.context().close();
  });
});
