import { Browser } from 'playwright-core';
import { startTestApp, TestApp } from '../support/test-app';
import { totpCode } from '../support/totp';
import { accessibilityProblems, dictionaries, eventually, launchChromium, listen, screenshot } from './browser';

/** An auditor, whose role asks a second factor, enrols an authenticator app through the screens, then signs in with its code. */
describe('the second factor in the browser', () => {
  let custody: TestApp;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    custody = await startTestApp({ SECOND_FACTOR_ROLES: 'admin,auditor' });
    base = await listen(custody);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await custody?.close();
  });

  it('enrols at the first sign-in by QR code, shows the recovery codes once, and asks the code at the next sign-in', async () => {
    const words = dictionaries.nl;
    const context = await browser.newContext({ locale: 'nl-BE' });
    const page = await context.newPage();
    const signIn = async () => {
      await page.goto(base);
      await page.locator('input[name=username]').fill('auditor');
      await page.locator('input[name=password]').fill('custody-demo');
      await page.keyboard.press('Enter');
    };
    await custody.sql(`UPDATE users SET language = 'nl' WHERE username = 'auditor'`);
    await signIn();
    await page.getByRole('heading', { name: words['secondFactor.title'] }).waitFor();
    await page.getByRole('button', { name: words['secondFactor.begin'] }).click();
    await page.getByTestId('enrolment-qr').waitFor();
    expect(await page.getByTestId('enrolment-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'second-factor-enrolment');
    const secret = (await page.getByTestId('enrolment-secret').textContent())!.replace(/\s/g, '');
    await page.locator('input[name=otp]').fill(totpCode(secret));
    await page.getByRole('button', { name: words['secondFactor.confirm'] }).click();
    const recovery = page.getByTestId('recovery-codes').locator('li');
    await eventually(async () => expect(await recovery.count()).toBe(10));
    await page.getByRole('button', { name: words['secondFactor.done'] }).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.getByRole('link', { name: words['nav.auditor'] }).waitFor();

    // next time: the password, then the code the app shows
    await page.getByRole('button', { name: words['nav.signOut'] }).click();
    await signIn();
    await page.locator('input[name=otp]').waitFor();
    await page.locator('input[name=otp]').fill(totpCode(secret, Date.now() + 30_000));
    await page.keyboard.press('Enter');
    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.locator('h1').first().textContent()).not.toBe(words['secondFactor.title']);
    await context.close();
  });
});
