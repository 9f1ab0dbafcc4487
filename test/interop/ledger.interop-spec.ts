import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import {
  checkpointText,
  addCheckpointBody,
  cosignatureVerifier,
  cosignatureVerifierKey,
  ed25519Cosigner,
  ed25519NoteSigner,
  ed25519PublicKeyBytes,
  ed25519VerifierKey,
  entryBundleOfWidth,
  formatEntryProof,
  entryBundlePath,
  entryBundlesOfTree,
  hexKeyId,
  leafHash,
  noteVerifier,
  openCheckpointNote,
  openNote,
  parseCheckpointText,
  readConsistencyProof,
  readInclusionProof,
  readTreeHash,
  readWitnessAnswer,
  signCheckpointNote,
  signNote,
  tileHashReader,
  tilePath,
  tilesOfTree,
  verifyConsistency,
  verifyInclusion,
} from '../../libs/ledger';
import { TiledTree } from '../../libs/ledger/testing/tiled-tree';
import { TestWitness } from '../support/test-witness';
import { auditorProgram, workedExample } from '../docs/ledger-format-example';
import { buildGoProgram, ReferenceResult, ReferenceVerifier } from './reference-verifier';

/**
 * What libs/ledger makes — verifier keys, signed notes, checkpoints, cosignatures, proofs, tiles,
 * entry bundles — checked by the reference implementations (Go's sumdb/note and sumdb/tlog)
 * through test/interop/reference-verifier, and tampered copies that the reference must refuse.
 */
const origin = 'custody.example.be/ledger';
const log = generateKeyPairSync('ed25519');
const witness = generateKeyPairSync('ed25519');
const signer = ed25519NoteSigner(origin, log.privateKey);
const logKey = ed25519VerifierKey(origin, log.publicKey);
const cosigner = ed25519Cosigner('witness.example/w1', witness.privateKey);
const witnessKey = cosignatureVerifierKey('witness.example/w1', witness.publicKey);
const cosignedAt = 1_767_225_600;

const randomSizes = fc.sample(fc.integer({ min: 3, max: 70_000 }), { seed: 6962, numRuns: 3 });
const sizes = [1, 2, 255, 256, 257, 65_537, ...randomSizes];
/** Custody's log entry is the event's 32-byte hash. */
const eventHash = (position: number) => createHash('sha256').update(`custody event ${position}`).digest();
const base64 = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('base64'));
const unique = (numbers: number[]) => [...new Set(numbers)];

let reference: ReferenceVerifier;
let tree: TiledTree;
let tileFolder: string;

beforeAll(() => {
  reference = ReferenceVerifier.build();
  tree = new TiledTree();
  // batches of uneven sizes, as the integrator makes them
  const batches = fc.sample(fc.integer({ min: 1, max: 3_000 }), { seed: 15, numRuns: 200 });
  for (let batch = 0; tree.treeSize < Math.max(...sizes); batch++) {
    const count = Math.min(batches[batch % batches.length], Math.max(...sizes) - tree.treeSize);
    tree.append(Array.from({ length: count }, (_, offset) => eventHash(tree.treeSize + offset)));
  }
  tileFolder = join(reference.folder, 'log');
  for (const size of sizes) writeTiles(tileFolder, size);
});

afterAll(() => reference?.remove());

/** The tiles and entry bundles a log serves for a checkpoint of this size, at their C2SP paths. */
function writeTiles(folder: string, size: number): void {
  const write = (path: string, data: Buffer) => {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), data);
  };
  for (const tile of tilesOfTree(size)) write(tilePath(tile), tree.tileAt(tile));
  for (const bundle of entryBundlesOfTree(size)) write(entryBundlePath(bundle), entryBundleOfWidth(tree.bundles.get(bundle.index)!, bundle.width));
}

async function checkpointOf(size: number): Promise<{ note: string; root: Buffer; text: string }> {
  const root = await readTreeHash(size, tileHashReader(size, tree.readTiles));
  const treeHead = { origin, treeSize: size, rootHash: root };
  const text = checkpointText(treeHead);
  return { note: signCheckpointNote(treeHead, signer, [cosigner.cosign(text, cosignedAt)]), root, text };
}

function expectRefused(result: ReferenceResult, reason?: string | RegExp): void {
  expect(result).toMatchObject({ ok: false });
  if (reason) expect(result.error).toMatch(reason);
}

