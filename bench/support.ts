import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../src/database/embedded-database';
import { sql as query } from '../test/support/test-database';

/** One query on its own connection, for setting up and checking a benchmark. */
export { query };

export const root = join(__dirname, '..');

export interface RunningServer {
  address: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/** The built server (dist/) as its own process, as `npm start` runs it, waited for until healthy. */
export async function startBuiltServer(environment: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'dist', 'src', 'main.js')], {
    cwd: root,
    // the benchmarks sign in as the demo's administrator and auditor with their password alone
    env: { PATH: process.env.PATH, PORT: String(port), LOG_LEVEL: 'warn', SECOND_FACTOR_ROLES: 'none', ...environment },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const address = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server ended with ${child.exitCode}`);
    if (
      await fetch(`${address}/health`).then(
        (response) => response.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    address,
    child,
    stop: async () => {
      child.kill('SIGINT');
      await exited;
    },
  };
}

/**
 * The built server on a seeded database, as the benchmarks measure it: tokens that outlast the
 * run, and no checkpoint signed unasked in the middle of a measurement.
 */
export function startServerOn(seeded: { databaseUrl: string; folder: string }): Promise<RunningServer> {
  return startBuiltServer({
    DATABASE_URL: seeded.databaseUrl,
    DATA_DIR: seeded.folder,
    JWT_TTL_SECONDS: '3600',
    CHECKPOINT_EVERY_EVENTS: '0',
    CHECKPOINT_EVERY_MINUTES: '0',
  });
}

/** Codes of `count` items in custody at POL-BRU, in random order. */
export async function itemsInCustody(databaseUrl: string, count: number): Promise<string[]> {
  const rows = await query<{ code: string }>(
    databaseUrl,
    `SELECT item.code FROM items item JOIN sites site ON site.id = item.site_id WHERE site.code = 'POL-BRU' AND item.status = 'in_custody' ORDER BY random() LIMIT $1`,
    [count],
  );
  return rows.map((row) => row.code);
}

/** Two bins of POL-BRU, for moves that always change an item's place. */
export async function twoBins(databaseUrl: string): Promise<string[]> {
  const rows = await query<{ code: string }>(
    databaseUrl,
    `SELECT location.code FROM locations location JOIN sites site ON site.id = location.site_id WHERE site.code = 'POL-BRU' AND location.kind = 'bin' ORDER BY location.name LIMIT 2`,
  );
  return rows.map((row) => row.code);
}

export function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

/** A bearer token of a demo user. */
export async function signIn(address: string, username: string): Promise<string> {
  const response = await fetch(`${address}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'custody-demo' }),
  });
  if (!response.ok) throw new Error(`signing in ${username} answered ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}
