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

  it('shows the witness fields when the server asks for one, and records the check-out witnessed', async () => {
    const code = (await given(custody).seizure({ items: 1, category: 'document' })).items[0].code;
    const words = dictionaries.en;
    const page = await signedIn(browser, base, 'officer2', { locale: 'en-GB' });
    await page.goto(`${base}/#/items/${code}`);
    await page.getByRole('button', { name: words['actions.checkOut'], exact: true }).click();
    await page.locator('input[name=person]').fill('Me Dubois');
    await page.locator('input[name=purpose]').fill('Hearing');
    await page.locator('input[name=expectedReturn]').fill('2099-12-12');
    expect(await page.locator('input[name=witnessUsername]').count()).toBe(0);
    await page.getByRole('button', { name: words['actions.confirm.checkOut'], exact: true }).click();
    await eventually(async () => expect(await page.getByRole('alert').textContent()).toBe(words['error.WITNESS_REQUIRED']));
    await page.locator('input[name=witnessUsername]').fill('officer');
    await page.locator('input[name=witnessPassword]').fill('custody-demo');
    await page.getByRole('button', { name: words['actions.confirm.checkOut'], exact: true }).click();
    await eventually(async () =>
      expect((await custody.sql<{ status: string }>('SELECT status FROM items WHERE code = $1', [code]))[0].status).toBe('checked_out'),
    );
    await page.context().close();
  });
});
