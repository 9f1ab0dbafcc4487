import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';

describe('the web application served at /', () => {
  const folder = mkdtempSync(join(tmpdir(), 'custody-web-'));
  let custody: TestApp;
  beforeAll(async () => {
    mkdirSync(join(folder, 'assets'));
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Custody</title><script type="module" src="/assets/index-abc123.js"></script>');
    writeFileSync(join(folder, 'assets', 'index-abc123.js'), 'console.log("screens")');
    custody = await startTestApp({ WEB_DIRECTORY: folder });
  });
  afterAll(async () => {
    await custody.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves index.html at / , never cached, under a policy that admits only its own scripts and blob: images', async () => {
    const page = await custody.http().get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('/assets/index-abc123.js');
    expect(page.headers['cache-control']).toBe('no-cache');
    const policy = page.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("img-src 'self' data: blob:");
    expect(policy).not.toContain('upgrade-insecure-requests');
  });

  it('serves the hashed assets for a year, and leaves the API and its errors as they were', async () => {
    const asset = await custody.http().get('/assets/index-abc123.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await custody.http().get('/health').expect(200);
    const missing = await custody.http().get('/assets/nothing.js').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    await (await custody.as('officer')).get('/sites').expect(200);
  });

  it('starts without screens when none are built, the API alone', async () => {
    const bare = await startTestApp({ WEB_DIRECTORY: join(folder, 'not-built') });
    try {
      expect((await bare.http().get('/').expect(404)).body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
      await bare.http().get('/health').expect(200);
    } finally {
      await bare.close();
    }
  });
});
