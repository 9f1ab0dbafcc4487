import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  addCheckpointBody,
  checkpointText,
  cosignatureVerifier,
  ed25519NoteSigner,
  ed25519VerifierKey,
  NoteSigner,
  openCheckpointNote,
  noteVerifier,
  readConsistencyProof,
  readTreeHash,
  readWitnessAnswer,
  signCheckpointNote,
  tileHashReader,
  witnessCheckpointPath,
} from '../../libs/ledger';
import { TiledTree } from '../../libs/ledger/testing/tiled-tree';
import { TestWitness } from '../support/test-witness';

const origin = 'custody.test/ledger';
const logKey = generateKeyPairSync('ed25519');
const signer = ed25519NoteSigner(origin, logKey.privateKey);
const logVkey = ed25519VerifierKey(origin, logKey.publicKey);
const eventHash = (label: string) => createHash('sha256').update(label).digest();

/** A log of 1,000 events, and a fork of it that rewrites everything after the 500th. */
const tree = new TiledTree();
tree.append(Array.from({ length: 1_000 }, (_, index) => eventHash(`event ${index}`)));
const fork = new TiledTree();
fork.append(Array.from({ length: 1_000 }, (_, index) => eventHash(index < 500 ? `event ${index}` : `rewritten ${index}`)));

async function checkpointOf(size: number, log = tree, by: NoteSigner = signer): Promise<{ note: string; text: string }> {
  const treeHead = { origin, treeSize: size, rootHash: await readTreeHash(size, tileHashReader(size, log.readTiles)) };
  return { note: signCheckpointNote(treeHead, by), text: checkpointText(treeHead) };
}

const proofOf = (oldSize: number, size: number, log = tree) =>
  oldSize === 0 ? Promise.resolve([]) : readConsistencyProof(oldSize, size, tileHashReader(size, log.readTiles));

async function post(witness: TestWitness, body: string | Buffer): Promise<{ status: number; contentType: string | null; body: string }> {
  const response = await fetch(`${witness.url}/add-checkpoint`, { method: 'POST', body });
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
}

async function submit(witness: TestWitness, oldSize: number, size: number, log = tree) {
  const { note, text } = await checkpointOf(size, log);
  const answer = await post(witness, addCheckpointBody(oldSize, await proofOf(oldSize, size, log), note));
  return { ...answer, verdict: readWitnessAnswer(answer, text, cosignatureVerifier(witness.vkey)) };
}

