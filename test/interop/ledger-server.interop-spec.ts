import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { entryBundlePath, entryBundlesOfTree, tilePath, tilesOfTree } from '../../libs/ledger';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';
import { ReferenceVerifier } from './reference-verifier';

const origin = 'custody.interop.test/ledger';

/**
 * The running server's ledger, read by nothing of Custody's: its checkpoint note opened by Go's
 * golang.org/x/mod/sumdb/note with the verifier key it publishes, its inclusion and consistency
 * proofs checked by sumdb/tlog, and its tiles, downloaded at their C2SP paths, read through
 * tlog.TileHashReader.
 */
describe('the server’s checkpoints, proofs and tiles, checked by the Go reference', () => {
  let reference: ReferenceVerifier;
  let custody: TestApp;
  const folder = mkdtempSync(join(tmpdir(), 'custody-server-tiles-'));
  const admin = () => custody.as('admin');
  const auditor = () => custody.as('auditor');

  beforeAll(async () => {
    reference = ReferenceVerifier.build();
    custody = await startTestApp({ LEDGER_ORIGIN: origin });
    // more than a tile's worth: full and partial tiles, and a second level
    for (let batch = 0; batch < 3; batch++) await given(custody).seizure({ items: 120 });
  });
  afterAll(async () => {
    await custody?.close();
    reference?.remove();
    rmSync(folder, { recursive: true, force: true });
  });

  it('opens the checkpoint note with note.Open and the published vkey, proves inclusion of an item’s events with tlog.CheckRecord', async () => {
    const made = (await (await admin()).post('/ledger/checkpoints').expect(201)).body;
    const { verifierKey } = (await (await auditor()).get('/ledger/public-key').expect(200)).body;
    const note = (await custody.http().get('/ledger/checkpoint').expect(200)).text;
    expect(reference.check({ kind: 'checkpoint', note, logKey: verifierKey, origin })).toMatchObject({
      ok: true,
      origin,
      treeSize: made.treeSize,
      rootHash: Buffer.from(made.rootHash, 'hex').toString('base64'),
      verified: [origin],
    });
    // an altered note, or another key, is refused by the reference too
    const altered = note.replace(`\n${made.treeSize}\n`, `\n${made.treeSize + 1}\n`);
    expect(reference.check({ kind: 'checkpoint', note: altered, logKey: verifierKey, origin })).toMatchObject({ ok: false });

    const [{ code }] = await custody.sql<{ code: string }>(`SELECT item_code AS code FROM custody_events WHERE sequence = $1`, [Math.floor(made.treeSize / 2)]);
    await (await custody.as('officer')).post(`/items/${code}/moves`, { location: await given(custody).location('POL-BRU', 'Shelf A') }).expect(200);
    const bundle = (await (await custody.as('officer')).get(`/items/${code}/proof`).expect(200)).body;
    expect(bundle.events.length).toBeGreaterThan(0);
    const checks = bundle.events.map((event: { leafIndex: number; hash: string; inclusionProof: string[] }) => ({
      kind: 'inclusion',
      treeSize: made.treeSize,
      rootHash: Buffer.from(made.rootHash, 'hex').toString('base64'),
      leafIndex: event.leafIndex,
      entry: Buffer.from(event.hash, 'hex').toString('base64'),
      proof: event.inclusionProof.map((hash) => Buffer.from(hash, 'hex').toString('base64')),
    }));
    expect(reference.run(checks)).toEqual(checks.map(() => ({ ok: true })));
    // the proof of one event does not prove another
    expect(reference.check({ ...checks[0], leafIndex: checks[0].leafIndex + 1 })).toMatchObject({ ok: false });
  });

  it('proves with tlog.CheckTree that the ledger extends a saved note, and serves tiles that tlog.TileHashReader reads to the same root', async () => {
    const saved = (await custody.http().get('/ledger/checkpoint').expect(200)).text;
    await given(custody).seizure({ items: 40 });
    const later = (await (await admin()).post('/ledger/checkpoints').expect(201)).body;
    const answer = (await (await auditor()).post('/ledger/consistency', { note: saved }).expect(200)).body;
    expect(answer).toMatchObject({ ok: true, proof: { toSize: later.treeSize, toRoot: later.rootHash } });
    const base64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
    expect(
      reference.check({
        kind: 'consistency',
        oldSize: answer.proof.fromSize,
        oldRoot: base64(answer.proof.fromRoot),
        treeSize: answer.proof.toSize,
        rootHash: base64(answer.proof.toRoot),
        proof: answer.proof.hashes.map(base64),
      }),
    ).toEqual({ ok: true });

    // every tile and entry bundle of the tree, downloaded at its C2SP path, as a monitor would
    const treeSize = later.treeSize as number;
    for (const path of [...[...tilesOfTree(treeSize)].map(tilePath), ...[...entryBundlesOfTree(treeSize)].map(entryBundlePath)]) {
      const served = await custody.http().get(`/ledger/${path}`).expect(200);
      mkdirSync(dirname(join(folder, path)), { recursive: true });
      writeFileSync(join(folder, path), Buffer.from(served.body));
    }
    const leafIndexes = [0, 255, 256, treeSize - 1];
    const tiles = reference.check({
      kind: 'tiles',
      directory: folder,
      treeSize,
      rootHash: base64(later.rootHash),
      leafIndexes,
      oldSizes: [answer.proof.fromSize],
      entries: true,
    });
    expect(tiles).toMatchObject({ ok: true, treeHash: base64(later.rootHash), entriesChecked: treeSize });
    // Go's consistency proof from the tiles is the server's
    expect((tiles.consistencyProofs as string[][])[0] ?? []).toEqual(answer.proof.hashes.map(base64));
  });
});