describe('keys and notes, against golang.org/x/mod/sumdb/note', () => {
  it('Go derives the same verifier key from the installation key (its PEM file) as libs/ledger', () => {
    const keyFile = createPrivateKey(log.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    for (const name of ['custody.example.be/ledger', 'a', 'Łódź.example/ledger']) {
      const answer = reference.check({ kind: 'vkey', name, publicKey: ed25519PublicKeyBytes(log.publicKey).toString('base64') });
      expect(answer).toEqual({ ok: true, vkey: ed25519VerifierKey(name, keyFile) });
    }
  });

  it('Go signs a note with the same key byte for byte as libs/ledger, and libs/ledger opens notes Go signed with two keys', () => {
    const other = generateKeyPairSync('ed25519');
    const text = 'custody.example.be/ledger\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';
    expect(reference.check({ kind: 'sign', text, signerKeys: [signerKey(origin, log.privateKey)] })).toEqual({ ok: true, note: signNote(text, [signer]) });
    const both = reference.check({ kind: 'sign', text, signerKeys: [signerKey(origin, log.privateKey), signerKey('other.example/b', other.privateKey)] });
    const opened = openNote(both.note as string, [noteVerifier(logKey), noteVerifier(ed25519VerifierKey('other.example/b', other.publicKey))]);
    expect(opened.verified.map((signature) => signature.name)).toEqual([origin, 'other.example/b']);
  });

  it('Go spells tile paths as libs/ledger does, once its height segment is removed', () => {
    const tiles = [
      { level: 0, index: 0, width: 256 },
      { level: 0, index: 1_234_067, width: 256 },
      { level: 1, index: 999, width: 17 },
      { level: 2, index: 1000, width: 1 },
      { level: 5, index: 123_456_789_012, width: 255 },
    ];
    expect(reference.check({ kind: 'paths', tiles })).toEqual({ ok: true, paths: tiles.map((tile) => tilePath(tile)) });
  });
});

describe.each(sizes)('a tree of %i leaves, against the reference', (size) => {
  it('its checkpoint opens with note.Open and the vkey, with the same tree head and the witness cosignature', async () => {
    const { note, root } = await checkpointOf(size);
    const answer = reference.check({ kind: 'checkpoint', note, logKey, witnessKeys: [witnessKey], origin });
    expect(answer).toEqual({
      ok: true,
      origin,
      treeSize: size,
      rootHash: root.toString('base64'),
      extensions: [],
      verified: [origin, 'witness.example/w1'],
      unverified: null,
      cosignatureTimes: { 'witness.example/w1': cosignedAt },
    });
    // a client that knows only the log key ignores the witness line
    expect(reference.check({ kind: 'checkpoint', note, logKey, origin })).toMatchObject({ ok: true, unverified: ['witness.example/w1'] });
  });

  it('its inclusion and consistency proofs, read from tiles, pass tlog.CheckRecord and tlog.CheckTree', async () => {
    const reader = tileHashReader(size, tree.readTiles);
    const root = await readTreeHash(size, reader);
    const checks: object[] = [];
    for (const index of unique([0, size - 1, Math.floor(size / 2), (size * 7919) % size])) {
      const proof = await readInclusionProof(size, index, reader);
      checks.push({ kind: 'inclusion', treeSize: size, rootHash: root, leafIndex: index, entry: eventHash(index), proof: base64(proof) });
    }
    for (const oldSize of unique([1, Math.max(1, size - 1), Math.max(1, Math.floor(size / 3)), size])) {
      const proof = await readConsistencyProof(oldSize, size, reader);
      const oldRoot = await readTreeHash(oldSize, tileHashReader(oldSize, tree.readTiles));
      checks.push({ kind: 'consistency', oldSize, oldRoot, treeSize: size, rootHash: root, proof: base64(proof) });
    }
    expect(reference.run(checks.map((check) => JSON.parse(JSON.stringify(check, hashesAsBase64))))).toEqual(checks.map(() => ({ ok: true })));
  });

  it('Go reads its tiles through tlog.TileHashReader: the same tree hash and proofs, and every entry bundle hashes to the leaves', async () => {
    const reader = tileHashReader(size, tree.readTiles);
    const root = await readTreeHash(size, reader);
    const leafIndexes = unique([0, size - 1, (size * 104_729) % size]);
    const oldSizes = unique([1, Math.max(1, size - 1), Math.max(1, (size * 31) % size)]);
    const answer = reference.check({
      kind: 'tiles',
      directory: tileFolder,
      treeSize: size,
      rootHash: root.toString('base64'),
      leafIndexes,
      oldSizes,
      entries: true,
    });
    expect(answer).toMatchObject({ ok: true, treeHash: root.toString('base64'), entriesChecked: size });
    const ours = {
      inclusionProofs: await Promise.all(leafIndexes.map(async (index) => base64(await readInclusionProof(size, index, reader)))),
      consistencyProofs: await Promise.all(oldSizes.map(async (oldSize) => base64(await readConsistencyProof(oldSize, size, reader)))),
      oldRoots: await Promise.all(oldSizes.map(async (oldSize) => (await readTreeHash(oldSize, reader)).toString('base64'))),
    };
    // Go answers null for an empty list
    const empty = (proofs: unknown) => (proofs as (string[] | null)[]).map((proof) => proof ?? []);
    expect({ inclusionProofs: empty(answer.inclusionProofs), consistencyProofs: empty(answer.consistencyProofs), oldRoots: answer.oldRoots }).toEqual(ours);
  });

  it("an event's entry proof (c2sp.org/tlog-proof) verifies with note.Open and tlog.CheckRecord, for that event only", async () => {
    const { note } = await checkpointOf(size);
    const index = (size * 7) % size;
    const proofText = formatEntryProof({
      index,
      inclusionProof: await readInclusionProof(size, index, tileHashReader(size, tree.readTiles)),
      checkpoint: note,
    });
    const check = { kind: 'entryProof', proofText, logKey, witnessKeys: [witnessKey], origin };
    expect(reference.check({ ...check, entry: eventHash(index).toString('base64') })).toMatchObject({ ok: true, index, treeSize: size });
    expectRefused(reference.check({ ...check, entry: eventHash(index + 1).toString('base64') }), /invalid transparency proof/);
  });
});

describe('the auditor program of docs/ledger-format.md', () => {
  it('builds offline and verifies event proofs made by libs/ledger, and refuses another event or another key', async () => {
    const folder = join(reference.folder, 'auditor');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'verify-event.go'), auditorProgram());
    buildGoProgram(folder, join(folder, 'verify-event'), folder);
    const verifyEvent = (vkey: string, event: Buffer, proof: string) => {
      writeFileSync(join(folder, 'event.tlog-proof'), proof);
      const run = spawnSync(join(folder, 'verify-event'), [vkey, event.toString('hex'), join(folder, 'event.tlog-proof')]);
      return { status: run.status, output: run.stdout.toString() };
    };
    const example = await workedExample();
    expect(verifyEvent(example.log.vkey, example.entries[1], example.entryProofOfLeaf1)).toEqual({
      status: 0,
      output: `VERIFIED: event ${example.entries[1].toString('hex')} is leaf 1 of ${example.origin}, tree size 3, root ${example.root3.toString('base64')}\n`,
    });
    expect(verifyEvent(example.log.vkey, example.entries[2], example.entryProofOfLeaf1)).toMatchObject({
      status: 1,
      output: expect.stringContaining('NOT VERIFIED'),
    });
    expect(verifyEvent(logKey, example.entries[1], example.entryProofOfLeaf1)).toMatchObject({ status: 1, output: expect.stringContaining('NOT VERIFIED') });
    const { note } = await checkpointOf(65_537);
    const proof = formatEntryProof({
      index: 54_321,
      inclusionProof: await readInclusionProof(65_537, 54_321, tileHashReader(65_537, tree.readTiles)),
      checkpoint: note,
    });
    expect(verifyEvent(logKey, eventHash(54_321), proof)).toMatchObject({ status: 0, output: expect.stringContaining('is leaf 54321 of') });
  });
});

