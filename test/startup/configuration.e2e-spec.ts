import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/database/embedded-database';
import { runServer } from '../support/server-process';

/** A start that cannot go on ends with one clear line and a non-zero exit, before touching any database. */
describe('starting with a bad configuration', () => {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'custody-config-'));
  afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

  const start = async (environment: Record<string, string>) => {
    const server = runServer({ DATA_DIR: dataDirectory, ...environment });
    const code = await server.exited;
    return { code, errors: server.errors(), output: server.output() };
  };

  it.each([
    ['a PORT that is not a number', { PORT: 'abc' }, 'custody: configuration error: PORT must be a whole number (got "abc")'],
    ['a PORT out of range', { PORT: '70000' }, 'custody: configuration error: PORT must not be greater than 65535 (got "70000")'],
    [
      'a malformed DATABASE_URL',
      { DATABASE_URL: 'mysql://localhost/custody' },
      'custody: configuration error: DATABASE_URL must be a URL like postgres://user:password@host:5432/database (got "mysql://localhost/custody")',
    ],
    [
      'an unknown DEMO setting',
      { DEMO: 'maybe' },
      expect.stringMatching(/^custody: configuration error: DEMO must be one of the following values: auto, true, false/),
    ],
    // a secret is not repeated in the error, which lands in logs
    ['a JWT_SECRET that is too short', { JWT_SECRET: 'short' }, 'custody: configuration error: JWT_SECRET must be at least 32 characters long (not shown)'],
    [
      'single sign-on configured by halves',
      { OIDC_ISSUER: 'https://login.example.invalid/realms/custody', OIDC_CLIENT_ID: 'custody' },
      'custody: configuration error: single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI together: OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI missing',
    ],
    [
      'passwords turned off with no single sign-on',
      { LOCAL_PASSWORDS: 'false' },
      'custody: configuration error: LOCAL_PASSWORDS=false needs single sign-on (OIDC_ISSUER and the rest): nobody could sign in',
    ],
  ])('refuses %s in one line', async (_name, environment, line) => {
    const { code, errors } = await start(environment);
    expect(code).not.toBe(0);
    expect(errors.trimEnd().split('\n')).toEqual([line]);
  });

  it('refuses an unreachable database in one line, without its password', async () => {
    const port = await freePort();
    const { code, errors } = await start({
      DATABASE_URL: `postgres://custody:secret-password@127.0.0.1:${port}/custody`,
      DATABASE_CONNECT_TIMEOUT_SECONDS: '3',
    });
    expect(code).toBe(1);
    expect(errors.trimEnd().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^custody: cannot reach the database at postgres://custody:\\*\\*\\*@127\\.0\\.0\\.1:${port}/custody: .*ECONNREFUSED`)),
    ]);
    expect(errors).not.toContain('secret-password');
  });
});
