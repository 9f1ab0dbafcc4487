import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/database/embedded-database';
import { demoUsernames } from '../../src/demo/demo';
import { requestsCheckedAt } from '../support/answer-check';
import { interruptTerminal, readyAddress, runServer, ServerProcess, stopServer } from '../support/server-process';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const postgresPid = (dataDirectory: string) => Number(readFileSync(join(dataDirectory, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

/** `npm start` with no configuration at all: the embedded PostgreSQL, the demo, a clean stop, a restart that keeps everything. */
describe('the zero-setup server on its embedded PostgreSQL', () => {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'custody-lifecycle-'));
  let server: ServerProcess | undefined;
  afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));
  afterEach(() => stopServer(server));

  it('starts with the demo, stops cleanly on Ctrl-C and SIGTERM, and keeps its data across restarts', async () => {
    const port = String(await freePort());
    server = runServer({ DATA_DIR: dataDirectory, PORT: port });
    const address = await readyAddress(server);
    expect(address).toBe(`http://127.0.0.1:${port}`);
    expect(server.output()).toContain('loaded the demo');
    expect(server.output()).toMatch(
      /demo logins: officer, officer2, clerk, clerk2, confiscation, confiscation2, analyst, analyst2, auditor, admin, all with the password "custody-demo"/,
    );
    expect(server.output()).toContain(`${address}/api/docs`);

    const api = await requestsCheckedAt(address);
    await api.get('/health').expect(200, { status: 'ok', info: { database: { status: 'up' } }, error: {}, details: { database: { status: 'up' } } });
    const signIn = await api.post('/auth/login').send({ username: 'admin', password: 'custody-demo' }).expect(200);
    const adminToken = signIn.body.accessToken;
    await api.post('/organizations').auth(adminToken, { type: 'bearer' }).send({ name: 'Made before the restart', kind: 'lab' }).expect(201);

    const firstPostgres = postgresPid(dataDirectory);
    interruptTerminal(server);
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('stopped');
    expect(isAlive(firstPostgres)).toBe(false);
    expect(existsSync(join(dataDirectory, 'postgres', 'postmaster.pid'))).toBe(false);

    server = runServer({ DATA_DIR: dataDirectory, PORT: port });
    await readyAddress(server);
    expect(server.output()).not.toContain('loaded the demo');
    expect(server.output()).not.toContain('applied');
    const organizations = await api.get('/organizations?pageSize=100').auth(adminToken, { type: 'bearer' }).expect(200);
    expect(organizations.body.data.map((organization: { name: string }) => organization.name)).toContain('Made before the restart');
    const users = await api.get('/users?pageSize=100').auth(adminToken, { type: 'bearer' }).expect(200);
    expect(users.body.total).toBe(demoUsernames.length);

    const secondPostgres = postgresPid(dataDirectory);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(isAlive(secondPostgres)).toBe(false);
  });

  it('recovers the PostgreSQL left running by a server killed with SIGKILL', async () => {
    const port = String(await freePort());
    server = runServer({ DATA_DIR: dataDirectory, PORT: port });
    await readyAddress(server);
    const orphan = postgresPid(dataDirectory);
    server.child.kill('SIGKILL');
    await server.exited;
    expect(isAlive(orphan)).toBe(true);

    server = runServer({ DATA_DIR: dataDirectory, PORT: port });
    const address = await readyAddress(server);
    expect(isAlive(orphan)).toBe(false);
    await (await requestsCheckedAt(address)).post('/auth/login').send({ username: 'officer', password: 'custody-demo' }).expect(200);
  });

  it('refuses to share its data folder with a server that is still running', async () => {
    server = runServer({ DATA_DIR: dataDirectory, PORT: String(await freePort()) });
    await readyAddress(server);
    const second = runServer({ DATA_DIR: dataDirectory, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.errors().trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^custody: failed to start: the embedded PostgreSQL in .* is in use by another Custody server \(pid \d+\)$/),
    ]);
  });
});
