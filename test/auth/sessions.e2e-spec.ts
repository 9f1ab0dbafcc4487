import { JwtService } from '@nestjs/jwt';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A session ends when it should: a password change, a role change or disabling the account ends
 * every token at once, re-enabling revives none, and no refresh keeps a session open longer than
 * SESSION_MAX_HOURS after its sign-in. Tokens are never kept by the idempotency layer.
 */
describe('sessions', () => {
  let custody: TestApp;
  const signIn = async (username: string) =>
    (await custody.http().post('/auth/login').send({ username, password: 'custody-demo' }).expect(200)).body as { accessToken: string; expiresIn: number };
  const userId = async (username: string) => (await custody.sql<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]))[0].id;
  const me = (token: string) => custody.http().get('/auth/me').auth(token, { type: 'bearer' });
  /** A token as this installation signs them, of a session that began `hoursAgo` hours ago and is not yet expired. */
  const tokenOfSessionBegun = async (username: string, hoursAgo: number) => {
    const { accessToken } = await signIn(username);
    const jwt = custody.app.get(JwtService);
    const payload = jwt.decode<Record<string, unknown>>(accessToken);
    const { exp: _exp, iat: _iat, ...claims } = payload;
    return jwt.signAsync({ ...claims, auth_time: Math.floor(Date.now() / 1000) - hoursAgo * 3600 }, { expiresIn: 900 });
  };

  beforeAll(async () => (custody = await startTestApp({ SESSION_MAX_HOURS: '12' })));
  afterAll(() => custody.close());

  it('ends every token when the password changes', async () => {
    const { accessToken } = await signIn('analyst2');
    await me(accessToken).expect(200);
    await custody
      .http()
      .patch(`/users/${await userId('analyst2')}`)
      .auth(await custody.token('admin'), { type: 'bearer' })
      .send({ password: 'a-new-password-for-analyst2' })
      .expect(200);
    await me(accessToken).expect(401);
    await custody.http().post('/auth/login').send({ username: 'analyst2', password: 'a-new-password-for-analyst2' }).expect(200);
  });

  it('revives no token when a disabled account is enabled again', async () => {
    const { accessToken } = await signIn('confiscation2');
    const admin = await custody.token('admin');
    const id = await userId('confiscation2');
    await custody.http().patch(`/users/${id}`).auth(admin, { type: 'bearer' }).send({ disabled: true }).expect(200);
    await me(accessToken).expect(401);
    await custody.http().patch(`/users/${id}`).auth(admin, { type: 'bearer' }).send({ disabled: false }).expect(200);
    await me(accessToken).expect(401);
    await custody.http().post('/auth/refresh').auth(accessToken, { type: 'bearer' }).expect(401);
    await me((await signIn('confiscation2')).accessToken).expect(200);
  });

  it('keeps the sign-in time through refreshes, and ends the session SESSION_MAX_HOURS after it', async () => {
    const young = await tokenOfSessionBegun('officer2', 11.5);
    const refreshed = await custody.http().post('/auth/refresh').auth(young, { type: 'bearer' }).expect(200);
    // half an hour of session is left: the new token ends with it, not 15 minutes after each refresh for ever
    expect(refreshed.body.expiresIn).toBeLessThanOrEqual(900);
    const payload = custody.app.get(JwtService).decode<{ auth_time: number; exp: number }>(refreshed.body.accessToken);
    expect(payload.auth_time).toBe(custody.app.get(JwtService).decode<{ auth_time: number }>(young).auth_time);
    expect(payload.exp).toBeLessThanOrEqual(payload.auth_time + 12 * 3600);

    const old = await tokenOfSessionBegun('officer2', 12.1);
    const refused = await custody.http().post('/auth/refresh').auth(old, { type: 'bearer' }).expect(401);
    expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'this session began more than 12 hours ago: sign in again' });
    await me(old).expect(401);
    await custody.http().get('/sites').auth(old, { type: 'bearer' }).expect(401);
  });

  it('gives a session its last minutes only: a refresh near the end expires with the session', async () => {
    const nearlyOver = await tokenOfSessionBegun('officer2', 12 - 1 / 60);
    const refreshed = await custody.http().post('/auth/refresh').auth(nearlyOver, { type: 'bearer' }).expect(200);
    expect(refreshed.body.expiresIn).toBeGreaterThan(0);
    expect(refreshed.body.expiresIn).toBeLessThanOrEqual(60);
  });

  it('never stores a token in the idempotency layer: a refresh or sign-in with an Idempotency-Key gives a new token, and nothing is kept', async () => {
    const { accessToken } = await signIn('officer2');
    const key = 'refresh-0001';
    const first = await custody.http().post('/auth/refresh').auth(accessToken, { type: 'bearer' }).set('Idempotency-Key', key).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await custody.http().post('/auth/refresh').auth(accessToken, { type: 'bearer' }).set('Idempotency-Key', key).expect(200);
    expect(second.body.accessToken).not.toBe(first.body.accessToken);
    await custody.http().post('/auth/login').set('Idempotency-Key', 'login-0001').send({ username: 'officer2', password: 'custody-demo' }).expect(200);
    const kept = await custody.sql<{ key: string }>(`SELECT key FROM idempotency_keys WHERE key IN ('refresh-0001', 'login-0001')`);
    expect(kept).toEqual([]);
  });
});
