import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);

/**
 * The enrolment as an authenticator app sees it, read by tools nobody on this project wrote: the QR
 * code decoded by zbar (zbarimg) gives the otpauth:// URI, and the codes OATH Toolkit (oathtool,
 * RFC 6238) makes from that URI's secret sign in.
 */
describe('the second factor, read by zbar and OATH Toolkit', () => {
  let custody: TestApp;

  beforeAll(async () => (custody = await startTestApp({ SECOND_FACTOR_ROLES: 'admin,auditor' })));
  afterAll(() => custody.close());

  it('enrols from the QR code as zbar reads it and signs in with oathtool’s codes', async () => {
    const login = (otp?: string) =>
      custody
        .http()
        .post('/auth/login')
        .send({ username: 'admin', password: 'custody-demo', ...(otp ? { otp } : {}) });
    const token = (await login().expect(200)).body.accessToken;
    const begun = (await custody.http().post('/auth/second-factor').auth(token, { type: 'bearer' }).expect(200)).body;

    const folder = mkdtempSync(join(tmpdir(), 'custody-totp-'));
    try {
      const picture = join(folder, 'enrolment.png');
      writeFileSync(picture, Buffer.from(begun.qrCode.replace(/^data:image\/png;base64,/, ''), 'base64'));
      const { stdout } = await run('zbarimg', ['-q', '--nodbus', '--raw', picture]);
      const uri = new URL(stdout.trim());
      expect(uri.protocol).toBe('otpauth:');
      expect(uri.host).toBe('totp');
      expect(decodeURIComponent(uri.pathname)).toBe('/Custody:admin');
      expect(Object.fromEntries(uri.searchParams)).toMatchObject({ issuer: 'Custody', algorithm: 'SHA1', digits: '6', period: '30' });
      const secret = uri.searchParams.get('secret')!;

      const code = async (offsetSeconds: number) =>
        (await run('oathtool', ['--totp', '--base32', '--now', `@${Math.floor(Date.now() / 1000) + offsetSeconds}`, secret])).stdout.trim();
      const confirmed = await custody
        .http()
        .post('/auth/second-factor/confirm')
        .auth(token, { type: 'bearer' })
        .send({ otp: await code(0) })
        .expect(200);
      expect(confirmed.body.recoveryCodes).toHaveLength(10);
      await login().expect(401);
      await login(await code(30)).expect(200);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