describe('the test witness, against the reference', () => {
  it('cosigns checkpoints that Go opens with the log key and the witness key, the second after a consistency proof', async () => {
    const testWitness = await TestWitness.start({ logs: [{ origin, vkey: logKey }] });
    try {
      let witnessedSize = 0;
      for (const size of [257, 65_537, Math.max(...sizes)]) {
        const { text } = await checkpointOf(size);
        const unsigned = signCheckpointNote(parseCheckpointText(text), signer);
        const proof = witnessedSize === 0 ? [] : await readConsistencyProof(witnessedSize, size, tileHashReader(size, tree.readTiles));
        const response = await fetch(`${testWitness.url}/add-checkpoint`, { method: 'POST', body: addCheckpointBody(witnessedSize, proof, unsigned) });
        const body = await response.text();
        const verdict = readWitnessAnswer({ status: response.status, body }, text, cosignatureVerifier(testWitness.vkey));
        expect(verdict).toMatchObject({ kind: 'cosigned' });
        const cosigned = `${unsigned}${body}`;
        const answer = reference.check({ kind: 'checkpoint', note: cosigned, logKey, witnessKeys: [testWitness.vkey], origin });
        expect(answer).toMatchObject({ ok: true, treeSize: size, verified: [origin, testWitness.name] });
        witnessedSize = size;
      }
    } finally {
      await testWitness.close();
    }
  });
});

