import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * What a browser or a proxy may keep and how it may run what it is given: no cache keeps an
 * authenticated answer (JSON, PDF, PNG, CSV, a token), HSTS only over HTTPS as a trusted proxy
 * reports it, and the screens run only their own scripts and style sheets.
 */
describe('response headers', () => {
  let custody: TestApp;
  let behindProxy: TestApp;

  beforeAll(async () => {
    custody = await startTestApp();
    behindProxy = await startTestApp({ TRUST_PROXY: '127.0.0.1' }, { sameDatabaseAs: custody });
  });
  afterAll(async () => {
    await behindProxy.close();
    await custody.close();
  });

  it('keep no authenticated answer in any cache: JSON, a PDF, a PNG, a CSV, a token', async () => {
    const officer = await custody.token('officer');
    const {
      items: [item],
    } = await given(custody).seizure();
    await (await custody.as('admin')).post('/ledger/checkpoints').expect(201);
    const answers = {
      json: await custody.http().get(`/items/${item.code}`).auth(officer, { type: 'bearer' }).expect(200),
      pdf: await custody.http().get(`/items/${item.code}/custody-report.pdf`).auth(officer, { type: 'bearer' }).expect(200),
      png: await custody.http().get(`/labels/${item.code}.png`).auth(officer, { type: 'bearer' }).expect(200),
      csv: await custody.http().get('/statistics.csv').auth(officer, { type: 'bearer' }).expect(200),
      token: await custody.http().post('/auth/login').send({ username: 'officer', password: 'custody-demo' }).expect(200),
      refused: await custody.http().get(`/items/${item.code}`).expect(401),
    };
    for (const [kind, answer] of Object.entries(answers)) expect([kind, answer.headers['cache-control']]).toEqual([kind, 'no-store']);
    expect(answers.pdf.headers['content-type']).toBe('application/pdf');
    expect(answers.png.headers['content-type']).toBe('image/png');
  });

  it('send HSTS only over HTTPS, and take HTTPS only from a proxy it trusts', async () => {
    const plain = await custody.http().get('/health').expect(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    // anyone can write the header: an instance that trusts no proxy ignores it
    const claimed = await custody.http().get('/health').set('X-Forwarded-Proto', 'https').expect(200);
    expect(claimed.headers['strict-transport-security']).toBeUndefined();
    const proxied = await behindProxy.http().get('/health').set('X-Forwarded-Proto', 'https').expect(200);
    expect(proxied.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect((await behindProxy.http().get('/').set('X-Forwarded-Proto', 'https')).headers['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect((await behindProxy.http().get('/health').set('X-Forwarded-Proto', 'http')).headers['strict-transport-security']).toBeUndefined();
  });

  it('record the address a trusted proxy reports for a sign-in, and the socket’s otherwise', async () => {
    await behindProxy.http().post('/auth/login').set('X-Forwarded-For', '192.0.2.44').send({ username: 'analyst', password: 'custody-demo' }).expect(200);
    await custody.http().post('/auth/login').set('X-Forwarded-For', '198.51.100.7').send({ username: 'analyst2', password: 'custody-demo' }).expect(200);
    const recorded = await custody.sql<{ username: string; source_address: string }>(
      `SELECT username, source_address FROM sign_ins WHERE username IN ('analyst', 'analyst2') ORDER BY id`,
    );
    expect(recorded).toEqual([
      { username: 'analyst', source_address: '192.0.2.44' },
      { username: 'analyst2', source_address: expect.stringMatching(/127\.0\.0\.1$/) },
    ]);
  });

  it('let the screens run only their own scripts and style sheets: no inline style', async () => {
    const page = await custody.http().get('/');
    const policy: string = page.headers['content-security-policy'];
    const directives = Object.fromEntries(policy.split(';').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({ 'default-src': "'self'", 'script-src': "'self'", 'style-src': "'self'", 'font-src': "'self' data:" });
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('https:');
  });
});
