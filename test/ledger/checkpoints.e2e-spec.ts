import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bundleDigest,
  Checkpoint,
  checkCheckpoint,
  eventHash,
  eventLeaf,
  ProofBundle,
  signCheckpoint,
  treeHash,
  verifyBundle,
  verifyConsistency,
} from '../../libs/ledger';
import { createPublicKey } from 'node:crypto';
import { given } from '../support/given';
import { binary, pdfText } from '../support/pdf-reading';
import { startTestApp, TestApp } from '../support/test-app';
import { rebuildTiles } from '../support/tiles';

describe('checkpoints, consistency proofs and proof bundles', () => {
  let custody: TestApp;
  let admin: string;
  let auditor: string;
  let officer: string;
  let itemCode: string;
  const folder = mkdtempSync(join(tmpdir(), 'custody-bundle-'));
  const as = (token: string) => ({
    get: (path: string) => custody.http().get(path).auth(token, { type: 'bearer' }),
    post: (path: string, body?: object) => custody.http().post(path).auth(token, { type: 'bearer' }).send(body),
  });
  const storeSomething = async () => {
    const { items } = await given(custody).seizure({ items: 2 });
    await as(officer)
      .post(`/items/${items[0].code}/moves`, { location: await given(custody).location('POL-BRU', 'Shelf A') })
      .expect(200);
    return items[0].code;
  };
  const disableTriggers = () => custody.sql('ALTER TABLE custody_events DISABLE TRIGGER USER');

  beforeEach(async () => {
    custody = await startTestApp();
    [admin, auditor, officer] = await Promise.all(['admin', 'auditor', 'officer'].map((name) => custody.token(name)));
    itemCode = await storeSomething();
  });
  afterEach(() => custody.close());
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('signs a checkpoint over every event, once per size, with the key it publishes', async () => {
    const made = await as(admin).post('/ledger/checkpoints').expect(201);
    const hashes = await custody.sql<{ hash: string }>('SELECT hash FROM custody_events ORDER BY sequence');
    expect(made.body).toMatchObject({
      format: 'custody-checkpoint/1',
      treeSize: 3,
      rootHash: treeHash(hashes.map((row) => eventLeaf(row.hash))).toString('hex'),
    });
    const key = await as(auditor).get('/ledger/public-key').expect(200);
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', keyId: made.body.keyId, publicKey: expect.stringContaining('BEGIN PUBLIC KEY') });
    expect(checkCheckpoint(made.body, createPublicKey(key.body.publicKey))).toMatchObject({ ok: true });

    expect((await as(admin).post('/ledger/checkpoints').expect(201)).body).toEqual(made.body);
    expect((await as(officer).get('/ledger/checkpoints/latest').expect(200)).body).toEqual(made.body);
    const list = await as(auditor).get('/ledger/checkpoints').expect(200);
    expect(list.body).toMatchObject({ total: 1, data: [made.body] });
    await as(auditor).post('/ledger/checkpoints').expect(403);
  });

  it('proves that today’s ledger extends a saved checkpoint', async () => {
    const saved = (await as(admin).post('/ledger/checkpoints').expect(201)).body as Checkpoint;
    await storeSomething();
    await custody.integrated();
    const answer = await as(auditor).post('/ledger/consistency', saved).expect(200);
    expect(answer.body).toMatchObject({ ok: true, proof: { fromSize: 3, toSize: 6, fromRoot: saved.rootHash } });
    const later = (await as(admin).post('/ledger/checkpoints').expect(201)).body as Checkpoint;
    expect(answer.body.proof.toRoot).toBe(later.rootHash);
    expect(() =>
      verifyConsistency(
        3,
        6,
        Buffer.from(saved.rootHash, 'hex'),
        Buffer.from(later.rootHash, 'hex'),
        answer.body.proof.hashes.map((hash: string) => Buffer.from(hash, 'hex')),
      ),
    ).not.toThrow();
  });

  it('catches a tail cut off and the counter rewound, which verify alone cannot', async () => {
    await storeSomething();
    const saved = (await as(admin).post('/ledger/checkpoints').expect(201)).body as Checkpoint;
    await disableTriggers();
    await custody.sql(`ALTER TABLE items DISABLE TRIGGER USER`);
    const [{ item_id: itemId, previous_hash: previousHash }] = await custody.sql<{ item_id: string; previous_hash: string }>(
      'SELECT item_id, previous_hash FROM custody_events WHERE sequence = 6',
    );
    await custody.sql('DELETE FROM custody_events WHERE sequence = 6');
    await custody.sql('UPDATE items SET last_event_hash = $2, event_count = event_count - 1 WHERE id = $1', [itemId, previousHash]);
    // the tiles and the head rebuilt over the five events left: the database agrees with itself
    await rebuildTiles(custody);
    // the checkpoint kept in the database shows it to verify; one who can rewrite the database removes that too
    expect((await as(auditor).get('/ledger/verify').expect(200)).body).toMatchObject({
      ok: false,
      firstBroken: { sequence: 6, reason: expect.stringMatching(/^the checkpoint signed .* covers 6 events, but they end at 5$/) },
    });
    await custody.sql('DELETE FROM ledger_checkpoints');
    expect((await as(auditor).get('/ledger/verify').expect(200)).body).toMatchObject({ ok: true, events: 5 });
    const answer = await as(auditor).post('/ledger/consistency', saved).expect(200);
    expect(answer.body).toEqual({ ok: false, reason: 'the checkpoint covers 6 events but the ledger now holds 5: events were removed' });
  });

  it('catches a history re-hashed from the first change on, which verify alone cannot', async () => {
    const saved = (await as(admin).post('/ledger/checkpoints').expect(201)).body as Checkpoint;
    await disableTriggers();
    await custody.sql(`ALTER TABLE items DISABLE TRIGGER USER`);
    await custody.sql(`UPDATE custody_events SET actor_username = 'officer2' WHERE sequence = 1`);
    const events = await custody.sql<Record<string, never>>('SELECT * FROM custody_events ORDER BY item_id, item_sequence');
    const heads = new Map<string, string>();
    for (const row of events) {
      const previousHash = heads.get(row.item_id) ?? null;
      const hash = eventHash({
        format: row.format,
        sequence: Number(row.sequence),
        itemSequence: row.item_sequence,
        item: row.item_code,
        type: row.type,
        occurredAt: (row.occurred_at as Date).toISOString(),
        actor: row.actor_username,
        site: row.site_code,
        location: row.location_code,
        transfer: row.transfer_code,
        reason: row.reason,
        details: row.details,
        previousHash,
      });
      await custody.sql('UPDATE custody_events SET previous_hash = $2, hash = $3 WHERE sequence = $1', [row.sequence, previousHash, hash]);
      heads.set(row.item_id, hash);
    }
    for (const [itemId, hash] of heads) await custody.sql('UPDATE items SET last_event_hash = $2 WHERE id = $1', [itemId, hash]);
    await rebuildTiles(custody);
    expect((await as(auditor).get('/ledger/verify').expect(200)).body).toMatchObject({
      ok: false,
      firstBroken: { sequence: 3, reason: expect.stringContaining('no longer make the tree of the checkpoint') },
    });
    await custody.sql('DELETE FROM ledger_checkpoints');
    expect((await as(auditor).get('/ledger/verify').expect(200)).body).toMatchObject({ ok: true });
    const answer = await as(auditor).post('/ledger/consistency', saved).expect(200);
    expect(answer.body).toEqual({ ok: false, reason: "the ledger's first 3 events no longer hash to the checkpoint's root: the history was rewritten" });
  });

  it('refuses a checkpoint that was altered, signed by another key, or is not one', async () => {
    const saved = (await as(admin).post('/ledger/checkpoints').expect(201)).body as Checkpoint;
    const altered = await as(auditor)
      .post('/ledger/consistency', { ...saved, treeSize: 2 })
      .expect(200);
    expect(altered.body).toMatchObject({ ok: false, reason: expect.stringContaining('signature does not match') });
    const foreign = signCheckpoint(
      { treeSize: saved.treeSize, rootHash: saved.rootHash, createdAt: saved.createdAt },
      generateKeyPairSync('ed25519').privateKey,
    );
    expect((await as(auditor).post('/ledger/consistency', foreign).expect(200)).body).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not with this installation'),
    });
    const malformed = await as(auditor)
      .post('/ledger/consistency', { ...saved, rootHash: 'xyz', extra: 1 })
      .expect(400);
    expect(malformed.body.fields).toEqual(
      expect.arrayContaining([
        { field: 'rootHash', problem: 'must be 64 lowercase hex characters' },
        { field: 'extra', problem: 'is not a known field' },
      ]),
    );
    await as(officer).post('/ledger/consistency', saved).expect(403);
  });

  it('gives a bundle that the offline verifier accepts, and refuses when a bit flips or the key is another', async () => {
    await as(officer).get(`/items/${itemCode}/proof`).expect(404);
    await as(admin).post('/ledger/checkpoints').expect(201);
    await as(officer)
      .post(`/items/${itemCode}/moves`, { location: await given(custody).location('POL-BRU', 'Bin A1') })
      .expect(200);
    const bundle = (await as(officer).get(`/items/${itemCode}/proof`).expect(200)).body as ProofBundle;
    expect(bundle).toMatchObject({ format: 'custody-proof-bundle/1', item: itemCode, checkpoint: { treeSize: 3 } });
    expect(bundle.events.map((event) => event.type)).toEqual(['seized', 'moved']);
    expect(bundle.unanchoredEvents.map((event) => event.type)).toEqual(['moved']);
    const key = (await as(auditor).get('/ledger/public-key').expect(200)).body.publicKey as string;
    const verdict = verifyBundle(bundle, { publicKeyPem: key });
    expect(verdict).toMatchObject({ ok: true, problems: [] });
    expect(bundle.checkpoint.note).toMatch(/^custody\.local\/ledger\n3\n/);
    expect(verdict.checked).toContainEqual(expect.stringMatching(/^checkpoint note of custody\.local\/ledger opens with verifier key /));
    const otherNote = { ...bundle, checkpoint: { ...bundle.checkpoint, note: bundle.checkpoint.note!.replace('\n3\n', '\n4\n') } };
    expect(verifyBundle(otherNote, { publicKeyPem: key }).problems).toEqual([expect.stringMatching(/^checkpoint note: /)]);
    await as(await custody.token('clerk'))
      .get(`/items/${itemCode}/proof`)
      .expect(404);

    const flipped = JSON.parse(JSON.stringify(bundle)) as ProofBundle;
    flipped.events[1].inclusionProof[0] = flipBit(flipped.events[1].inclusionProof[0]);
    expect(verifyBundle(flipped, { publicKeyPem: key }).problems).toEqual([
      expect.stringContaining('event 2 of the item (moved, ledger position 3): not included in the checkpoint'),
    ]);
    const edited = JSON.parse(JSON.stringify(bundle)) as ProofBundle;
    edited.events[0].details = { ...edited.events[0].details, quantity: '2.000' };
    expect(verifyBundle(edited, { publicKeyPem: key }).ok).toBe(false);

    const other = generateKeyPairSync('ed25519');
    const resigned: ProofBundle = {
      ...bundle,
      checkpoint: signCheckpoint(bundle.checkpoint, other.privateKey),
      publicKey: { ...bundle.publicKey, publicKey: other.publicKey.export({ format: 'pem', type: 'spki' }).toString() },
    };
    expect(verifyBundle(resigned, { publicKeyPem: key })).toMatchObject({ ok: false, problems: [expect.stringContaining('not with this installation')] });

    const write = (name: string, content: string) => (writeFileSync(join(folder, name), content), join(folder, name));
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', 'libs/ledger/verify-bundle-cli.ts', ...args], {
        cwd: join(__dirname, '..', '..'),
        env: { PATH: process.env.PATH },
        encoding: 'utf8',
      });
    const genuine = cli(
      write('bundle.json', JSON.stringify(bundle)),
      '--public-key',
      write('key.pem', key),
      '--checkpoint',
      write('checkpoint.json', JSON.stringify(bundle.checkpoint)),
    );
    expect(genuine.status).toBe(0);
    expect(genuine.stdout).toContain('VERIFIED: this custody history is intact');
    const broken = cli(write('flipped.json', JSON.stringify(flipped)), '--public-key', join(folder, 'key.pem'));
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('NOT VERIFIED');
  });
});

