import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { checkCheckpoint, keyIdOf, signCheckpoint } from './checkpoint';

describe('checkpoints', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const checkpoint = signCheckpoint({ treeSize: 42, rootHash: 'ab'.repeat(32), createdAt: '2026-11-23T20:00:00.000Z' }, privateKey);

  it('are signed with Ed25519 and name their key', () => {
    expect(checkpoint).toMatchObject({ format: 'custody-checkpoint/1', treeSize: 42, keyId: keyIdOf(createPublicKey(privateKey)) });
    expect(checkCheckpoint(JSON.parse(JSON.stringify(checkpoint)), publicKey)).toEqual({ ok: true, checkpoint });
  });

  it('are refused when any field changes, when signed by another key, or when malformed', () => {
    expect(checkCheckpoint({ ...checkpoint, treeSize: 43 }, publicKey)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('signature does not match'),
    });
    expect(checkCheckpoint({ ...checkpoint, rootHash: 'cd'.repeat(32) }, publicKey)).toMatchObject({ ok: false });
    expect(checkCheckpoint({ ...checkpoint, createdAt: '2027-01-01T00:00:00.000Z' }, publicKey)).toMatchObject({ ok: false });
    expect(checkCheckpoint(checkpoint, other.publicKey)).toMatchObject({ ok: false, reason: expect.stringContaining('not with this installation') });
    const forged = signCheckpoint({ treeSize: 42, rootHash: 'ab'.repeat(32), createdAt: checkpoint.createdAt }, other.privateKey);
    expect(checkCheckpoint({ ...forged, keyId: checkpoint.keyId }, publicKey)).toMatchObject({ ok: false, reason: expect.stringContaining('signature') });
    expect(checkCheckpoint({ format: 'x' }, publicKey)).toMatchObject({ ok: false });
    expect(checkCheckpoint(null, publicKey)).toMatchObject({ ok: false });
  });
});