describe('the test witness', () => {
  let witness: TestWitness;
  const folders: string[] = [];

  beforeEach(async () => {
    witness = await TestWitness.start({ logs: [{ origin, vkey: logVkey }] });
  });

  afterEach(async () => {
    await witness.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('cosigns a first checkpoint, submitted with old size 0 and no proof, with a cosignature its verifier key checks', async () => {
    const answer = await submit(witness, 0, 10);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/^— witness\.custody\.test\/w1 [A-Za-z0-9+/=]+\n$/);
    expect(answer.verdict).toEqual({ kind: 'cosigned', cosignatures: [expect.objectContaining({ name: witness.name })] });
    expect(witness.sizeOf(origin)).toBe(10);
  });

  it('cosigns each later checkpoint given a consistency proof from the size it last cosigned', async () => {
    for (const [oldSize, size] of [
      [0, 1],
      [1, 2],
      [2, 255],
      [255, 256],
      [256, 257],
      [257, 257],
      [257, 1_000],
    ])
      expect((await submit(witness, oldSize, size)).verdict).toMatchObject({ kind: 'cosigned' });
    expect(witness.sizeOf(origin)).toBe(1_000);
  });

  it('answers 409 with the size it knows, as text/x.tlog.size, and cosigns once the log proves from that size', async () => {
    await submit(witness, 0, 100);
    const stale = await submit(witness, 0, 300);
    expect(stale).toMatchObject({ status: 409, contentType: 'text/x.tlog.size', body: '100\n', verdict: { kind: 'conflict', witnessSize: 100 } });
    const ahead = await submit(witness, 200, 300);
    expect(ahead.verdict).toEqual({ kind: 'conflict', witnessSize: 100 });
    expect((await submit(witness, 100, 300)).verdict).toMatchObject({ kind: 'cosigned' });
  });

  it('answers 422 to a log that rewrote the history it cosigned', async () => {
    await submit(witness, 0, 600);
    const forked = await submit(witness, 600, 800, fork);
    expect(forked).toMatchObject({ status: 422, verdict: { kind: 'refused', status: 422 } });
    const sameSizeOtherRoot = await submit(witness, 600, 600, fork);
    expect(sameSizeOtherRoot.status).toBe(422);
    expect(witness.sizeOf(origin)).toBe(600);
  });

  it('answers 422 to a proof that does not verify, to a proof from the empty tree, and to an empty tree with another root', async () => {
    await submit(witness, 0, 100);
    const { note } = await checkpointOf(300);
    const proof = await proofOf(100, 300);
    proof[0] = Buffer.alloc(32, 1);
    expect((await post(witness, addCheckpointBody(100, proof, note))).status).toBe(422);
    const other = await TestWitness.start({ logs: [{ origin, vkey: logVkey }] });
    try {
      const withProof = `old 0\n${Buffer.alloc(32).toString('base64')}\n\n${note}`;
      expect((await post(other, withProof)).status).toBe(422);
      const empty = signCheckpointNote({ origin, treeSize: 0, rootHash: Buffer.alloc(32, 7) }, signer);
      expect((await post(other, addCheckpointBody(0, [], empty))).status).toBe(422);
      const emptyTree = signCheckpointNote({ origin, treeSize: 0, rootHash: createHash('sha256').digest() }, signer);
      expect((await post(other, addCheckpointBody(0, [], emptyTree))).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('answers 404 to a log it does not witness', async () => {
    const stranger = ed25519NoteSigner('stranger.test/log', generateKeyPairSync('ed25519').privateKey);
    const note = signCheckpointNote({ origin: 'stranger.test/log', treeSize: 1, rootHash: tree.leaves[0] }, stranger);
    const answer = await post(witness, addCheckpointBody(0, [], note));
    expect(answer.status).toBe(404);
    expect(readWitnessAnswer(answer, '', cosignatureVerifier(witness.vkey))).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('does not know'),
    });
  });

  it('answers 403 to a checkpoint signed by another key, or whose log signature does not verify', async () => {
    const impostor = ed25519NoteSigner(origin, generateKeyPairSync('ed25519').privateKey);
    expect((await post(witness, addCheckpointBody(0, [], (await checkpointOf(10, tree, impostor)).note))).status).toBe(403);
    const { note } = await checkpointOf(10);
    expect((await post(witness, addCheckpointBody(0, [], note.replace('\n10\n', '\n11\n')))).status).toBe(403);
    expect(witness.sizeOf(origin)).toBe(0);
  });

  it.each([
    ['no blank line', (note: string) => `old 0\n${note.replace('\n\n', '\n')}`],
    ['no old line', (note: string) => `\n${note}`],
    ['an old size with a leading zero', (note: string) => `old 00\n\n${note}`],
    ['a proof line that is not base64', (note: string) => `old 5\nnot base64!\n\n${note}`],
    ['a proof hash of 31 bytes', (note: string) => `old 5\n${Buffer.alloc(31).toString('base64')}\n\n${note}`],
    ['64 proof lines', (note: string) => `old 5\n${`${Buffer.alloc(32).toString('base64')}\n`.repeat(64)}\n${note}`],
    ['a checkpoint that is not a note', () => 'old 0\n\ncustody.test/ledger\n10\n'],
  ])('answers 400 to a request with %s', async (_, body) => {
    const { note } = await checkpointOf(10);
    expect((await post(witness, body(note))).status).toBe(400);
  });

  it('answers 400 when the old size is larger than the checkpoint', async () => {
    await submit(witness, 0, 10);
    const { note } = await checkpointOf(5);
    expect((await post(witness, addCheckpointBody(10, [], note))).status).toBe(400);
  });

  it('keeps what it cosigned in its state file, and knows it again after a restart', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'custody-witness-'));
    folders.push(folder);
    const privateKey = generateKeyPairSync('ed25519').privateKey;
    const first = await TestWitness.start({ logs: [{ origin, vkey: logVkey }], stateFile: join(folder, 'state.json'), privateKey });
    await submit(first, 0, 40);
    await first.close();
    const restarted = await TestWitness.start({ logs: [{ origin, vkey: logVkey }], stateFile: join(folder, 'state.json'), privateKey });
    try {
      expect((await submit(restarted, 0, 50)).verdict).toEqual({ kind: 'conflict', witnessSize: 40 });
      expect((await submit(restarted, 40, 50)).verdict).toMatchObject({ kind: 'cosigned' });
    } finally {
      await restarted.close();
    }
  });

  it('serves the latest checkpoint it cosigned, with the log signature and its cosignature, at the SHA-256 of the origin', async () => {
    expect((await fetch(`${witness.url}/${witnessCheckpointPath(origin)}`)).status).toBe(404);
    await submit(witness, 0, 70);
    const response = await fetch(`${witness.url}/${witnessCheckpointPath(origin)}`);
    const opened = openCheckpointNote(await response.text(), { log: noteVerifier(logVkey), witnesses: [cosignatureVerifier(witness.vkey)], origin });
    expect(opened.treeHead.treeSize).toBe(70);
    expect(opened.cosignatures).toEqual([expect.objectContaining({ name: witness.name })]);
  });

  it('cosigns only one of two checkpoints submitted at once from the same old size, and answers the other 409', async () => {
    await submit(witness, 0, 100);
    const answers = await Promise.all([submit(witness, 100, 200), submit(witness, 100, 300)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
  });
});
