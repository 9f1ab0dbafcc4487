import { startTestApp, TestApp } from '../support/test-app';

describe('signing in', () => {
  let custody: TestApp;
  beforeAll(async () => (custody = await startTestApp()));
  afterAll(() => custody.close());

  it('gives a demo officer a token and their roles', async () => {
    const response = await custody.http().post('/auth/login').send({ username: 'officer', password: 'custody-demo' }).expect(200);
    expect(response.body).toMatchObject({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { username: 'officer', roles: [{ role: 'evidence_officer', siteCode: 'POL-BRU' }] },
    });
    const me = await custody.http().get('/auth/me').auth(response.body.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body.username).toBe('officer');
  });

  it('accepts the username in any case and with spaces around it', async () => {
    await custody.http().post('/auth/login').send({ username: ' Clerk ', password: 'custody-demo' }).expect(200);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const wrongPassword = await custody.http().post('/auth/login').send({ username: 'clerk2', password: 'not-it' }).expect(401);
    const unknownUser = await custody.http().post('/auth/login').send({ username: 'nobody', password: 'not-it' }).expect(401);
    expect(wrongPassword.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'wrong username or password' });
    expect(unknownUser.body).toEqual(wrongPassword.body);
  });

  it('names the missing or wrong fields of a sign-in', async () => {
    const missing = await custody.http().post('/auth/login').send({ password: 'x' }).expect(400);
    expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'username', problem: 'must be a string' }] });
    const wrongType = await custody.http().post('/auth/login').send({ username: 'officer', password: 42, extra: true }).expect(400);
    expect(wrongType.body.fields).toEqual(
      expect.arrayContaining([
        { field: 'password', problem: 'must be a string' },
        { field: 'extra', problem: 'is not a known field' },
      ]),
    );
    const notAnObject = await custody.http().post('/auth/login').set('content-type', 'application/json').send('["officer"]').expect(400);
    expect(notAnObject.body.fields).toEqual([{ field: 'body', problem: 'must be a JSON object' }]);
  });

  it('locks an account for 15 minutes after five wrong passwords, even for the right one', async () => {
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await custody
        .http()
        .post('/auth/login')
        .send({ username: 'analyst', password: `wrong-${attempt}` });
      expect(response.body.code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await custody.http().post('/auth/login').send({ username: 'analyst', password: 'wrong-5' }).expect(401);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    const right = await custody.http().post('/auth/login').send({ username: 'analyst', password: 'custody-demo' }).expect(401);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
    const [{ minutes }] = await custody.sql<{ minutes: number }>(
      `SELECT round(extract(epoch FROM locked_until - now()) / 60) AS minutes FROM users WHERE username = 'analyst'`,
    );
    expect(Number(minutes)).toBe(15);

    await custody.sql(`UPDATE users SET locked_until = now() - interval '1 second' WHERE username = 'analyst'`);
    await custody.http().post('/auth/login').send({ username: 'analyst', password: 'custody-demo' }).expect(200);
    const [user] = await custody.sql(`SELECT failed_login_count, locked_until FROM users WHERE username = 'analyst'`);
    expect(user).toEqual({ failed_login_count: 0, locked_until: null });
  });

  it('counts concurrent wrong passwords without losing any', async () => {
    await Promise.all(
      Array.from({ length: 5 }, (_, attempt) =>
        custody
          .http()
          .post('/auth/login')
          .send({ username: 'confiscation', password: `wrong-${attempt}` }),
      ),
    );
    const [user] = await custody.sql<{ failed_login_count: number; locked: boolean }>(
      `SELECT failed_login_count, locked_until > now() AS locked FROM users WHERE username = 'confiscation'`,
    );
    expect(user).toEqual({ failed_login_count: 5, locked: true });
  });

  it('records every attempt with its source address, readable by auditors', async () => {
    await custody.http().post('/auth/login').set('user-agent', 'scanner-desk-3').send({ username: 'officer2', password: 'bad-password' });
    const rows = await custody.sql(`SELECT username, succeeded, failure, source_address, user_agent FROM sign_ins WHERE username = 'officer2'`);
    expect(rows).toEqual([
      {
        username: 'officer2',
        succeeded: false,
        failure: 'wrong_password',
        source_address: expect.stringMatching(/127\.0\.0\.1/),
        user_agent: 'scanner-desk-3',
      },
    ]);
    const list = await custody
      .http()
      .get('/auth/sign-ins?pageSize=100')
      .auth(await custody.token('auditor'), { type: 'bearer' })
      .expect(200);
    expect(list.body.data).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'officer2', succeeded: false, failure: 'wrong_password' })]));
    expect(list.body.total).toBeGreaterThan(5);
    await custody
      .http()
      .get('/auth/sign-ins')
      .auth(await custody.token('officer'), { type: 'bearer' })
      .expect(403);
  });

  it('refuses requests without a token, with a forged one, or with garbage', async () => {
    const none = await custody.http().get('/sites').expect(401);
    expect(none.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    const token = await custody.token('officer');
    const [header, payload] = token.split('.');
    await custody.http().get('/sites').auth(`${header}.${payload}.forged-signature`, { type: 'bearer' }).expect(401);
    await custody.http().get('/sites').auth('garbage', { type: 'bearer' }).expect(401);
  });

  it('stops a disabled user at the next request, not at token expiry', async () => {
    const clerkToken = await custody.token('clerk2');
    await custody.http().get('/sites').auth(clerkToken, { type: 'bearer' }).expect(200);
    const admin = await custody.token('admin');
    const [{ id }] = await custody.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'clerk2'`);
    await custody.http().patch(`/users/${id}`).auth(admin, { type: 'bearer' }).send({ disabled: true }).expect(200);
    await custody.http().get('/sites').auth(clerkToken, { type: 'bearer' }).expect(401);
    const again = await custody.http().post('/auth/login').send({ username: 'clerk2', password: 'custody-demo' }).expect(401);
    expect(again.body.code).toBe('ACCOUNT_DISABLED');
  });

  it('takes a removed role away at the next request: the token that carried it ends, a new sign-in has the new roles', async () => {
    const officerToken = await custody.token('officer2');
    await custody.http().get('/sites/POL-BRU').auth(officerToken, { type: 'bearer' }).expect(200);
    const [{ id }] = await custody.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'officer2'`);
    await custody
      .http()
      .put(`/users/${id}/roles`)
      .auth(await custody.token('admin'), { type: 'bearer' })
      .send({ roles: [{ role: 'evidence_officer', site: 'TPI-BRU' }] })
      .expect(200);
    const ended = await custody.http().get('/sites/POL-BRU').auth(officerToken, { type: 'bearer' }).expect(401);
    expect(ended.body).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringContaining('sign in again') });
    // the scan desk folds this check into its own statement: the old token ends there too
    await custody.http().get('/scan/I0000000019').auth(officerToken, { type: 'bearer' }).expect(401);
    const again = (await custody.http().post('/auth/login').send({ username: 'officer2', password: 'custody-demo' }).expect(200)).body.accessToken;
    await custody.http().get('/sites/POL-BRU').auth(again, { type: 'bearer' }).expect(404);
    await custody.http().get('/sites/TPI-BRU').auth(again, { type: 'bearer' }).expect(200);
  });
});