describe('tampered inputs, refused by the reference and by libs/ledger alike', () => {
  const size = 65_537;

  it('a checkpoint altered, signed by another key, of another origin, or with a forged cosignature', async () => {
    const { note, text } = await checkpointOf(size);
    const impostor = generateKeyPairSync('ed25519');
    const flipped = (() => {
      const [body, signatures] = [note.slice(0, note.indexOf('\n\n') + 2), note.slice(note.indexOf('\n\n') + 2)];
      const line = signatures.split('\n')[0];
      const bytes = Buffer.from(line.split(' ')[2], 'base64');
      bytes[20] ^= 0x01;
      return body + signatures.replace(line, `${line.split(' ').slice(0, 2).join(' ')} ${bytes.toString('base64')}`);
    })();
    const forgedWitness = ed25519Cosigner('witness.example/w1', impostor.privateKey);
    const forgedLine = `— witness.example/w1 ${Buffer.concat([keyIdBytes(cosigner.keyId), forgedWitness.cosign(text, cosignedAt).signature]).toString('base64')}\n`;
    const cases: [string, string, string, RegExp][] = [
      ['a flipped signature bit', flipped, logKey, /invalid signature/],
      ['another tree size', note.replace(`\n${size}\n`, `\n${size + 1}\n`), logKey, /invalid signature/],
      ['another root hash', note.replace(/\n([A-Za-z0-9+/]{43}=)\n/, `\n${Buffer.alloc(32, 9).toString('base64')}\n`), logKey, /invalid signature/],
      ['the key of an impostor under the same name', note, ed25519VerifierKey(origin, impostor.publicKey), /not signed by the log key/],
      ['the log key under another name', note, ed25519VerifierKey('custody.example.be/other', log.publicKey), /not signed by the log key/],
      ['a forged witness cosignature', `${text}\n${note.slice(text.length + 1).split('\n')[0]}\n${forgedLine}`, logKey, /invalid signature/],
      ['no blank line before the signatures', note.replace(`${text}\n`, text), logKey, /malformed/],
    ];
    for (const [what, candidate, key, reason] of cases) {
      const answer = reference.check({ kind: 'checkpoint', note: candidate, logKey: key, witnessKeys: [witnessKey], origin });
      expect({ what, answer }).toEqual({ what, answer: { ok: false, error: expect.stringMatching(reason) } });
      expect(() => openCheckpointNote(candidate, { log: noteVerifier(key), witnesses: [cosignatureVerifier(witnessKey)], origin })).toThrow();
    }
    const otherOrigin = reference.check({ kind: 'checkpoint', note, logKey, origin: 'custody.example.be/other' });
    expectRefused(otherOrigin, /not "custody.example.be\/other"/);
  });

  it('inclusion and consistency proofs altered, shortened, lengthened, or for another leaf or size', async () => {
    const reader = tileHashReader(size, tree.readTiles);
    const root = await readTreeHash(size, reader);
    const proof = await readInclusionProof(size, 4_242, reader);
    const oldRoot = await readTreeHash(30_000, reader);
    const consistency = await readConsistencyProof(30_000, size, reader);
    const flip = (hashes: Buffer[], at: number) =>
      hashes.map((hash, index) => (index === at ? Buffer.from(hash.map((byte, position) => (position === 0 ? byte ^ 1 : byte))) : hash));
    const inclusion = (changes: { proof?: Buffer[]; leafIndex?: number; treeSize?: number; entry?: Buffer }) => ({
      kind: 'inclusion',
      treeSize: changes.treeSize ?? size,
      rootHash: root.toString('base64'),
      leafIndex: changes.leafIndex ?? 4_242,
      entry: (changes.entry ?? eventHash(4_242)).toString('base64'),
      proof: base64(changes.proof ?? proof),
    });
    const consistent = (changes: { proof?: Buffer[]; oldRoot?: Buffer; oldSize?: number }) => ({
      kind: 'consistency',
      oldSize: changes.oldSize ?? 30_000,
      oldRoot: (changes.oldRoot ?? oldRoot).toString('base64'),
      treeSize: size,
      rootHash: root.toString('base64'),
      proof: base64(changes.proof ?? consistency),
    });
    expect(reference.run([inclusion({}), consistent({})])).toEqual([{ ok: true }, { ok: true }]);
    const tampered = [
      inclusion({ proof: flip(proof, 3) }),
      inclusion({ proof: proof.slice(0, -1) }),
      inclusion({ proof: [...proof, root] }),
      inclusion({ leafIndex: 4_243 }),
      inclusion({ entry: eventHash(4_243) }),
      // (size + 1 would pass, here and in RFC 9162: the path is the same; the signed checkpoint binds the size to its root)
      inclusion({ treeSize: 5_000 }),
      consistent({ proof: flip(consistency, 0) }),
      consistent({ proof: consistency.slice(1) }),
      consistent({ oldRoot: flip([oldRoot], 0)[0] }),
      consistent({ oldSize: 30_001 }),
    ];
    for (const [position, answer] of reference.run(tampered).entries())
      expect({ position, answer }).toEqual({ position, answer: expect.objectContaining({ ok: false }) });
    expect(() => verifyInclusion(4_242, size, leafHash(eventHash(4_242)), flip(proof, 3), root)).toThrow();
    expect(() => verifyConsistency(30_000, size, oldRoot, root, flip(consistency, 0))).toThrow();
  });

  it('tiles and entry bundles altered, cut short or missing', async () => {
    const root = await readTreeHash(size, tileHashReader(size, tree.readTiles));
    const tamperedCopy = (path: string, change: (data: Buffer) => Buffer | null) => {
      const folder = join(reference.folder, `tampered-${path.replace(/\//g, '-')}`);
      cpSync(tileFolder, folder, { recursive: true });
      const data = change(readFileSync(join(folder, path)));
      if (data) writeFileSync(join(folder, path), data);
      else rmSync(join(folder, path));
      return folder;
    };
    const flipByte = (at: number) => (data: Buffer) => Buffer.from(data.map((byte, position) => (position === at ? byte ^ 0x80 : byte)));
    const cases: [string, (data: Buffer) => Buffer | null, RegExp][] = [
      ['tile/0/100', flipByte(32 * 17 + 5), /inconsistent tile/],
      ['tile/1/000', flipByte(32 * 200), /inconsistent tile/],
      ['tile/2/000.p/1', flipByte(0), /inconsistent tile/],
      ['tile/0/256.p/1', flipByte(31), /inconsistent tile/],
      ['tile/0/042', (data) => data.subarray(0, data.length - 32), /bad result slice/],
      ['tile/0/007', () => null, /no such file/],
      ['tile/entries/123', flipByte(2 + 34 * 9), /does not hash to its leaf/],
      ['tile/entries/256.p/1', (data) => Buffer.concat([data, data]), /2 entries, not 1/],
    ];
    for (const [path, change, reason] of cases) {
      const answer = reference.check({
        kind: 'tiles',
        directory: tamperedCopy(path, change),
        treeSize: size,
        rootHash: root.toString('base64'),
        leafIndexes: [100 * 256 + 17, 42 * 256, 7 * 256],
        oldSizes: [1],
        entries: true,
      });
      expect({ path, answer }).toEqual({ path, answer: { ok: false, error: expect.stringMatching(reason) } });
    }
  });
});

/** Go's own form of a signer key: PRIVATE+KEY+<name>+<hex key ID>+base64(0x01 || Ed25519 seed). */
function signerKey(name: string, privateKey: KeyObject): string {
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  return `PRIVATE+KEY+${name}+${hexKeyId(ed25519NoteSigner(name, privateKey).keyId)}+${Buffer.concat([Buffer.from([1]), seed]).toString('base64')}`;
}

function keyIdBytes(keyId: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(keyId);
  return bytes;
}

/** JSON.stringify writes a Buffer as {type, data}; the reference reads base64. */
function hashesAsBase64(this: unknown, key: string, value: unknown): unknown {
  return value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer'
    ? Buffer.from((value as { data: number[] }).data).toString('base64')
    : value;
}
