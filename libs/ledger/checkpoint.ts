import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from './ledger';
import { leafHash } from './merkle';

export const checkpointFormat = 'custody-checkpoint/1';

/** A signed Merkle tree head over the first `treeSize` events of the ledger: small, self-contained, kept anywhere. */
export interface Checkpoint {
  format: typeof checkpointFormat;
  treeSize: number;
  /** RFC 6962 tree hash over the events' leaves, hex. */
  rootHash: string;
  createdAt: string;
  /** First 16 hex characters of the SHA-256 of the signing key's SPKI DER. */
  keyId: string;
  /** Ed25519 over the RFC 8785 encoding of every other field, base64. */
  signature: string;
}

/** The leaf of an event in the ledger's Merkle tree: SHA-256(0x00 || the event's hash bytes). */
export function eventLeaf(eventHashHex: string): Buffer {
  return leafHash(Buffer.from(eventHashHex, 'hex'));
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .slice(0, 16);
}

function signedText(checkpoint: Omit<Checkpoint, 'signature'>): Buffer {
  const { format, treeSize, rootHash, createdAt, keyId } = checkpoint;
  return Buffer.from(canonicalJson({ format, treeSize, rootHash, createdAt, keyId }), 'utf8');
}

export function signCheckpoint(fields: { treeSize: number; rootHash: string; createdAt: string }, privateKey: KeyObject): Checkpoint {
  const unsigned = { format: checkpointFormat, ...fields, keyId: keyIdOf(createPublicKey(privateKey)) } as const;
  return { ...unsigned, signature: sign(null, signedText(unsigned), privateKey).toString('base64') };
}

/** Whether the checkpoint is well formed and signed by this key; a reason when not. */
export function checkCheckpoint(candidate: unknown, publicKey: KeyObject): { ok: true; checkpoint: Checkpoint } | { ok: false; reason: string } {
  const checkpoint = candidate as Checkpoint;
  if (typeof checkpoint !== 'object' || checkpoint === null || checkpoint.format !== checkpointFormat)
    return { ok: false, reason: `not a ${checkpointFormat} document` };
  if (!Number.isSafeInteger(checkpoint.treeSize) || checkpoint.treeSize < 0) return { ok: false, reason: 'treeSize is not a whole number' };
  if (typeof checkpoint.rootHash !== 'string' || !/^[0-9a-f]{64}$/.test(checkpoint.rootHash)) return { ok: false, reason: 'rootHash is not 64 hex characters' };
  if (typeof checkpoint.createdAt !== 'string' || typeof checkpoint.signature !== 'string')
    return { ok: false, reason: 'createdAt and signature must be strings' };
  if (checkpoint.keyId !== keyIdOf(publicKey))
    return { ok: false, reason: `signed with key ${String(checkpoint.keyId)}, not with this installation's key ${keyIdOf(publicKey)}` };
  const valid = verify(null, signedText(checkpoint), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  return valid ? { ok: true, checkpoint } : { ok: false, reason: 'the signature does not match: the checkpoint was altered or not signed by this key' };
}
