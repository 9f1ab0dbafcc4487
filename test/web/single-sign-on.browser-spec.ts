import { Browser } from 'playwright-core';
import { freePort } from '../../src/database/embedded-database';
import { startIdentityProvider, TestIdentityProvider } from '../support/test-identity-provider';
import { startTestApp, TestApp } from '../support/test-app';
import { totpCode } from '../support/totp';
import { dictionaries, eventually, launchChromium, listen, screenshot } from './browser';

/**
 * Single sign-on through a real OpenID provider (oidc-provider, on 127.0.0.1), in Chromium: the
 * auditor signs in at the provider's own pages, comes back with a one-time code, and gives the code
 * of their authenticator app as the second factor; an unknown person is refused in words.
 */
describe('single sign-on in the browser', () => {
  let custody: TestApp;
  let provider: TestIdentityProvider;
  let base: string;
  let browser: Browser;
  beforeAll(async () => {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/auth/oidc/callback`;
    provider = await startIdentityProvider(redirectUri);
    custody = await startTestApp({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URI: redirectUri,
      OIDC_NAME: 'Justice SSO',
      SECOND_FACTOR_ROLES: 'admin,auditor',
    });
    base = await listen(custody, port);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await custody?.close();
    await provider?.close();
  });

  /** Signs in at the provider's development pages (any password) and agrees to share the claims. */
  const atTheProvider = async (page: import('playwright-core').Page, login: string) => {
    await page.locator('input[name=login]').waitFor();
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('anything at the provider');
    await page.locator('button[type=submit]').click();
    await page.locator('button[type=submit]').waitFor();
    await page.locator('button[type=submit]').click();
  };

  it('signs the auditor in through the provider, then asks the code of their authenticator app', async () => {
    // the auditor (whose screens are in French) enrolled an authenticator app earlier, with their password
    await custody.sql(`UPDATE users SET language = 'fr' WHERE username = 'auditor'`);
    const first = (await custody.http().post('/auth/login').send({ username: 'auditor', password: 'custody-demo' }).expect(200)).body.accessToken;
    const { secret } = (await custody.http().post('/auth/second-factor').auth(first, { type: 'bearer' }).expect(200)).body;
    await custody
      .http()
      .post('/auth/second-factor/confirm')
      .auth(first, { type: 'bearer' })
      .send({ otp: totpCode(secret) })
      .expect(200);

    const words = dictionaries.fr;
    const page = await (await browser.newContext({ locale: 'fr-BE' })).newPage();
    await page.goto(base);
    await page.getByRole('link', { name: words['signIn.singleSignOn'].replace('{name}', 'Justice SSO') }).click();
    await atTheProvider(page, 'auditor');
    await page.locator('input[name=otp]').waitFor();
    expect(page.url()).toBe(`${base}/`);
    await screenshot(page, 'single-sign-on-code');
    await page.locator('input[name=otp]').fill(totpCode(secret, Date.now() + 30_000));
    await page.keyboard.press('Enter');
    await page.getByTestId('signed-in-as').waitFor();
    await page.getByRole('link', { name: words['nav.auditor'] }).waitFor();
    const [signIn] = await custody.sql<{ username: string; succeeded: boolean }>(
      `SELECT username, succeeded FROM sign_ins WHERE username = 'auditor' ORDER BY id DESC LIMIT 1`,
    );
    expect(signIn).toEqual({ username: 'auditor', succeeded: true });
    await page.context().close();
  });

  it('refuses, in words, a person the provider knows but Custody does not', async () => {
    const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    await page.goto(base);
    await page.getByRole('link', { name: 'Sign in with Justice SSO' }).click();
    await atTheProvider(page, 'stranger');
    await eventually(async () => expect(await page.getByRole('alert').textContent()).toBe(dictionaries.en['error.SSO_NO_ACCOUNT']));
    const [refused] = await custody.sql<{ username: string; failure: string }>(`SELECT username, failure FROM sign_ins ORDER BY id DESC LIMIT 1`);
    expect(refused).toEqual({ username: 'stranger', failure: 'unknown_user' });
    await page.context().close();
  });
});
