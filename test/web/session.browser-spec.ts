import { Browser } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { dictionaries, eventually, launchChromium, listen, scan, signedIn } from './browser';

describe('a session that ends while the screen is open', () => {
  let custody: TestApp;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    // tokens live 4 seconds here, so that a desk in use outlives several of them within the test
    custody = await startTestApp({ JWT_TTL_SECONDS: '4' });
    base = await listen(custody);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await custody?.close();
  });

  it('keeps a desk in use signed in past its token’s life, and signs out one left idle longer', async () => {
    const page = await signedIn(browser, base, 'officer', { locale: 'fr-BE' });
    for (let second = 0; second < 10; second++) {
      await page.waitForTimeout(1000);
      const answer = await scan(page, 'L0000000000');
      expect(answer.text).not.toBe(dictionaries.fr['signIn.expired']);
    }
    expect(await page.getByTestId('signed-in-as').isVisible()).toBe(true);
    await page.waitForTimeout(4500);
    await page.keyboard.type('L0000000000');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await page.getByRole('alert').textContent()).toBe(dictionaries.fr['signIn.expired']));
    await page.context().close();
  });

  it('brings a user whose account was disabled back to the sign-in, saying why in their language, with nothing raw', async () => {
    const page = await signedIn(browser, base, 'officer2', { locale: 'nl-BE' });
    await (await custody.as('admin')).get('/auth/me').expect(200);
    const [{ id }] = await custody.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'officer2'`);
    await custody
      .http()
      .patch(`/users/${id}`)
      .auth(await custody.token('admin'), { type: 'bearer' })
      .send({ disabled: true })
      .expect(200);

    await page.keyboard.type('I000000022X');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await page.getByRole('alert').textContent()).toBe(dictionaries.en['signIn.expired']));
    expect(await page.locator('input[name=username]').isVisible()).toBe(true);
    expect(await page.content()).not.toContain('"statusCode"');
    await page.context().close();
  });
});
