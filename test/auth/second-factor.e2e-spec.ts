import { startTestApp, TestApp } from '../support/test-app';
import { totpCode } from '../support/totp';
import { given } from '../support/given';
import { listRoutes } from '../support/routes';

const password = 'custody-demo';
const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A second factor (TOTP, RFC 6238) asked of administrators and auditors (SECOND_FACTOR_ROLES'
 * default): enrolled at the first sign-in by QR code, asked at every sign-in after it, each code
 * good once, recovery codes good once, asked of a witness who has one, reset by an administrator.
 * The codes are computed by the test's own RFC 6238 (test/support/totp.ts), not by the server's library.
 */
describe('the second factor', () => {
  let custody: TestApp;
  const login = (username: string, otp?: string) =>
    custody
      .http()
      .post('/auth/login')
      .send({ username, password, ...(otp === undefined ? {} : { otp }) });
  const as = (token: string) => ({
    get: (path: string) => custody.http().get(path).auth(token, { type: 'bearer' }),
    post: (path: string, body: object = {}) => custody.http().post(path).auth(token, { type: 'bearer' }).send(body),
  });

  /** Enrols a user (signed in with their password) and answers their secret, recovery codes and a token that carries the factor. */
  const enrol = async (username: string) => {
    const signedIn = as((await login(username).expect(200)).body.accessToken);
    const begun = (await signedIn.post('/auth/second-factor').expect(200)).body;
    const confirmed = (await signedIn.post('/auth/second-factor/confirm', { otp: totpCode(begun.secret) }).expect(200)).body;
    return { secret: begun.secret as string, recoveryCodes: confirmed.recoveryCodes as string[], token: confirmed.accessToken as string };
  };

  beforeAll(async () => (custody = await startTestApp({ SECOND_FACTOR_ROLES: 'admin,auditor' })));
  afterAll(() => custody.close());

  it('opens nothing but enrolment to an administrator without one, then enrols an authenticator app by QR code', async () => {
    const admin = as((await login('admin').expect(200)).body.accessToken);
    const refused = await admin.get('/users').expect(403);
    expect(refused.body).toMatchObject({ code: 'SECOND_FACTOR_ENROLMENT_REQUIRED' });
    expect((await admin.get('/auth/me').expect(200)).body).toMatchObject({
      username: 'admin',
      secondFactor: { enrolled: false, required: true, given: false },
    });

    const begun = (await admin.post('/auth/second-factor').expect(200)).body;
    expect(begun).toEqual({
      secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
      uri: `otpauth://totp/Custody:admin?secret=${begun.secret}&period=30&digits=6&algorithm=SHA1&issuer=Custody`,
      qrCode: expect.stringMatching(/^data:image\/png;base64,/),
    });
    const wrong = await admin.post('/auth/second-factor/confirm', { otp: totpCode(begun.secret, Date.now() - 10 * 60_000) }).expect(400);
    expect(wrong.body.fields).toEqual([{ field: 'otp', problem: expect.stringContaining('not the current code') }]);
    const confirmed = (await admin.post('/auth/second-factor/confirm', { otp: totpCode(begun.secret) }).expect(200)).body;
    expect(confirmed.recoveryCodes).toHaveLength(10);
    for (const code of confirmed.recoveryCodes) expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{6}$/);
    await as(confirmed.accessToken).get('/users').expect(200);
    expect((await as(confirmed.accessToken).get('/auth/me').expect(200)).body.secondFactor).toEqual({ enrolled: true, required: true, given: true });
    // enrolled once: a second enrolment is refused, the secret is not given again
    expect((await as(confirmed.accessToken).post('/auth/second-factor').expect(409)).body.code).toBe('CONFLICT');
    // the secret is kept out of every answer about the user
    expect(JSON.stringify((await as(confirmed.accessToken).get('/users?pageSize=100').expect(200)).body)).not.toContain(begun.secret);
  });

  it('keeps every route but its own account’s closed to an auditor who has not given one, and a refresh does not give it', async () => {
    const token = (await login('auditor').expect(200)).body.accessToken;
    // reachable without a token, or about one's own account and session: the rest answers 403 before its handler runs
    const open = new Set([
      'GET /health',
      'POST /auth/login',
      'GET /auth/options',
      'GET /auth/oidc',
      'GET /auth/oidc/callback',
      'POST /auth/oidc/exchange',
      'GET /ledger/checkpoint',
      'GET /ledger/tile/:path',
      'GET /auth/me',
      'PATCH /auth/me',
      'POST /auth/refresh',
      'POST /auth/logout',
      'POST /auth/second-factor',
      'POST /auth/second-factor/confirm',
    ]);
    const closed: string[] = [];
    const guarded = listRoutes(custody.app).filter((each) => !open.has(each));
    expect(guarded.length).toBeGreaterThan(60);
    for (const route of guarded) {
      const [method, path] = route.split(' ');
      const answer = await custody
        .http()
        [method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path.replace(/:\w+/g, 'x'))
        .auth(token, { type: 'bearer' })
        .send({});
      if (answer.status !== 403 || answer.body.code !== 'SECOND_FACTOR_ENROLMENT_REQUIRED') closed.push(`${route}: ${answer.status}`);
    }
    expect(closed).toEqual([]);
    const refreshed = (await as(token).post('/auth/refresh').expect(200)).body.accessToken;
    expect((await as(refreshed).get('/ledger/verify').expect(403)).body.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
  });

  it('asks the code at every sign-in, takes each code once, and each recovery code once', async () => {
    const { secret, recoveryCodes } = await enrol('auditor');
    const missing = await login('auditor').expect(401);
    expect(missing.body).toMatchObject({ code: 'SECOND_FACTOR_REQUIRED', fields: [{ field: 'otp', problem: expect.stringContaining('is required') }] });
    // a wrong password is told as before: the code is asked only once the password holds
    expect((await custody.http().post('/auth/login').send({ username: 'auditor', password: 'wrong' }).expect(401)).body.code).toBe('INVALID_CREDENTIALS');
    // the code that confirmed the enrolment was used: the next step's code (one step of drift is allowed) signs in, once
    const next = totpCode(secret, Date.now() + 30_000);
    const signedIn = (await login('auditor', next).expect(200)).body;
    await as(signedIn.accessToken).get('/ledger/verify').expect(200);
    expect((await login('auditor', next).expect(401)).body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'wrong or used one-time code' });
    await login('auditor', recoveryCodes[0].toLowerCase()).expect(200);
    await login('auditor', recoveryCodes[0]).expect(401);
    await login('auditor', recoveryCodes[1].replace('-', '')).expect(200);
    const kept = await custody.sql<{ failure: string | null }>(`SELECT failure FROM sign_ins WHERE username = 'auditor' ORDER BY id DESC LIMIT 4`);
    expect(kept.map((row) => row.failure)).toEqual([null, 'wrong_otp', null, 'wrong_otp']);
  });

  it('asks the current code of a witness who has one, refused like any other failure without it', async () => {
    const { secret, recoveryCodes } = await enrol('officer2');
    const officer = await custody.as('officer');
    const {
      items: [cash, more],
    } = await given(custody).seizure({ category: 'cash', items: 2 });
    const checkout = { person: 'Expert Janssens', purpose: 'Comptage', expectedReturn: later(1) };
    const without = await officer.post(`/items/${cash.code}/checkouts`, { ...checkout, witness: { username: 'officer2', password } });
    expect(without.status).toBe(403);
    expect(without.body.code).toBe('WITNESS_REJECTED');
    await officer
      .post(`/items/${cash.code}/checkouts`, { ...checkout, witness: { username: 'officer2', password, otp: totpCode(secret, Date.now() + 30_000) } })
      .expect(201);
    // a recovery code is for one's own sign-in, not a witness's; a wrong code with the right password is someone guessing the second factor
    await officer.post(`/items/${more.code}/checkouts`, { ...checkout, witness: { username: 'officer2', password, otp: recoveryCodes[0] } }).expect(403);
    for (let attempt = 0; attempt < 4; attempt += 1)
      await officer.post(`/items/${more.code}/checkouts`, { ...checkout, witness: { username: 'officer2', password, otp: '000000' } }).expect(403);
    const [row] = await custody.sql<{ locked_until: Date | null }>(`SELECT locked_until FROM users WHERE username = 'officer2'`);
    expect(row.locked_until).not.toBeNull();
    await custody.sql(`UPDATE users SET locked_until = NULL, failed_login_count = 0 WHERE username = 'officer2'`);
  });

  it('ends the sessions signed in without it when it is enrolled', async () => {
    const elsewhere = (await login('analyst2').expect(200)).body.accessToken;
    await as(elsewhere).get('/sites').expect(200);
    const { token } = await enrol('analyst2');
    await as(elsewhere).get('/sites').expect(401);
    await as(token).get('/sites').expect(200);
  });

  it('signs out every token of the user', async () => {
    const first = (await custody.http().post('/auth/login').send({ username: 'clerk', password }).expect(200)).body.accessToken;
    const second = (await custody.http().post('/auth/login').send({ username: 'clerk', password }).expect(200)).body.accessToken;
    await custody.http().post('/auth/logout').auth(first, { type: 'bearer' }).expect(204);
    await as(first).get('/sites').expect(401);
    await as(second).get('/sites').expect(401);
    await custody.http().post('/auth/login').send({ username: 'clerk', password }).expect(200);
  });

  it('lets one of several sign-ins racing with the same code through, never two', async () => {
    const { secret } = await enrol('confiscation2');
    const code = totpCode(secret, Date.now() + 30_000);
    const answers = await Promise.all(Array.from({ length: 6 }, () => login('confiscation2', code)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401, 401, 401, 401]);
  });

  it('is reset by an administrator for a lost phone: the user’s tokens end and they enrol again', async () => {
    const { token } = await enrol('clerk2');
    await as(token).get('/sites').expect(200);
    const [{ id }] = await custody.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'clerk2'`);
    const [{ totp_secret: adminSecret }] = await custody.sql<{ totp_secret: string }>(`SELECT totp_secret FROM users WHERE username = 'admin'`);
    const admin = (await login('admin', totpCode(adminSecret, Date.now() + 30_000)).expect(200)).body.accessToken;
    const listed = (await custody.http().get(`/users/${id}`).auth(admin, { type: 'bearer' }).expect(200)).body;
    expect(listed.secondFactorEnrolled).toBe(true);
    const reset = await custody.http().patch(`/users/${id}`).auth(admin, { type: 'bearer' }).send({ resetSecondFactor: true }).expect(200);
    expect(reset.body.secondFactorEnrolled).toBe(false);
    await as(token).get('/sites').expect(401);
    // the password alone signs in again, and the user enrols anew
    const again = as((await login('clerk2').expect(200)).body.accessToken);
    expect((await again.get('/auth/me').expect(200)).body.secondFactor).toEqual({ enrolled: false, required: false, given: false });
    await again.post('/auth/second-factor').expect(200);
  });
});
