import { generateKeyPairSync } from 'node:crypto';
import { checkpointText, signCheckpointNote } from './checkpoint-note';
import { cosignatureLine, cosignatureVerifier, ed25519Cosigner } from './cosignature';
import { ed25519NoteSigner } from './signed-note';
import { addCheckpointBody, readWitnessAnswer, witnessCheckpointPath } from './witness-protocol';

const treeHead = { origin: 'custody.example/ledger', treeSize: 20, rootHash: Buffer.alloc(32, 3) };
const text = checkpointText(treeHead);
const note = signCheckpointNote(treeHead, ed25519NoteSigner('custody.example/ledger', generateKeyPairSync('ed25519').privateKey));

describe('the add-checkpoint request', () => {
  it('is the old size, one base64 hash a line, a blank line and the checkpoint note', () => {
    const proof = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    expect(addCheckpointBody(12, proof, note)).toBe(`old 12\n${proof[0].toString('base64')}\n${proof[1].toString('base64')}\n\n${note}`);
    expect(addCheckpointBody(0, [], note)).toBe(`old 0\n\n${note}`);
  });

  it('is not built with a proof from an empty tree, a proof of 64 hashes, or a hash of 31 bytes', () => {
    expect(() => addCheckpointBody(0, [Buffer.alloc(32)], note)).toThrow('empty tree');
    expect(() =>
      addCheckpointBody(
        1,
        Array.from({ length: 64 }, () => Buffer.alloc(32)),
        note,
      ),
    ).toThrow('63');
    expect(() => addCheckpointBody(1, [Buffer.alloc(31)], note)).toThrow('32 bytes');
    expect(() => addCheckpointBody(-1, [], note)).toThrow('whole number');
  });
});

describe('the witness answer', () => {
  const witness = generateKeyPairSync('ed25519');
  const cosigner = ed25519Cosigner('witness.example/w1', witness.privateKey);
  const verifier = cosignatureVerifier('witness.example/w1', witness.publicKey);

  it('is the witness cosignature when it cosigned, verified with its key', () => {
    const other = ed25519Cosigner('witness.example/w2', generateKeyPairSync('ed25519').privateKey);
    const body = cosignatureLine(cosigner, text, 1_700_000_000) + cosignatureLine(other, text, 1_700_000_000);
    expect(readWitnessAnswer({ status: 200, body }, text, verifier)).toEqual({
      kind: 'cosigned',
      cosignatures: [expect.objectContaining({ name: 'witness.example/w1', timestamp: 1_700_000_000 })],
    });
  });

  it('is malformed when it carries no valid cosignature of that witness', () => {
    const stranger = ed25519Cosigner('witness.example/w1', generateKeyPairSync('ed25519').privateKey);
    expect(readWitnessAnswer({ status: 200, body: cosignatureLine(stranger, text, 1) }, text, verifier)).toMatchObject({ kind: 'malformed' });
    expect(readWitnessAnswer({ status: 200, body: cosignatureLine(cosigner, text.replace('20', '21'), 1) }, text, verifier)).toMatchObject({
      kind: 'malformed',
      reason: expect.stringContaining('does not verify'),
    });
    expect(readWitnessAnswer({ status: 200, body: '' }, text, verifier)).toMatchObject({ kind: 'malformed' });
  });

  it('is a conflict with the size the witness knows on 409, read from its text/x.tlog.size body', () => {
    expect(readWitnessAnswer({ status: 409, contentType: 'text/x.tlog.size', body: '17\n' }, text, verifier)).toEqual({ kind: 'conflict', witnessSize: 17 });
    expect(readWitnessAnswer({ status: 409, contentType: 'text/x.tlog.size; charset=utf-8', body: '0\n' }, text, verifier)).toEqual({
      kind: 'conflict',
      witnessSize: 0,
    });
    expect(readWitnessAnswer({ status: 409, contentType: 'text/plain', body: '17\n' }, text, verifier)).toMatchObject({ kind: 'malformed' });
    expect(readWitnessAnswer({ status: 409, contentType: 'text/x.tlog.size', body: '017\n' }, text, verifier)).toMatchObject({ kind: 'malformed' });
  });

  it.each([
    [400, 'could not read'],
    [403, 'does not trust'],
    [404, 'does not know'],
    [422, 'inconsistent'],
    [503, 'answered 503'],
  ])('is a refusal on %i that says what it means', (status, reason) => {
    expect(readWitnessAnswer({ status, body: 'whatever' }, text, verifier)).toEqual({ kind: 'refused', status, reason: expect.stringContaining(reason) });
  });

  it('names where the witness serves its latest checkpoint: the hex SHA-256 of the origin', () => {
    expect(witnessCheckpointPath('example.com/behind-the-sofa')).toMatch(/^[0-9a-f]{64}\/checkpoint$/);
  });
});
