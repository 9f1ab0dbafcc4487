import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const checkout = { person: 'Expert-comptable Janssens', purpose: 'Comptage', expectedReturn: later(1) };

/**
 * The witness field of a high-risk step takes a second person's password inside the first
 * person's request: it must not tell an attacker anything a sign-in would not, nor let them guess
 * faster than at the sign-in, nor let an insider lock a colleague out.
 */
describe('the witness sign-in', () => {
  let custody: TestApp;

  beforeAll(async () => {
    custody = await startTestApp();
  });
  afterAll(() => custody.close());

  /** A check-out of cash, which needs a witness at POL-BRU, attempted with this witness: the answer's status and body. */
  const witnessed = async (username: string, password: string) => {
    const officer = await custody.as('officer');
    const {
      items: [cash],
    } = await given(custody).seizure({ category: 'cash' });
    const answer = await officer.post(`/items/${cash.code}/checkouts`, { ...checkout, witness: { username, password } });
    return { status: answer.status, code: answer.body.code, message: answer.body.message, fields: answer.body.fields };
  };

  it('answers every failure alike: a wrong password, a right one of someone with no role at the site, an unknown name, a locked or disabled account', async () => {
    const refusals = {
      wrongPassword: await witnessed('officer2', 'not-the-password'),
      otherSite: await witnessed('clerk', 'custody-demo'),
      administrator: await witnessed('admin', 'custody-demo'),
      unknown: await witnessed('nobody-here', 'custody-demo'),
      locked: await (async () => {
        await custody.sql(`UPDATE users SET locked_until = now() + interval '1 hour' WHERE username = 'officer2'`);
        try {
          return await witnessed('officer2', 'custody-demo');
        } finally {
          await custody.sql(`UPDATE users SET locked_until = NULL, failed_login_count = 0 WHERE username = 'officer2'`);
        }
      })(),
      disabled: await (async () => {
        await custody.sql(`UPDATE users SET disabled = true WHERE username = 'officer2'`);
        try {
          return await witnessed('officer2', 'custody-demo');
        } finally {
          await custody.sql(`UPDATE users SET disabled = false WHERE username = 'officer2'`);
        }
      })(),
    };
    const expected = {
      status: 403,
      code: 'WITNESS_REJECTED',
      message: 'the witness could not be confirmed: wrong username, password or one-time code, or not a person of POL-BRU',
      fields: [{ field: 'witness', problem: 'wrong username, password or one-time code, or not a person of POL-BRU' }],
    };
    for (const refusal of Object.values(refusals)) expect(refusal).toEqual(expected);
    // the auditors still see what each one was
    const kept = await custody.sql<{ username: string; failure: string }>(
      `SELECT username, failure FROM sign_ins WHERE purpose = 'witness' AND NOT succeeded ORDER BY id`,
    );
    expect(kept).toEqual([
      { username: 'officer2', failure: 'wrong_password' },
      { username: 'clerk', failure: 'no_role_at_site' },
      { username: 'admin', failure: 'no_role_at_site' },
      { username: 'nobody-here', failure: 'unknown_user' },
      { username: 'officer2', failure: 'locked' },
      { username: 'officer2', failure: 'disabled' },
    ]);
    expect((await witnessed('officer2', 'custody-demo')).status).toBe(201);
  });

  it('does not count towards the witness’s lockout: an insider cannot lock out the colleague who witnesses', async () => {
    for (let attempt = 0; attempt < 7; attempt += 1) expect((await witnessed('officer2', `guess-${attempt}`)).status).toBe(403);
    const [officer2] = await custody.sql<{ failed_login_count: number; locked_until: Date | null }>(
      `SELECT failed_login_count, locked_until FROM users WHERE username = 'officer2'`,
    );
    expect(officer2).toEqual({ failed_login_count: 0, locked_until: null });
    await custody.http().post('/auth/login').send({ username: 'officer2', password: 'custody-demo' }).expect(200);
    expect((await witnessed('officer2', 'custody-demo')).status).toBe(201);
  });
});

describe('witness attempts', () => {
  let custody: TestApp;

  beforeAll(async () => {
    custody = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '20' });
  });
  afterAll(() => custody.close());

  it('are limited like sign-ins: the 21st in a minute from one address is refused with 429, its password not even checked', async () => {
    const officer = await custody.as('officer');
    const {
      items: [cash],
    } = await given(custody).seizure({ category: 'cash' });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 21; attempt += 1) {
      const answer = await officer.post(`/items/${cash.code}/checkouts`, { ...checkout, witness: { username: 'officer2', password: `guess-${attempt}` } });
      statuses.push(answer.status);
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(403));
    expect(statuses[20]).toBe(429);
    // even the right password waits out the minute: the limit is per address and per witness account
    const refused = await officer
      .post(`/items/${cash.code}/checkouts`, { ...checkout, witness: { username: 'officer2', password: 'custody-demo' } })
      .expect(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/^too many password attempts: try again in \d+ s$/) });
    const [{ attempts }] = await custody.sql<{ attempts: number }>(`SELECT count(*)::int AS attempts FROM sign_ins WHERE purpose = 'witness'`);
    expect(attempts).toBe(20);
  });
});
