import { freePort } from '../../src/database/embedded-database';
import { startIdentityProvider, TestIdentityProvider } from '../support/test-identity-provider';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Single sign-on's refusals, against a real OpenID provider on 127.0.0.1 (the whole sign-in, in
 * the browser, is test/web/single-sign-on.browser-spec.ts): a return without the cookie that
 * started it, a one-time code used twice or made up, passwords turned off.
 */
describe('single sign-on', () => {
  let custody: TestApp;
  let provider: TestIdentityProvider;
  let environment: Record<string, string>;

  beforeAll(async () => {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/auth/oidc/callback`;
    provider = await startIdentityProvider(redirectUri);
    environment = {
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URI: redirectUri,
      OIDC_NAME: 'Justice SSO',
    };
    custody = await startTestApp(environment);
  });
  afterAll(async () => {
    await custody?.close();
    await provider?.close();
  });

  it('sends the browser to the provider with a state, a nonce and a PKCE challenge, remembered in a signed HttpOnly cookie', async () => {
    expect((await custody.http().get('/auth/options').expect(200)).body).toEqual({ localPasswords: true, singleSignOn: 'Justice SSO' });
    const started = await custody.http().get('/auth/oidc').expect(302);
    const target = new URL(started.headers.location);
    expect(`${target.origin}`).toBe(provider.issuer);
    expect(Object.fromEntries(target.searchParams)).toMatchObject({
      client_id: 'custody',
      response_type: 'code',
      scope: 'openid profile email',
      code_challenge_method: 'S256',
      state: expect.stringMatching(/^[\w-]{20,}$/),
      nonce: expect.stringMatching(/^[\w-]{20,}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(started.headers['set-cookie'][0]).toMatch(/^custody_oidc=[\w-]+\.[\w-]+; Path=\/auth\/oidc; Max-Age=600; HttpOnly; SameSite=Lax$/);
  });

  it('refuses a return that did not start here, or whose cookie was tampered with', async () => {
    const bare = await custody.http().get('/auth/oidc/callback?code=abc&state=xyz').expect(302);
    expect(bare.headers.location).toBe('/#/sso-refused/UNAUTHENTICATED');
    const started = await custody.http().get('/auth/oidc').expect(302);
    const cookie = (started.headers['set-cookie'][0] as string).split(';')[0];
    const tampered = cookie.replace(/\.[\w-]+$/, '.forged');
    const answer = await custody.http().get('/auth/oidc/callback?code=abc&state=xyz').set('Cookie', tampered).expect(302);
    expect(answer.headers.location).toBe('/#/sso-refused/UNAUTHENTICATED');
    // the right cookie with the wrong state: the provider's answer is not checked as this sign-in's
    const wrongState = await custody.http().get('/auth/oidc/callback?code=abc&state=xyz').set('Cookie', cookie).expect(302);
    expect(wrongState.headers.location).toBe('/#/sso-refused/UNAUTHENTICATED');
  });

  it('trades a one-time code once, within a minute, and never a made-up one', async () => {
    const [{ id }] = await custody.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'clerk'`);
    const code = 'c'.repeat(43);
    const { createHash } = await import('node:crypto');
    await custody.sql('INSERT INTO sign_in_handoffs (code_hash, user_id) VALUES ($1, $2)', [createHash('sha256').update(code).digest('hex'), id]);
    const traded = await custody.http().post('/auth/oidc/exchange').send({ code }).expect(200);
    expect(traded.body.user.username).toBe('clerk');
    expect((await custody.http().post('/auth/oidc/exchange').send({ code }).expect(401)).body.message).toContain('used already or is too old');
    const old = 'o'.repeat(43);
    await custody.sql(`INSERT INTO sign_in_handoffs (code_hash, user_id, created_at) VALUES ($1, $2, now() - interval '2 minutes')`, [
      createHash('sha256').update(old).digest('hex'),
      id,
    ]);
    await custody.http().post('/auth/oidc/exchange').send({ code: old }).expect(401);
    expect((await custody.http().post('/auth/oidc/exchange').send({ code: 'short' }).expect(400)).body.fields).toEqual([
      { field: 'code', problem: 'must be the code of a sign-in link' },
    ]);
    // two browsers racing with one code: one token
    const raced = 'r'.repeat(43);
    await custody.sql('INSERT INTO sign_in_handoffs (code_hash, user_id) VALUES ($1, $2)', [createHash('sha256').update(raced).digest('hex'), id]);
    const answers = await Promise.all(Array.from({ length: 5 }, () => custody.http().post('/auth/oidc/exchange').send({ code: raced })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401, 401, 401]);
  });

  it('turns passwords off when told, leaving single sign-on', async () => {
    const closed = await startTestApp({ ...environment, LOCAL_PASSWORDS: 'false' }, { sameDatabaseAs: custody });
    try {
      expect((await closed.http().get('/auth/options').expect(200)).body).toEqual({ localPasswords: false, singleSignOn: 'Justice SSO' });
      const refused = await closed.http().post('/auth/login').send({ username: 'officer', password: 'custody-demo' }).expect(403);
      expect(refused.body.message).toBe('passwords are not used here: sign in through the identity provider');
      await closed.http().get('/auth/oidc').expect(302);
    } finally {
      await closed.close();
    }
  });
});
