import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requestsCheckedAt } from '../support/answer-check';
import { allMigrations } from '../../migrations';
import { freePort } from '../../src/database/embedded-database';
import { demoUsernames } from '../../src/demo/demo';
import { readyAddress, runServer, ServerProcess, stopServer } from '../support/server-process';
import { createTestDatabase, sql } from '../support/test-database';

/** DATABASE_URL: any PostgreSQL of the operator's; migrated at start, never given the demo unless asked. */
describe('a server on a configured database', () => {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'custody-external-'));
  let server: ServerProcess | undefined;
  afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));
  afterEach(() => stopServer(server));

  it('migrates an empty database without the demo, until npm run demo:seed loads it (twice changes nothing)', async () => {
    const databaseUrl = await createTestDatabase('empty');
    const environment = { DATABASE_URL: databaseUrl, DATA_DIR: dataDirectory, PORT: String(await freePort()) };
    server = runServer(environment);
    const address = await readyAddress(server);
    expect(server.output()).toContain(`applied ${allMigrations.length} migration(s)`);
    expect(server.output()).not.toContain('demo');
    await (await requestsCheckedAt(address)).post('/auth/login').send({ username: 'officer', password: 'custody-demo' }).expect(401);
    expect(await sql(databaseUrl, 'SELECT count(*)::int AS count FROM users')).toEqual([{ count: 0 }]);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    for (let run = 1; run <= 2; run++) {
      const seed = runServer(environment, 'src/demo/seed-cli.ts');
      expect(await seed.exited).toBe(0);
    }
    expect(await sql(databaseUrl, 'SELECT count(*)::int AS count FROM users')).toEqual([{ count: demoUsernames.length }]);
    expect(await sql(databaseUrl, 'SELECT count(*)::int AS count FROM sites')).toEqual([{ count: 4 }]);

    server = runServer(environment);
    await readyAddress(server);
    await (await requestsCheckedAt(address)).post('/auth/login').send({ username: 'officer', password: 'custody-demo' }).expect(200);
    // four processes in turn, each compiling the sources as it starts: a busy machine needs more than the default minute
  }, 180_000);

  it('lets two servers start together on one new database: migrations run once, both serve', async () => {
    const databaseUrl = await createTestDatabase('empty');
    const servers = await Promise.all(
      [1, 2].map(async () => runServer({ DATABASE_URL: databaseUrl, DATA_DIR: dataDirectory, PORT: String(await freePort()), DEMO: 'true' })),
    );
    try {
      const addresses = await Promise.all(servers.map((each) => readyAddress(each)));
      for (const address of addresses) await (await requestsCheckedAt(address)).get('/health').expect(200);
      expect(await sql(databaseUrl, 'SELECT count(*)::int AS count FROM migrations')).toEqual([{ count: allMigrations.length }]);
      expect(await sql(databaseUrl, 'SELECT count(*)::int AS count FROM users')).toEqual([{ count: demoUsernames.length }]);
      expect(servers.filter((each) => each.output().includes(`applied ${allMigrations.length} migration(s)`))).toHaveLength(1);
    } finally {
      for (const each of servers) each.child.kill('SIGTERM');
      await Promise.all(servers.map((each) => each.exited));
    }
  });
});
