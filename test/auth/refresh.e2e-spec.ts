import { startTestApp, TestApp } from '../support/test-app';

describe('POST /auth/refresh: a desk in use stays signed in, an idle one does not', () => {
  let custody: TestApp;
  const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
  beforeAll(async () => (custody = await startTestApp({ JWT_TTL_SECONDS: '4' })));
  afterAll(() => custody.close());

  it('gives a fresh token before the old one expires, and none once it has', async () => {
    const signIn = await custody.http().post('/auth/login').send({ username: 'officer2', password: 'custody-demo' }).expect(200);
    await pause(2100);
    const refreshed = await custody.http().post('/auth/refresh').auth(signIn.body.accessToken, { type: 'bearer' }).expect(200);
    expect(refreshed.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 4, user: { username: 'officer2', language: 'en' } });
    expect(refreshed.body.accessToken).not.toBe(signIn.body.accessToken);
    await pause(2100);
    await custody.http().get('/auth/me').auth(signIn.body.accessToken, { type: 'bearer' }).expect(401);
    await custody.http().get('/auth/me').auth(refreshed.body.accessToken, { type: 'bearer' }).expect(200);
    await pause(4100);
    const late = await custody.http().post('/auth/refresh').auth(refreshed.body.accessToken, { type: 'bearer' }).expect(401);
    expect(late.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a refresh without a token, and for a user disabled since signing in', async () => {
    await custody.http().post('/auth/refresh').expect(401);
    const signIn = await custody.http().post('/auth/login').send({ username: 'analyst2', password: 'custody-demo' }).expect(200);
    await custody.sql(`UPDATE users SET disabled = true WHERE username = 'analyst2'`);
    await custody.http().post('/auth/refresh').auth(signIn.body.accessToken, { type: 'bearer' }).expect(401);
  });
});
