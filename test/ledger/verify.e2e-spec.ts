import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { eventHash } from '../../libs/ledger';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';
import { rebuildTiles } from '../support/tiles';

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
    custody = await startTestApp({ LEDGER_INTEGRATE_EVERY_MS: '0' });
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
    await custody.integrated();
  });
  afterEach(() => custody.close());

  it('verifies an untouched ledger, up to its newest event', async () => {
    const [newest] = await custody.sql<{ sequence: string; hash: string }>('SELECT sequence, hash FROM custody_events ORDER BY sequence DESC LIMIT 1');
    expect(await verify()).toEqual({ ok: true, events: 15, pending: 0, head: { sequence: 15, hash: newest.hash } });
    await custody
      .http()
      .get('/ledger/verify')
      .auth(await custody.token('officer'), { type: 'bearer' })
      .expect(403);
  });

  it('names an event one field of which was changed', async () => {
    await tamper([`UPDATE custody_events SET location_code = NULL WHERE sequence = 9`]);
    expect(await verify()).toMatchObject({ ok: false, events: 8, firstBroken: { sequence: 9, reason: 'its hash does not match its content' } });
  });

  it('names the place of an event deleted from the middle', async () => {
    await tamper([`DELETE FROM custody_events WHERE sequence = 7`]);
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { sequence: 7, reason: 'event 7 is missing: the next one is 8' } });
  });

  it('catches two events of one item whose positions were swapped', async () => {
    const [first, , last] = await custody.sql<{ sequence: string }>(
      `SELECT sequence FROM custody_events WHERE item_id = (SELECT item_id FROM custody_events WHERE sequence = 1) ORDER BY item_sequence`,
    );
    await tamper(
      [
        `UPDATE custody_events SET sequence = -1 WHERE sequence = $1`,
        `UPDATE custody_events SET sequence = $1 WHERE sequence = $2`,
        `UPDATE custody_events SET sequence = $1 WHERE sequence = -1`,
      ],
      [[first.sequence], [first.sequence, last.sequence], [last.sequence]],
    );
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: { sequence: Number(first.sequence), reason: "comes before the item's previous event in the ledger" },
    });
  });

  it('catches events of two items whose positions were swapped, once a signed checkpoint covers them', async () => {
    const admin = await custody.token('admin');
    await custody.http().post('/ledger/checkpoints').auth(admin, { type: 'bearer' }).expect(201);
    const [a, b] = await custody.sql<{ sequence: string }>(`SELECT min(sequence) AS sequence FROM custody_events GROUP BY item_id ORDER BY 1 LIMIT 2`);
    // positions are not in a version 2 event's hash, and each item's chain keeps its order: only the signed tree tells
    await tamper(
      [
        `UPDATE custody_events SET sequence = -1 WHERE sequence = $1`,
        `UPDATE custody_events SET sequence = $1 WHERE sequence = $2`,
        `UPDATE custody_events SET sequence = $1 WHERE sequence = -1`,
      ],
      [[a.sequence], [a.sequence, b.sequence], [b.sequence]],
    );
    // the tiles still hold each leaf at its place
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: {
        sequence: Number(a.sequence),
        reason: "its hash is not the leaf the ledger's tiles hold at its position: the event or the tiles were changed",
      },
    });
    // rebuilt over the events as they now are, the tiles agree; the checkpoint signed before does not
    await rebuildTiles(custody);
    expect(await verify()).toMatchObject({
      ok: false,
      firstBroken: { sequence: 15, reason: expect.stringContaining('the first 15 events no longer make the tree of the checkpoint signed') },
    });
  });

  const forge = async (linkTo: { item_id: string; item_code: string; item_sequence: number; actor_id: string; hash: string }) => {
    const event = {
      format: 2 as const,
      sequence: null,
      itemSequence: linkTo.item_sequence + 1,
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
        // a superuser can drop the primary key that keeps chains single, too
        'ALTER TABLE custody_events DROP CONSTRAINT custody_events_pkey CASCADE',
        `INSERT INTO custody_events (sequence, item_id, item_sequence, format, item_code, type, occurred_at, actor_id, actor_username, site_code, reason, details, previous_hash, hash)
       VALUES (16, $1, $2, 2, $3, 'moved', $4, $5, 'officer', 'POL-BRU', 'forged', '{}', $6, $7)`,
      ],
      [[], [linkTo.item_id, event.itemSequence, linkTo.item_code, event.occurredAt, linkTo.actor_id, linkTo.hash, eventHash(event)]],
    );
  };

  it('catches a forged event with a correct hash that forks an item’s chain', async () => {
    const [middle] = await custody.sql<{ item_id: string; item_code: string; item_sequence: number; actor_id: string; hash: string }>(
      `SELECT item_id, item_code, item_sequence, actor_id, hash FROM custody_events WHERE item_sequence = 2 ORDER BY sequence LIMIT 1`,
    );
    await forge(middle);
    expect(await verify()).toMatchObject({
      ok: false,
      events: 15,
      firstBroken: { sequence: 16, item: middle.item_code, itemSequence: 3, reason: `is a second event 3 of item ${middle.item_code}: its chain forks` },
    });
  });

  it('catches a forged event appended to an item’s chain past the ledger’s counter', async () => {
    const [newest] = await custody.sql<{ item_id: string; item_code: string; item_sequence: number; actor_id: string; hash: string }>(
      `SELECT item_id, item_code, item_sequence, actor_id, hash FROM custody_events WHERE sequence = 15`,
    );
    await forge(newest);
    expect(await verify()).toMatchObject({ ok: false, events: 15, firstBroken: { sequence: 16, reason: 'events go on past the 15 the ledger counted' } });
  });

  it('catches an event changed while it waits for its position, and the integrator refuses to give it one', async () => {
    const [{ code }] = (await given(custody).seizure({ items: 1 })).items;
    await tamper([`UPDATE custody_events SET actor_username = 'someone-else' WHERE item_code = $1`], [[code]]);
    expect(await verify()).toMatchObject({
      ok: false,
      pending: 1,
      firstBroken: { sequence: null, item: code, itemSequence: 1, reason: 'its hash does not match its content' },
    });
    await expect(custody.integrated()).rejects.toThrow(`integration stopped at event 1 of item ${code}: has a hash that does not match its content`);
    expect(await custody.sql(`SELECT sequence FROM custody_events WHERE item_code = $1`, [code])).toEqual([{ sequence: null }]);
  });

  it('notices a tail cut off the ledger while its counter still counts it', async () => {
    await tamper([`DELETE FROM custody_events WHERE sequence > 12`]);
    expect(await verify()).toMatchObject({ ok: false, events: 12, firstBroken: { sequence: 13, reason: 'the ledger counted 15 events, but they end at 12' } });
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
