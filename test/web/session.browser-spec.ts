import { Browser } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { dictionaries, eventually, launchChromium, listen } from './browser';

describe('a session that ends while the screen is open', () => {
  let custody: TestApp;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    custody = await startTestApp();
    base = await listen(custody);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await custody?.close();
  });

  it('brings a user whose account was disabled back to the sign-in, saying why in their language, with nothing raw', async () => {
    const context = await browser.newContext({ locale: 'nl-BE' });
    const page = await context.newPage();
    await page.goto(base);
    await page.locator('input[name=username]').fill('officer2');
    await page.locator('input[name=password]').fill('custody-demo');
    await page.keyboard.press('Enter');
    await page.getByTestId('signed-in-as').waitFor();
    await (await custody.as('admin')).get('/auth/me').expect(200);
    const [{ id }] = await custody.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'officer2'`);
    await custody.http().patch(`/users/${id}`).auth(await custody.token('admin'), { type: 'bearer' }).send({ disabled: true }).expect(200);

    await page.keyboard.type('I000000022X');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await page.getByRole('alert').textContent()).toBe(dictionaries.en['signIn.expired']));
    expect(await page.locator('input[name=username]').isVisible()).toBe(true);
    expect(await page.content()).not.toContain('"statusCode"');
    await context.close();
  });
});
