import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cosignatureVerifier,
  cosignatureVerifierKey,
  decodeEntryBundle,
  ed25519VerifierKey,
  eventLeaf,
  noteVerifier,
  openCheckpointNote,
  readTreeHash,
  tileHashReader,
  tilePath,
  tilesOfTree,
  verifyConsistency,
} from '../../libs/ledger';
import { LedgerWitnesses } from '../../src/ledger/ledger-witnesses';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';
import { TestWitness } from '../support/test-witness';

const origin = 'custody.test/ledger';

/**
 * The ledger as a transparency log: its tiles and entry bundles served at the C2SP paths, its
 * checkpoints as signed notes, taken to a witness (written from the C2SP specification, on
 * 127.0.0.1) that cosigns each after checking the consistency proof from the tree it saw before.
 */
describe('the ledger as a transparency log: tiles, checkpoint notes and witnesses', () => {
  const folder = mkdtempSync(join(tmpdir(), 'custody-witness-'));
  const logKey = generateKeyPairSync('ed25519');
  const logVkey = ed25519VerifierKey(origin, logKey.publicKey);
  let witness: TestWitness;
  let stranger: TestWitness;
  let custody: TestApp;
  const admin = async () => custody.as('admin');
  const someEvents = async (items: number) => {
    await given(custody).seizure({ items });
    await custody.integrated();
  };

  beforeAll(async () => {
    writeFileSync(join(folder, 'ledger-key.pem'), logKey.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    witness = await TestWitness.start({ name: 'witness.custody.test/w1', logs: [{ origin, vkey: logVkey }] });
    // a witness that knows nothing of this log, and one that is not there
    stranger = await TestWitness.start({ name: 'witness.custody.test/w2', logs: [] });
    custody = await startTestApp({
      LEDGER_KEY_FILE: join(folder, 'ledger-key.pem'),
      LEDGER_ORIGIN: origin,
      LEDGER_WITNESSES: [
        `${witness.url}=${witness.vkey}`,
        `${stranger.url}=${stranger.vkey}`,
        `http://127.0.0.1:9=${cosignatureVerifierKey('witness.custody.test/w3', generateKeyPairSync('ed25519').publicKey)}`,
      ].join(','),
      WITNESS_TIMEOUT_MS: '2000',
    });
  });
  afterAll(async () => {
    await custody.close();
    await witness.close();
    await stranger.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves the tiles and entry bundles of the positioned events at the C2SP paths, to anyone', async () => {
    await someEvents(300);
    const events = await custody.sql<{ hash: string }>('SELECT hash FROM custody_events WHERE sequence IS NOT NULL ORDER BY sequence');
    const treeSize = events.length;
    expect(treeSize).toBeGreaterThan(256);
    const full = await custody.http().get('/ledger/tile/0/000').expect(200);
    expect(full.headers['content-type']).toBe('application/octet-stream');
    expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(full.body).equals(Buffer.concat(events.slice(0, 256).map((event) => eventLeaf(event.hash))))).toBe(true);
    const partial = await custody
      .http()
      .get(`/ledger/tile/0/001.p/${treeSize - 256}`)
      .expect(200);
    expect(partial.headers['cache-control']).toBe('no-cache');
    expect(partial.body).toHaveLength(32 * (treeSize - 256));
    const bundle = await custody.http().get('/ledger/tile/entries/000').expect(200);
    expect(decodeEntryBundle(Buffer.from(bundle.body)).map((entry) => entry.toString('hex'))).toEqual(events.slice(0, 256).map((event) => event.hash));
    // a narrower partial tile is the prefix of the one kept; a wider one or a full one does not exist yet
    expect(Buffer.from((await custody.http().get('/ledger/tile/0/001.p/3').expect(200)).body).equals(Buffer.from(partial.body).subarray(0, 96))).toBe(true);
    await custody
      .http()
      .get(`/ledger/tile/0/001.p/${treeSize - 255}`)
      .expect(404);
    await custody.http().get('/ledger/tile/0/001').expect(404);
    for (const wrong of ['/ledger/tile/0/1', '/ledger/tile/0/000.p/256', '/ledger/tile/9/000', '/ledger/tile/entries/x000/001', '/ledger/tile/0/000.p/0']) {
      expect((await custody.http().get(wrong).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
    }
    // every tile the tree has, read through the reader the proofs use, gives the root the head keeps
    const served = new Map<string, Buffer>();
    for (const tile of tilesOfTree(treeSize))
      served.set(
        tilePath(tile),
        Buffer.from(
          (
            await custody
              .http()
              .get(`/ledger/${tilePath(tile)}`)
              .expect(200)
          ).body,
        ),
      );
    const root = await readTreeHash(
      treeSize,
      tileHashReader(treeSize, async (tiles) => tiles.map((tile) => served.get(tilePath(tile))!)),
    );
    const [head] = await custody.sql<{ root_hash: Buffer }>('SELECT root_hash FROM ledger_head');
    expect(root.equals(head.root_hash)).toBe(true);
  });

  it('signs each checkpoint as a note that opens with the published verifier key, and takes it to the witnesses', async () => {
    await someEvents(3);
    const key = (await (await admin()).get('/ledger/public-key').expect(200)).body;
    expect(key).toMatchObject({ origin, verifierKey: logVkey });
    const made = (await (await admin()).post('/ledger/checkpoints').expect(201)).body;
    await custody.app.get(LedgerWitnesses).submitLatest();

    const note = (await custody.http().get('/ledger/checkpoint').expect(200)).text;
    const opened = openCheckpointNote(note, { log: noteVerifier(logVkey), witnesses: [cosignatureVerifier(witness.vkey)], origin });
    expect(opened.treeHead.treeSize).toBe(made.treeSize);
    expect(opened.treeHead.rootHash.toString('hex')).toBe(made.rootHash);
    expect(opened.cosignatures.map((cosignature) => cosignature.name)).toEqual([witness.name]);
    expect(witness.sizeOf(origin)).toBe(made.treeSize);

    const latest = (await (await custody.as('auditor')).get('/ledger/checkpoints/latest').expect(200)).body;
    expect(latest.cosignatures).toEqual([
      {
        witness: witness.name,
        cosignedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        signatureLine: expect.stringMatching(/^— witness\.custody\.test\/w1 /),
      },
    ]);
    // the newest one (read in one query, for every item page) is the list's first, to the millisecond
    expect((await (await custody.as('auditor')).get('/ledger/checkpoints').expect(200)).body.data[0]).toEqual(latest);
    // the others said why not, and nothing waited on them
    const states = await custody.sql<{ witness: string; tree_size: string; last_error: string | null }>(
      'SELECT witness, tree_size, last_error FROM witness_states ORDER BY witness',
    );
    expect(states).toEqual([
      { witness: 'witness.custody.test/w1', tree_size: String(made.treeSize), last_error: null },
      { witness: 'witness.custody.test/w2', tree_size: '0', last_error: expect.stringContaining('does not know this log origin') },
      { witness: 'witness.custody.test/w3', tree_size: '0', last_error: expect.stringContaining('could not be reached') },
    ]);
  });

  it('gives the witness a consistency proof from the tree it cosigned before, and again from the size it names when it knows another', async () => {
    const before = witness.sizeOf(origin)!;
    await someEvents(5);
    const grown = (await (await admin()).post('/ledger/checkpoints').expect(201)).body;
    await custody.app.get(LedgerWitnesses).submitLatest();
    expect(witness.sizeOf(origin)).toBe(grown.treeSize);
    expect(grown.treeSize).toBeGreaterThan(before);

    // Custody forgot what the witness saw: the witness answers 409 with its size, and is given a proof from there
    await custody.sql(`UPDATE witness_states SET tree_size = 0 WHERE witness = 'witness.custody.test/w1'`);
    await someEvents(2);
    const later = (await (await admin()).post('/ledger/checkpoints').expect(201)).body;
    await custody.app.get(LedgerWitnesses).submitLatest();
    expect(witness.sizeOf(origin)).toBe(later.treeSize);
    const [cosigned] = await custody.sql('SELECT witness FROM witness_cosignatures WHERE tree_size = $1', [later.treeSize]);
    expect(cosigned).toEqual({ witness: 'witness.custody.test/w1' });
  });

  it('proves consistency from a saved note, read from a few tiles, as any auditor can check it', async () => {
    const saved = (await custody.http().get('/ledger/checkpoint').expect(200)).text;
    const savedHead = openCheckpointNote(saved, { log: noteVerifier(logVkey), origin }).treeHead;
    await someEvents(4);
    const answer = (await (await custody.as('auditor')).post('/ledger/consistency', { note: saved }).expect(200)).body;
    expect(answer).toMatchObject({ ok: true, proof: { fromSize: savedHead.treeSize, fromRoot: savedHead.rootHash.toString('hex') } });
    const [head] = await custody.sql<{ tree_size: string; root_hash: Buffer }>('SELECT tree_size, root_hash FROM ledger_head');
    expect(answer.proof.toSize).toBe(Number(head.tree_size));
    expect(() =>
      verifyConsistency(
        savedHead.treeSize,
        answer.proof.toSize,
        savedHead.rootHash,
        head.root_hash,
        answer.proof.hashes.map((hash: string) => Buffer.from(hash, 'hex')),
      ),
    ).not.toThrow();
    // a note signed by another key, or altered, proves nothing
    const forged = saved.replace(/\n\d+\n/, `\n${savedHead.treeSize - 1}\n`);
    expect((await (await custody.as('auditor')).post('/ledger/consistency', { note: forged }).expect(200)).body).toMatchObject({
      ok: false,
      reason: expect.stringContaining("does not verify with this installation's key"),
    });
    const badInput = await (await custody.as('auditor')).post('/ledger/consistency', { note: 42 }).expect(400);
    expect(badInput.body.fields).toEqual([{ field: 'note', problem: 'must be a string' }]);
  });
});
