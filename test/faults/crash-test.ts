import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedDatabase, freePort } from '../../src/database/embedded-database';
import { OperationLog, send } from './load';

const root = join(__dirname, '..', '..');
const serverKills = Number(process.env.FAULT_SERVER_KILLS ?? 20);
const databaseCrashes = Number(process.env.FAULT_DATABASE_CRASHES ?? 5);
const leaderKills = Number(process.env.FAULT_LEADER_KILLS ?? 5);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real server (dist/) as a child process on a durable PostgreSQL of the test's own, under
 * concurrent moves, transfers and receipts from several clients, killed with SIGKILL again and
 * again, and the database crashed (immediate shutdown) under load. Then two instances on the one
 * database, and the one leading the ledger's integration killed with SIGKILL in the middle of
 * integrating a batch: the other must take over and give every event its position. Afterwards
 * every acknowledged operation is in the database and the ledger, nothing refused is, positions
 * run from 1 without a gap or a position given twice, and the ledger verifies.
 */
async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'custody-faults-'));
  // as root, PostgreSQL runs as the postgres user, which must pass through this folder
  chmodSync(folder, 0o755);
  let database: EmbeddedDatabase;
  let databaseUrl: string;
  let server: { child: ChildProcess; address: string; exited: Promise<unknown> };
  let second: typeof server | null = null;
  const sql = async <T>(text: string, values: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: databaseUrl });
    // a crashed database ends the connection: the query fails, and the client must not crash the test
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  };

  const startServer = async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(root, 'dist', 'src', 'main.js')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: databaseUrl,
        DATA_DIR: join(folder, 'server'),
        PORT: String(port),
        DEMO: 'true',
        LOG_LEVEL: 'error',
        JWT_SECRET: 'the crash tests sign their tokens with this secret',
        JWT_TTL_SECONDS: '86400',
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
        // the auditor verifies the ledger with their password alone here; the second factor has its own tests
        SECOND_FACTOR_ROLES: 'none',
        CHECKPOINT_EVERY_EVENTS: '0',
        CHECKPOINT_EVERY_MINUTES: '0',
        PRINTER_EMULATORS: 'false',
        DATABASE_CONNECT_TIMEOUT_SECONDS: '30',
      },
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    for (const started = Date.now(); !/API ready at/.test(output); await pause(50)) {
      if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`the server did not start: ${output}`);
    }
    return { child, address: `http://127.0.0.1:${port}`, exited };
  };
  const crashDatabase = async () => {
    const pid = Number(readFileSync(join(folder, 'database', 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGQUIT'); // PostgreSQL's immediate shutdown: no checkpoint, recovery from the WAL at the next start
    for (let alive = true; alive; await pause(50)) {
      try {
        process.kill(pid, 0);
      } catch {
        alive = false;
      }
    }
  };

  /** The server whose integrator holds the leader's lock (its connection is named after its process), or null. */
  const leaderPid = async (): Promise<number | null> => {
    const [row] = await sql<{ name: string }>(
      `SELECT activity.application_name AS name FROM pg_locks lock JOIN pg_stat_activity activity ON activity.pid = lock.pid
        WHERE lock.locktype = 'advisory' AND lock.granted AND activity.application_name LIKE 'custody-integrator %'`,
    );
    return row ? Number(row.name.split(' ')[1]) : null;
  };
  const until = async (what: string, done: () => Promise<boolean>, ms = 30_000) => {
    for (const started = Date.now(); !(await done().catch(() => false)); await pause(20)) {
      if (Date.now() - started > ms) throw new Error(`${what} did not happen within ${ms / 1000} s`);
    }
  };

  database = new EmbeddedDatabase(join(folder, 'database'), { port: 0 });
  databaseUrl = await database.start();
  const databasePort = Number(new URL(databaseUrl).port);
  server = await startServer();
  try {
    const signIn = async (username: string) =>
      (
        (await (
          await fetch(`${server.address}/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username, password: 'custody-demo' }),
          })
        ).json()) as { accessToken: string }
      ).accessToken;
    const tokens = { officer: await signIn('officer'), clerk: await signIn('clerk'), auditor: await signIn('auditor') };
    const seized = await send(() => server.address, tokens.officer, 'POST', '/seizures', {
      site: 'POL-BRU',
      caseNumber: 'PV/FAULTS/1',
      seizedAt: '2026-11-01T10:00:00Z',
      items: Array.from({ length: 24 }, (_, index) => ({ category: 'document', description: `Exhibit ${index}`, quantity: 1, unit: 'piece' })),
    });
    const items = (seized.body as { items: { code: string }[] }).items.map((item) => item.code);
    const shelves = (
      await sql<{ code: string }>(
        `SELECT location.code FROM locations location JOIN sites site ON site.id = location.site_id WHERE site.code = 'POL-BRU' AND location.kind = 'shelf' ORDER BY location.name LIMIT 2`,
      )
    ).map((row) => row.code);
    // with two instances running, the clients spread their requests over both
    let turn = 0;
    const address = () => (second && turn++ % 2 === 1 ? second.address : server.address);
    const log = new OperationLog();
    let running = true;

    // each mover shuttles its own items between two shelves, always to the one the database says the item is not on,
    // so every acknowledged move must have written a `moved` event carrying the operation's id
    const mover = async (own: string[]) => {
      for (let turn = 0; running; turn += 1) {
        const item = own[turn % own.length];
        const [current] = await sql<{ location: string | null }>(
          `SELECT location.code AS location FROM items item LEFT JOIN locations location ON location.id = item.location_id WHERE item.code = $1`,
          [item],
        ).catch(() => [undefined]);
        if (!current) {
          await pause(100);
          continue;
        }
        const location = current.location === shelves[0] ? shelves[1] : shelves[0];
        const operation = log.add({ kind: 'move', item, location, outcome: 'indeterminate', status: 0 });
        const answer = await send(address, tokens.officer, 'POST', `/items/${item}/moves`, { location, reason: operation.id });
        Object.assign(operation, { outcome: answer.outcome, status: answer.status });
        if (answer.status === 0 || answer.status >= 500) await pause(50);
      }
    };
    // each carrier takes its item to the court and back, deciding each step from where the database says it is
    const carrier = async (item: string) => {
      while (running) {
        const [state] = await sql<{ status: string; site: string; transfer: string | null; state: string | null; destination: string | null }>(
          `SELECT item.status, site.code AS site, transfer.code AS transfer, line.state, destination.code AS destination
             FROM items item JOIN sites site ON site.id = item.site_id
             LEFT JOIN transfer_items line ON line.item_id = item.id AND line.state IN ('listed', 'in_transit')
             LEFT JOIN transfers transfer ON transfer.id = line.transfer_id LEFT JOIN sites destination ON destination.id = transfer.to_site_id
            WHERE item.code = $1`,
          [item],
        ).catch(() => [undefined]);
        if (!state) {
          await pause(100);
          continue;
        }
        const atPolice = (state.state === 'in_transit' ? state.destination : state.site) === 'POL-BRU';
        const token = atPolice ? tokens.officer : tokens.clerk;
        const operation = log.add({
          kind: state.state === null ? 'create' : state.state === 'listed' ? 'dispatch' : 'receive',
          item,
          transfer: state.transfer ?? undefined,
          outcome: 'indeterminate',
          status: 0,
        });
        const answer =
          state.state === null
            ? await send(address, token, 'POST', '/transfers', { toSite: atPolice ? 'TPI-BRU' : 'POL-BRU', items: [item], purpose: operation.id })
            : state.state === 'listed'
              ? await send(address, token, 'POST', `/transfers/${state.transfer}/dispatch`)
              : await send(address, token, 'POST', `/transfers/${state.transfer}/receipts`, { items: [item] });
        Object.assign(operation, { outcome: answer.outcome, status: answer.status });
        if (answer.status === 0 || answer.status >= 500) await pause(50);
      }
    };
    const clients = [...[0, 1, 2, 3].map((client) => mover(items.slice(client * 4, client * 4 + 4))), ...items.slice(16, 24).map((item) => carrier(item))];

    /**
     * Two instances; a transaction of the test's own holds the tiles table, so the leader's next batch
     * stops inside its transaction, after it has given events their positions and before the tiles
     * grow. The leader is killed there, the table let go: the other instance must take the lead and
     * position every event committed meanwhile (moves never wait for integration, so they go on).
     */
    const killLeadersMidIntegration = async () => {
      second = await startServer();
      const takeovers: number[] = [];
      for (let kill = 0; kill < leaderKills; kill += 1) {
        await pause(300 + Math.random() * 700);
        const holder = new Client({ connectionString: databaseUrl });
        holder.on('error', () => undefined);
        await holder.connect();
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE ledger_tiles IN SHARE ROW EXCLUSIVE MODE');
        let stuck = 0;
        await until('the leader waiting inside its batch', async () => {
          const [row] = await sql<{ name: string }>(
            `SELECT application_name AS name FROM pg_stat_activity
              WHERE application_name LIKE 'custody-integrator %' AND wait_event_type = 'Lock' AND xact_start IS NOT NULL`,
          );
          stuck = row ? Number(row.name.split(' ')[1]) : 0;
          return stuck > 0;
        });
        const [{ positioned }] = await sql<{ positioned: string }>(
          `SELECT count(*) AS positioned FROM pg_locks WHERE locktype = 'transactionid' AND granted AND pid = (SELECT pid FROM pg_stat_activity WHERE application_name = $1)`,
          [`custody-integrator ${stuck}`],
        );
        assert.ok(Number(positioned) > 0, 'the leader was not inside a transaction');
        const victim = server.child.pid === stuck ? server : second!.child.pid === stuck ? second! : null;
        assert.ok(victim, `the leader ${stuck} is none of the two servers`);
        const survivor = victim === server ? second! : server;
        victim.child.kill('SIGKILL');
        await victim.exited;
        const killedAt = new Date();
        await holder.query('COMMIT');
        await holder.end();
        await until('the other instance taking the lead', async () => (await leaderPid()) === survivor.child.pid);
        takeovers.push(Date.now() - killedAt.getTime());
        await until('every event committed before the kill having its position', async () => {
          const [{ waiting }] = await sql<{ waiting: string }>(`SELECT count(*) AS waiting FROM custody_events WHERE sequence IS NULL AND occurred_at <= $1`, [
            killedAt,
          ]);
          return Number(waiting) === 0;
        });
        const [numbering] = await sql<{ events: string; distinct: string; highest: string | null; head: string }>(
          `SELECT count(*) AS events, count(DISTINCT sequence) AS distinct, max(sequence) AS highest, (SELECT last_sequence FROM ledger_head) AS head
             FROM custody_events WHERE sequence IS NOT NULL`,
        );
        assert.equal(numbering.distinct, numbering.events, 'a position was given twice');
        assert.equal(numbering.highest, numbering.events, `positions have a gap: ${JSON.stringify(numbering)}`);
        assert.ok(Number(numbering.head) >= Number(numbering.events), `the ledger head says ${numbering.head}, behind the positions given`);
        const restarted = await startServer();
        if (victim === server) {
          server = survivor;
          second = restarted;
        } else {
          second = restarted;
        }
        await verify();
      }
      return takeovers;
    };

    const lost: string[] = [];
    const verify = async () => {
      const acknowledged = log.operations.filter((operation) => operation.outcome === 'acknowledged');
      const moves = new Set(
        (
          await sql<{ reason: string }>(`SELECT reason FROM custody_events WHERE type = 'moved' AND reason = ANY($1)`, [
            log.operations.map((operation) => operation.id),
          ])
        ).map((row) => row.reason),
      );
      const created = new Set(
        (await sql<{ purpose: string }>(`SELECT purpose FROM transfers WHERE purpose = ANY($1)`, [log.operations.map((operation) => operation.id)])).map(
          (row) => row.purpose,
        ),
      );
      const transfers = log.operations.flatMap((operation) => (operation.transfer ? [operation.transfer] : []));
      const dispatched = new Set(
        (await sql<{ code: string }>(`SELECT code FROM transfers WHERE code = ANY($1) AND status IN ('dispatched', 'closed')`, [transfers])).map(
          (row) => row.code,
        ),
      );
      const received = new Set(
        (
          await sql<{ key: string }>(
            `SELECT item_code || ' ' || transfer_code AS key FROM custody_events WHERE type = 'received' AND transfer_code = ANY($1)`,
            [transfers],
          )
        ).map((row) => row.key),
      );
      for (const operation of acknowledged) {
        const present =
          operation.kind === 'move'
            ? moves.has(operation.id)
            : operation.kind === 'create'
              ? created.has(operation.id)
              : operation.kind === 'dispatch'
                ? dispatched.has(operation.transfer!)
                : received.has(`${operation.item} ${operation.transfer}`);
        if (!present && !lost.includes(operation.id)) lost.push(operation.id);
      }
      const refused = log.operations.filter((operation) => operation.outcome === 'refused' || operation.outcome === 'unreachable');
      const appliedAnyway = refused.filter((operation) => moves.has(operation.id) || created.has(operation.id));
      assert.deepEqual(appliedAnyway, [], 'a refused operation was applied');
    };

    for (let kill = 0; kill < serverKills; kill += 1) {
      await pause(300 + Math.random() * 1200);
      server.child.kill('SIGKILL');
      await server.exited;
      server = await startServer();
      await verify();
    }
    for (let crash = 0; crash < databaseCrashes; crash += 1) {
      await pause(500 + Math.random() * 1000);
      await crashDatabase();
      await pause(300);
      database = new EmbeddedDatabase(join(folder, 'database'), { port: databasePort });
      await database.start();
      await pause(1000); // the server's pool reconnects by itself; the clients carry on
      await verify();
    }
    const takeovers = await killLeadersMidIntegration();
    running = false;
    await Promise.all(clients);
    await verify();

    const ledger = await send(address, tokens.auditor, 'GET', '/ledger/verify');
    const inTwoPlaces = await sql(`SELECT item.code FROM items item
       WHERE (item.status = 'in_transit') <> EXISTS (SELECT 1 FROM transfer_items line WHERE line.item_id = item.id AND line.state = 'in_transit')
          OR (SELECT count(*) FROM transfer_items line WHERE line.item_id = item.id AND line.state IN ('listed', 'in_transit')) > 1
          OR (item.status = 'in_transit' AND item.location_id IS NOT NULL)`);
    const summary = {
      serverKills,
      databaseCrashes,
      operations: log.operations.length,
      acknowledged: log.count('acknowledged'),
      refused: log.count('refused'),
      unreachable: log.count('unreachable'),
      indeterminate: log.count('indeterminate'),
      lost: lost.length,
      leaderKills,
      takeoverMs: takeovers,
    };
    console.log(`faults: ${JSON.stringify(summary)}`);
    writeFileSync(join(root, 'test', 'faults', 'last-run.json'), `${JSON.stringify({ at: new Date().toISOString(), ...summary }, null, 2)}\n`);
    assert.deepEqual(
      log.operations.filter((operation) => lost.includes(operation.id)),
      [],
      'acknowledged operations were lost',
    );
    assert.equal((ledger.body as { ok?: boolean } | null)?.ok, true, `the ledger does not verify: ${JSON.stringify(ledger.body)}`);
    assert.deepEqual(inTwoPlaces, [], 'items are in two places');
    assert.ok(summary.acknowledged > 200, `only ${summary.acknowledged} operations were acknowledged`);
  } finally {
    server?.child.kill('SIGKILL');
    (second as typeof server | null)?.child.kill('SIGKILL'); // set by the leader kills
    await database.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().then(
  () => {
    console.log('faults: passed');
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`faults: FAILED: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
