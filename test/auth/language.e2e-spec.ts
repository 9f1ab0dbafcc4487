import { startTestApp, TestApp } from '../support/test-app';

describe('each user’s language', () => {
  let custody: TestApp;
  beforeAll(async () => (custody = await startTestApp()));
  afterAll(() => custody.close());

  it('comes with the sign-in: the demo officer works in French, the clerk in Dutch, the auditor in English', async () => {
    const languageOf = async (username: string) =>
      (await custody.http().post('/auth/login').send({ username, password: 'custody-demo' }).expect(200)).body.user.language;
    expect(await Promise.all(['officer', 'clerk', 'auditor'].map(languageOf))).toEqual(['fr', 'nl', 'en']);
  });

  it('is each user’s own choice, kept for their next sign-in, and refused when not one of ours', async () => {
    const analyst = await custody.as('analyst2');
    expect((await analyst.get('/auth/me').expect(200)).body.language).toBe('en');
    const token = await custody.token('analyst2');
    const changed = await custody.http().patch('/auth/me').auth(token, { type: 'bearer' }).send({ language: 'nl' }).expect(200);
    expect(changed.body).toMatchObject({ username: 'analyst2', language: 'nl' });
    expect((await analyst.get('/auth/me').expect(200)).body.language).toBe('nl');

    for (const [body, problem] of [
      [{ language: 'de' }, 'must be one of en, fr, nl'],
      [{ language: null }, expect.any(String)],
      [{}, 'must be one of en, fr, nl'],
      [{ language: 'fr', displayName: 'Someone else' }, 'is not a known field'],
    ] as const) {
      const refused = await custody.http().patch('/auth/me').auth(token, { type: 'bearer' }).send(body).expect(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: expect.arrayContaining([{ field: expect.any(String), problem }]) });
    }
    const [row] = await custody.sql<{ language: string; display_name: string }>(`SELECT language, display_name FROM users WHERE username = 'analyst2'`);
    expect(row).toEqual({ language: 'nl', display_name: 'Arne Analyst' });
    await custody.http().patch('/auth/me').send({ language: 'fr' }).expect(401);
  });

  it('is set by administrators for new users, and shown in the user list', async () => {
    const admin = await custody.as('admin');
    const created = await admin
      .post('/users', { username: 'jdupont', displayName: 'Jeanne Dupont', password: 'a-long-password-1', roles: [], language: 'fr' })
      .expect(201);
    expect(created.body.language).toBe('fr');
    const defaulted = await admin.post('/users', { username: 'pjanssens', displayName: 'Piet Janssens', password: 'a-long-password-1', roles: [] }).expect(201);
    expect(defaulted.body.language).toBe('en');
    const refused = await admin.post('/users', { username: 'xx', displayName: 'X', password: 'a-long-password-1', roles: [], language: 'EN' }).expect(400);
    expect(refused.body.fields).toEqual([{ field: 'language', problem: 'must be one of en, fr, nl' }]);
  });
});
