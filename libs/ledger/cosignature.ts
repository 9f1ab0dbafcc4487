import { KeyObject, sign, verify } from 'node:crypto';
import {
  ed25519PublicKeyBytes,
  ed25519PublicKeyObject,
  formatVerifierKey,
  isValidKeyName,
  NoteError,
  noteKeyId,
  NoteSignature,
  NoteVerifier,
  parseVerifierKey,
  signatureLine,
  signatureType,
} from './signed-note';

/**
 * Timestamped Ed25519 witness cosignatures (https://c2sp.org/tlog-cosignature, `cosignature/v1`):
 * a note signature whose bytes are an 8-byte big-endian POSIX time and an Ed25519 signature over
 * "cosignature/v1\ntime <t>\n" followed by the checkpoint's note text. Its key ID uses signature
 * type 0x04, so the same key can never be mistaken for a plain note signer.
 */
export interface Cosigner {
  name: string;
  keyId: number;
  /** The cosignature of this checkpoint text at this time (seconds since the Epoch). */
  cosign(checkpointText: string, timestamp: number): NoteSignature;
}

export interface Cosignature extends NoteSignature {
  /** When the witness cosigned, in seconds since the Epoch. */
  timestamp: number;
}

const header = 'cosignature/v1';

/** The exact bytes an Ed25519 cosigner signs. */
export function cosignedMessage(checkpointText: string, timestamp: number): Buffer {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new NoteError('a cosignature time is a whole number of seconds since the Epoch');
  if (checkpointText.split('\n').length < 4 || !checkpointText.endsWith('\n')) throw new NoteError('a cosigned text is a checkpoint: at least three lines');
  return Buffer.from(`${header}\ntime ${timestamp}\n${checkpointText}`, 'utf8');
}

export function cosignatureKeyId(name: string, publicKey: KeyObject | Buffer): number {
  return noteKeyId(name, signatureType.ed25519Cosignature, ed25519PublicKeyBytes(publicKey));
}

/** A witness's verifier key: `<name>+<hex key ID>+base64(0x04 || public key)`. */
export function cosignatureVerifierKey(name: string, publicKey: KeyObject | Buffer): string {
  return formatVerifierKey(name, signatureType.ed25519Cosignature, ed25519PublicKeyBytes(publicKey));
}

export function ed25519Cosigner(name: string, privateKey: KeyObject): Cosigner {
  if (!isValidKeyName(name)) throw new NoteError(`"${name}" is not a valid key name: non-empty, without spaces or "+"`);
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new NoteError('the cosigning key is not an Ed25519 private key');
  const keyId = cosignatureKeyId(name, privateKey);
  return {
    name,
    keyId,
    cosign(checkpointText, timestamp) {
      const time = Buffer.alloc(8);
      time.writeBigUInt64BE(BigInt(timestamp));
      return { name, keyId, signature: Buffer.concat([time, sign(null, cosignedMessage(checkpointText, timestamp), privateKey)]) };
    },
  };
}

/** The signature line a witness answers with. */
export function cosignatureLine(cosigner: Cosigner, checkpointText: string, timestamp: number): string {
  return signatureLine(cosigner.cosign(checkpointText, timestamp));
}

/**
 * A note verifier for a witness: given to `openNote` with the log's own verifier, it checks that
 * witness's cosignature. Accepts a vkey of type 0x04 or, like Go's formats package, of type 0x01
 * (the same key, read as a cosigner key).
 */
export function cosignatureVerifier(vkeyOrName: string, publicKey?: KeyObject | Buffer): NoteVerifier {
  let name = vkeyOrName;
  let bytes: Buffer;
  if (publicKey === undefined) {
    const key = parseVerifierKey(vkeyOrName);
    if (key.type !== signatureType.ed25519Cosignature && key.type !== signatureType.ed25519)
      throw new NoteError(`the witness key is of signature type ${key.type}, not an Ed25519 cosignature key (4)`);
    if (key.publicKey.length !== 32) throw new NoteError('an Ed25519 public key is 32 bytes');
    [name, bytes] = [key.name, key.publicKey];
  } else {
    bytes = ed25519PublicKeyBytes(publicKey);
  }
  if (!isValidKeyName(name)) throw new NoteError(`"${name}" is not a valid key name: non-empty, without spaces or "+"`);
  const key = ed25519PublicKeyObject(bytes);
  return {
    name,
    keyId: cosignatureKeyId(name, bytes),
    verify(text, signature) {
      if (signature.length !== 8 + 64) return false;
      const timestamp = signature.readBigUInt64BE(0);
      if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) return false;
      let message: Buffer;
      try {
        message = cosignedMessage(text.toString('utf8'), Number(timestamp));
      } catch {
        return false;
      }
      return verify(null, message, key, signature.subarray(8));
    },
  };
}

/** The time a cosignature was made; it is only as true as the cosignature, so verify it first. */
export function cosignatureTimestamp(signature: NoteSignature): number {
  if (signature.signature.length !== 8 + 64) throw new NoteError('an Ed25519 cosignature is 72 bytes: a time and a signature');
  const timestamp = signature.signature.readBigUInt64BE(0);
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) throw new NoteError('the cosignature time is out of range');
  return Number(timestamp);
}
