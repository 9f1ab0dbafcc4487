import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';
import { ConfigurationError } from './environment';

describe('configuration', () => {
  const made: string[] = [];
  const dataDirectory = () => {
    made.push(mkdtempSync(join(tmpdir(), 'custody-config-spec-')));
    return made.at(-1)!;
  };
  afterAll(() => made.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  it('has safe defaults: local only, port 3000, short tokens, the demo on the embedded database', () => {
    const config = loadConfig({ DATA_DIR: dataDirectory() });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      jwtTtlSeconds: 900,
      loginMaxFailures: 5,
      loginLockMinutes: 15,
      bodyLimitKb: 1024,
      demo: 'auto',
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.seedsDemo).toBe(true);
  });

  it('gives a configured database no demo unless asked', () => {
    const external = { DATA_DIR: dataDirectory(), DATABASE_URL: 'postgres://custody@db.example:5432/custody' };
    expect(loadConfig(external).seedsDemo).toBe(false);
    expect(loadConfig({ ...external, DEMO: 'true' }).seedsDemo).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDirectory(), DEMO: 'false' }).seedsDemo).toBe(false);
  });

  it('keeps a generated token secret in the data folder, readable by its owner only', () => {
    const folder = dataDirectory();
    const first = loadConfig({ DATA_DIR: folder }).jwtSecret;
    expect(loadConfig({ DATA_DIR: folder }).jwtSecret).toBe(first);
    expect(readFileSync(join(folder, 'jwt-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(join(folder, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  it('treats an empty variable as unset and ignores variables that are not Custody’s', () => {
    expect(loadConfig({ DATA_DIR: dataDirectory(), PORT: '', HOME: '/root', SOMETHING_ELSE: 'x' }).port).toBe(3000);
  });

  it.each([
    [{ PORT: '3.5' }, 'PORT must be a whole number (got "3.5")'],
    [{ LOGIN_MAX_FAILURES: '0' }, 'LOGIN_MAX_FAILURES must not be less than 1 (got "0")'],
    [{ LOG_LEVEL: 'loud' }, expect.stringMatching(/^LOG_LEVEL must be one of the following values/)],
    [{ DATABASE_URL: 'postgres://' }, expect.stringMatching(/^DATABASE_URL must be a URL like/)],
    [{ PRINTER_NETWORKS: '10.0.0.0/33' }, expect.stringMatching(/^PRINTER_NETWORKS must be IP networks \(CIDR\) or addresses separated by commas/)],
    [{ PRINTER_NETWORKS: 'printers.example' }, expect.stringMatching(/^PRINTER_NETWORKS must be IP networks/)],
  ])('refuses %j with one sentence', (environment, message) => {
    expect(() => loadConfig({ DATA_DIR: dataDirectory(), ...environment })).toThrow(ConfigurationError);
    try {
      loadConfig({ DATA_DIR: dataDirectory(), ...environment });
    } catch (error) {
      expect((error as Error).message).toEqual(message);
    }
  });

  it('lets printers be on loopback and the private ranges unless told otherwise', () => {
    expect(loadConfig({ DATA_DIR: dataDirectory() }).printerNetworks).toEqual([
      '127.0.0.0/8',
      '::1/128',
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
      'fc00::/7',
    ]);
    expect(loadConfig({ DATA_DIR: dataDirectory(), PRINTER_NETWORKS: '10.12.0.0/16, 192.168.1.20,fd00::/8' }).printerNetworks).toEqual([
      '10.12.0.0/16',
      '192.168.1.20',
      'fd00::/8',
    ]);
  });
});
