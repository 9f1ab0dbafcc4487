import { generateKeyPairSync } from 'node:crypto';
import { checkpointText, openCheckpointNote, parseCheckpointText, signCheckpointNote } from './checkpoint-note';
import { cosignatureVerifier, ed25519Cosigner } from './cosignature';
import { ed25519NoteSigner, ed25519NoteVerifier, NoteError } from './signed-note';
import { CheckpointError } from './checkpoint-note';

const root = Buffer.from('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=', 'base64');

describe('checkpoint notes', () => {
  const log = generateKeyPairSync('ed25519');
  const signer = ed25519NoteSigner('custody.example/ledger', log.privateKey);
  const verifier = ed25519NoteVerifier('custody.example/ledger', log.publicKey);

  it('are the origin, the tree size and the base64 root hash, one a line', () => {
    expect(checkpointText({ origin: 'example.com/behind-the-sofa', treeSize: 20852163, rootHash: root })).toBe(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
    expect(checkpointText({ origin: 'o', treeSize: 0, rootHash: root, extensions: ['a b', 'c'] })).toBe(`o\n0\n${root.toString('base64')}\na b\nc\n`);
  });

  it('are read back exactly as written', () => {
    const treeHead = { origin: 'custody.example/ledger', treeSize: 65_537, rootHash: root, extensions: ['x'] };
    expect(parseCheckpointText(checkpointText(treeHead))).toEqual(treeHead);
  });

  it.each([
    ['two lines', 'o\n1\n'],
    ['no final newline', `o\n1\n${root.toString('base64')}`],
    ['an empty origin', `\n1\n${root.toString('base64')}\n`],
    ['a leading zero', `o\n01\n${root.toString('base64')}\n`],
    ['a sign', `o\n+1\n${root.toString('base64')}\n`],
    ['a size past 2^53', `o\n9007199254740993\n${root.toString('base64')}\n`],
    ['a hex size', `o\n0x10\n${root.toString('base64')}\n`],
    ['a root of 31 bytes', `o\n1\n${root.subarray(1).toString('base64')}\n`],
    ['a root in hex', `o\n1\n${root.toString('hex')}\n`],
    ['a root in base64url', `o\n1\n${Buffer.alloc(32, 0xff).toString('base64url')}\n`],
    ['an empty extension line', `o\n1\n${root.toString('base64')}\n\nx\n`],
  ])('are refused with %s', (_, text) => {
    expect(() => parseCheckpointText(text)).toThrow(CheckpointError);
  });

  it('are signed by the log key and opened with it, for the configured origin only', () => {
    const note = signCheckpointNote({ origin: 'custody.example/ledger', treeSize: 42, rootHash: root }, signer);
    const opened = openCheckpointNote(note, { log: verifier, origin: 'custody.example/ledger' });
    expect(opened.treeHead).toEqual({ origin: 'custody.example/ledger', treeSize: 42, rootHash: root, extensions: [] });
    expect(opened.signatures).toHaveLength(1);
    expect(() => openCheckpointNote(note, { log: verifier, origin: 'custody.example/other' })).toThrow('not of');
    expect(() => openCheckpointNote(note.replace('\n42\n', '\n43\n'), { log: verifier })).toThrow(NoteError);
  });

  it('keep the witnesses cosignatures, verified with their keys, with their times', () => {
    const witness = generateKeyPairSync('ed25519');
    const cosigner = ed25519Cosigner('witness.example/w1', witness.privateKey);
    const treeHead = { origin: 'custody.example/ledger', treeSize: 42, rootHash: root };
    const cosignature = cosigner.cosign(checkpointText(treeHead), 1_700_000_000);
    const note = signCheckpointNote(treeHead, signer, [cosignature]);
    const opened = openCheckpointNote(note, { log: verifier, witnesses: [cosignatureVerifier('witness.example/w1', witness.publicKey)] });
    expect(opened.cosignatures).toEqual([expect.objectContaining({ name: 'witness.example/w1', timestamp: 1_700_000_000 })]);
    expect(openCheckpointNote(note, { log: verifier }).unverified).toHaveLength(1);
  });

  it('are refused when only a witness signed them', () => {
    const witness = generateKeyPairSync('ed25519');
    const cosigner = ed25519Cosigner('witness.example/w1', witness.privateKey);
    const text = checkpointText({ origin: 'custody.example/ledger', treeSize: 42, rootHash: root });
    const note = `${text}\n— witness.example/w1 ${Buffer.concat([keyIdBytes(cosigner.keyId), cosigner.cosign(text, 1).signature]).toString('base64')}\n`;
    expect(() => openCheckpointNote(note, { log: verifier, witnesses: [cosignatureVerifier('witness.example/w1', witness.publicKey)] })).toThrow(
      'not signed by the log key',
    );
  });
});

function keyIdBytes(keyId: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(keyId);
  return bytes;
}