describe('the court-ready custody report', () => {
  it('prints the item, its seizure, every event and the checkpoint, with the bundle digest the offline verifier shows', async () => {
    const custody = await startTestApp();
    try {
      const officer = await custody.token('officer');
      const {
        items: [item],
        caseNumber,
      } = await given(custody).seizure({ items: 1 });
      await custody
        .http()
        .post(`/items/${item.code}/moves`)
        .auth(officer, { type: 'bearer' })
        .send({ location: await given(custody).location('POL-BRU', 'Shelf A'), reason: 'Rangé sur l’étagère' })
        .expect(200);
      const before = await custody.http().get(`/items/${item.code}/custody-report.pdf`).auth(officer, { type: 'bearer' }).expect(200);
      expect(await pdfText(before.body)).toContain('No checkpoint covers this item yet');

      await custody
        .http()
        .post('/ledger/checkpoints')
        .auth(await custody.token('admin'), { type: 'bearer' })
        .expect(201);
      const response = await custody
        .http()
        .get(`/items/${item.code}/custody-report.pdf`)
        .auth(officer, { type: 'bearer' })
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="custody-report-${item.code}.pdf"`);
      const text = await pdfText(response.body);
      const bundle = (await custody.http().get(`/items/${item.code}/proof`).auth(officer, { type: 'bearer' }).expect(200)).body as ProofBundle;
      for (const expected of [
        `item ${item.code}`,
        caseNumber,
        'seized',
        'moved',
        'by officer',
        'Rangé sur l’étagère',
        bundle.checkpoint.rootHash,
        bundleDigest(bundle),
      ]) {
        expect(text.replace(/\s+/g, ' ')).toContain(expected);
      }
      await custody
        .http()
        .get(`/items/${item.code}/custody-report.pdf`)
        .auth(await custody.token('clerk'), { type: 'bearer' })
        .expect(404);
    } finally {
      await custody.close();
    }
  });
});

describe('checkpoints made on their own', () => {
  it('appear once enough events have come', async () => {
    const custody = await startTestApp({ CHECKPOINT_EVERY_EVENTS: '3', CHECKPOINT_CHECK_SECONDS: '1' });
    try {
      await given(custody).seizure({ items: 3 });
      let latest: { status: number; body: { treeSize?: number } } = { status: 404, body: {} };
      for (let waited = 0; waited < 15_000 && latest.status !== 200; waited += 250) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        latest = await custody
          .http()
          .get('/ledger/checkpoints/latest')
          .auth(await custody.token('auditor'), { type: 'bearer' });
      }
      expect(latest).toMatchObject({ status: 200, body: { treeSize: 3 } });
    } finally {
      await custody.close();
    }
  });
});

function flipBit(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  bytes[0] ^= 1;
  return bytes.toString('hex');
}
