import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { eventHash } from '../../libs/ledger';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The tamper suite: someone with superuser rights disables the trigger and alters the ledger
 * directly. GET /ledger/verify must name the first broken event; an untouched ledger is never broken.
 */
describe('GET /ledger/verify', () => {
  let custody: TestApp;
  let auditor: string;
  const verify = async () => (await custody.http().get('/ledger/verify').auth(auditor, { type: 'bearer' }).expect(200)).body;
  const tamper = async (statements: string[], values: unknown[][] = []) => {
    await custody.sql('ALTER TABLE custody_events DISABLE TRIGGER USER');
    try {
      for (const [index, statement] of statements.entries()) await custody.sql(statement, values[index] ?? []);
    } finally {
      await custody.sql('ALTER TABLE custody_events ENABLE TRIGGER USER');
    }
  };
  const sequences = async () =>
    (await custody.sql<{ sequence: string }>('SELECT sequence FROM custody_events ORDER BY sequence')).map((row) => Number(row.sequence));

  beforeEach(async () => {
    custody = await startTestApp();
    auditor = await custody.token('auditor');
    const officer = await custody.token('officer');
    const shelf = await given(custody).location('POL-BRU', 'Shelf A');
    const bin = await given(custody).location('POL-BRU', 'Bin A1');
    for (const { items } of [await given(custody).seizure({ items: 3 }), await given(custody).seizure({ items: 2 })]) {
      for (const item of items) {
        await custody.http().post(`/items/${item.code}/moves`).auth(officer, { type: 'bearer' }).send({ location: shelf }).expect(200);
        await custody.http().post(`/items/${item.code}/moves`).auth(officer, { type: 'bearer' }).send({ location: bin }).expect(200);
      }
    }
  });
  afterEach(() => custody.close());

  it('verifies an untouched ledger, up to its newest event', async () => {
    const [newest] = await custody.sql<{ sequence: string; hash: string }>('SELECT sequence, hash FROM custody_events ORDER BY sequence DESC LIMIT 1');
    expect(await verify()).toEqual({ ok: true, events: 15, head: { sequence: 15, hash: newest.hash } });
    await custody
      .http()
      .get('/ledger/verify')
      .auth(await custody.token('officer'), { type: 'bearer' })
      .expect(403);
  });

  it('names an event one field of which was changed', async () => {
    await tamper([`UPDATE custody_events SET location_code = NULL WHERE sequence = 9`]);
    expect(await verify()).toEqual({ ok: false, events: 8, firstBroken: { sequence: 9, reason: 'its hash does not match its content' } });
  });

  it('names the place of an event deleted from the middle', async () => {
    await tamper([`DELETE FROM custody_events WHERE sequence = 7`]);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { sequence: 7, reason: 'event 7 is missing: the next one is 8' } });
  });

  it('catches two events swapped in the sequence', async () => {
    await tamper([
      `UPDATE custody_events SET sequence = -1 WHERE sequence = 4`,
      `UPDATE custody_events SET sequence = 4 WHERE sequence = 12`,
      `UPDATE custody_events SET sequence = 12 WHERE sequence = -1`,
    ]);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { sequence: 4 } });
  });

  const forge = async (linkTo: { item_id: string; item_code: string; actor_id: string; hash: string }) => {
    const event = {
      sequence: 16,
      item: linkTo.item_code,
      type: 'moved',
      occurredAt: new Date().toISOString(),
      actor: 'officer',
      site: 'POL-BRU',
      location: null,
      transfer: null,
      reason: 'forged',
      details: {},
      previousHash: linkTo.hash,
    };
    await tamper(
      [
        // a superuser can drop the index that keeps chains single, too
        'DROP INDEX custody_events_item_chain_unique',
        `INSERT INTO custody_events (sequence, item_id, item_code, type, occurred_at, actor_id, actor_username, site_code, reason, details, previous_hash, hash)
       VALUES (16, $1, $2, 'moved', $3, $4, 'officer', 'POL-BRU', 'forged', '{}', $5, $6)`,
      ],
      [[], [linkTo.item_id, linkTo.item_code, event.occurredAt, linkTo.actor_id, linkTo.hash, eventHash(event)]],
    );
  };

  it('catches a forged event with a correct hash that forks an item’s chain', async () => {
    const [middle] = await custody.sql<{ item_id: string; item_code: string; actor_id: string; hash: string }>(
      `SELECT item_id, item_code, actor_id, hash FROM custody_events WHERE sequence = 6`,
    );
    await forge(middle);
    expect(await verify()).toEqual({
      ok: false,
      events: 15,
      firstBroken: { sequence: 16, reason: `does not link to the previous event of item ${middle.item_code}` },
    });
  });

  it('catches a forged event appended to an item’s chain past the ledger’s counter', async () => {
    const [newest] = await custody.sql<{ item_id: string; item_code: string; actor_id: string; hash: string }>(
      `SELECT item_id, item_code, actor_id, hash FROM custody_events WHERE sequence = 15`,
    );
    await forge(newest);
    expect(await verify()).toEqual({ ok: false, events: 15, firstBroken: { sequence: 16, reason: 'events go on past the 15 the ledger counted' } });
  });

  it('notices a tail cut off the ledger while its counter still counts it', async () => {
    await tamper([`DELETE FROM custody_events WHERE sequence > 12`]);
    expect(await verify()).toEqual({ ok: false, events: 12, firstBroken: { sequence: 13, reason: 'the ledger counted 15 events, but they end at 12' } });
    expect(await sequences()).toHaveLength(12);
  });

  it('gives the same verdict to operators with npm run ledger:verify', async () => {
    const root = join(__dirname, '..', '..');
    const run = () =>
      spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/ledger/verify-cli.ts'], {
        cwd: root,
        env: { PATH: process.env.PATH, DATABASE_URL: custody.databaseUrl },
        encoding: 'utf8',
      });
    const good = run();
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('ledger verified: 15 events');
    await tamper([`UPDATE custody_events SET reason = 'rewritten' WHERE sequence = 3`]);
    const bad = run();
    expect(bad.status).toBe(1);
    expect(bad.stdout.trim()).toBe('LEDGER BROKEN at event 3: its hash does not match its content (2 events before it verified)');
  });
});
