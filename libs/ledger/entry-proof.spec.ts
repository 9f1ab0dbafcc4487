import { createHash, generateKeyPairSync } from 'node:crypto';
import { checkpointText, signCheckpointNote } from './checkpoint-note';
import { cosignatureVerifier, ed25519Cosigner } from './cosignature';
import { formatEntryProof, parseEntryProof, verifyEntryProof } from './entry-proof';
import { ed25519NoteSigner, ed25519NoteVerifier } from './signed-note';
import { TiledTree } from './testing/tiled-tree';
import { readInclusionProof, readTreeHash, tileHashReader } from './tile-proofs';

const origin = 'custody.example/ledger';
const log = generateKeyPairSync('ed25519');
const witness = generateKeyPairSync('ed25519');
const eventHash = (index: number) => createHash('sha256').update(`event ${index}`).digest();

async function proofOf(index: number, size = 300): Promise<string> {
  const tree = new TiledTree();
  tree.append(Array.from({ length: size }, (_, position) => eventHash(position)));
  const reader = tileHashReader(size, tree.readTiles);
  const treeHead = { origin, treeSize: size, rootHash: await readTreeHash(size, reader) };
  const cosignature = ed25519Cosigner('witness.example/w1', witness.privateKey).cosign(checkpointText(treeHead), 1_700_000_000);
  const checkpoint = signCheckpointNote(treeHead, ed25519NoteSigner(origin, log.privateKey), [cosignature]);
  return formatEntryProof({ index, inclusionProof: await readInclusionProof(size, index, reader), checkpoint });
}

const keys = {
  log: ed25519NoteVerifier(origin, log.publicKey),
  witnesses: [cosignatureVerifier('witness.example/w1', witness.publicKey)],
  origin,
};

describe('entry proofs (c2sp.org/tlog-proof)', () => {
  it('are the header, the index, the inclusion proof and the checkpoint, and verify offline against the event', async () => {
    const text = await proofOf(123);
    expect(text).toMatch(/^c2sp\.org\/tlog-proof@v1\nindex 123\n([A-Za-z0-9+/]{43}=\n){9}\ncustody\.example\/ledger\n300\n/);
    const verified = verifyEntryProof(text, eventHash(123), keys);
    expect(verified).toMatchObject({ index: 123, treeHead: { treeSize: 300 }, cosignatures: [expect.objectContaining({ timestamp: 1_700_000_000 })] });
  });

  it('are refused for another event, another index, a changed proof hash or another log', async () => {
    const text = await proofOf(123);
    expect(() => verifyEntryProof(text, eventHash(124), keys)).toThrow('root');
    expect(() => verifyEntryProof(text.replace('index 123', 'index 122'), eventHash(123), keys)).toThrow();
    const lines = text.split('\n');
    lines[3] = Buffer.alloc(32).toString('base64');
    expect(() => verifyEntryProof(lines.join('\n'), eventHash(123), keys)).toThrow();
    expect(() => verifyEntryProof(text, eventHash(123), { ...keys, origin: 'other.example/log' })).toThrow('not of');
  });

  it('carry opaque extra data, and are read back as written', async () => {
    const text = await proofOf(0, 1);
    const parsed = parseEntryProof(text);
    const withExtra = formatEntryProof({ ...parsed, extra: Buffer.from('item 42') });
    expect(withExtra.split('\n').slice(0, 3)).toEqual(['c2sp.org/tlog-proof@v1', `extra ${Buffer.from('item 42').toString('base64')}`, 'index 0']);
    expect(parseEntryProof(withExtra)).toEqual({ ...parsed, extra: Buffer.from('item 42') });
  });

  it.each([
    ['another header', (text: string) => text.replace('tlog-proof@v1', 'tlog-proof@v2')],
    ['no index', (text: string) => text.replace('index 7\n', '')],
    ['a leading zero', (text: string) => text.replace('index 7', 'index 07')],
    ['a proof line in hex', (text: string) => text.replace(/\n([A-Za-z0-9+/]{43}=)\n/, '\n00ff\n')],
    ['no blank line', (text: string) => text.replace('\n\n', '\n')],
  ])('are refused when malformed: %s', async (_, change) => {
    expect(() =>
      parseEntryProof(change(formatEntryProof({ index: 7, inclusionProof: [Buffer.alloc(32)], checkpoint: 'o\n1\nx\n\n— k AAAAAAAA\n' }))),
    ).toThrow();
  });
});
