import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';

/**
 * C2SP signed notes (https://c2sp.org/signed-note): a text ending in a newline, a blank line, then
 * one or more lines `— <key name> base64(key ID || signature)`. The checkpoint, its witnesses'
 * cosignatures and the verifier keys auditors are given are all in this form, so that standard
 * transparency-log tools (Go's golang.org/x/mod/sumdb/note and its kin) read them unchanged.
 */
export class NoteError extends Error {}

/** Signature type bytes of the specification: they go into key IDs and verifier keys. */
export const signatureType = { ed25519: 0x01, ed25519Cosignature: 0x04 } as const;

export interface NoteSigner {
  name: string;
  /** The uint32 key ID written, big-endian, before each signature. */
  keyId: number;
  sign(text: Buffer): Buffer;
}

export interface NoteVerifier {
  name: string;
  keyId: number;
  verify(text: Buffer, signature: Buffer): boolean;
}

/** One signature line of a note: its key name, key ID and the signature bytes that follow the key ID. */
export interface NoteSignature {
  name: string;
  keyId: number;
  signature: Buffer;
}

export interface OpenedNote {
  /** The signed text, final newline included. */
  text: string;
  /** Signatures of the verifiers given, each checked. */
  verified: NoteSignature[];
  /** Signatures of keys not given: ignored, as the specification asks, but kept (a witness's cosignature, another log key). */
  unverified: NoteSignature[];
}

const emDash = '\u2014';
/** Go's note package allows 100 signatures; the specification asks for at least 16. */
const maximumSignatures = 100;

/** A key name is non-empty, with no Unicode space and no plus sign. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\p{White_Space}+]/u.test(name) && isWellFormed(name);
}

/** SHA-256(key name || 0x0A || signature type || public key)[:4], read as a big-endian uint32. */
export function noteKeyId(name: string, type: number, publicKey: Buffer): number {
  return createHash('sha256')
    .update(Buffer.from(`${name}\n`, 'utf8'))
    .update(Buffer.from([type]))
    .update(publicKey)
    .digest()
    .readUInt32BE(0);
}

export function hexKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** The 32 bytes of an Ed25519 public key (RFC 8032), from a Node key: a PEM file's, a private key's, or raw bytes. */
export function ed25519PublicKeyBytes(key: KeyObject | Buffer): Buffer {
  if (Buffer.isBuffer(key)) {
    if (key.length !== 32) throw new NoteError('an Ed25519 public key is 32 bytes');
    return key;
  }
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new NoteError('the key is not an Ed25519 key');
  return Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
}

/** A Node public key object from the 32 bytes of an Ed25519 public key. */
export function ed25519PublicKeyObject(publicKey: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: ed25519PublicKeyBytes(publicKey).toString('base64url') }, format: 'jwk' });
}

/** Signs note texts with the installation's Ed25519 key (the one of `LEDGER_KEY_FILE`) under a key name. */
export function ed25519NoteSigner(name: string, privateKey: KeyObject): NoteSigner {
  if (!isValidKeyName(name)) throw new NoteError(`"${name}" is not a valid key name: non-empty, without spaces or "+"`);
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new NoteError('the signing key is not an Ed25519 private key');
  return {
    name,
    keyId: noteKeyId(name, signatureType.ed25519, ed25519PublicKeyBytes(privateKey)),
    sign: (text) => sign(null, text, privateKey),
  };
}

export function ed25519NoteVerifier(name: string, publicKey: KeyObject | Buffer): NoteVerifier {
  if (!isValidKeyName(name)) throw new NoteError(`"${name}" is not a valid key name: non-empty, without spaces or "+"`);
  const bytes = ed25519PublicKeyBytes(publicKey);
  const key = ed25519PublicKeyObject(bytes);
  return {
    name,
    keyId: noteKeyId(name, signatureType.ed25519, bytes),
    verify: (text, signature) => signature.length === 64 && verify(null, text, key, signature),
  };
}

/** The verifier key (vkey) of an Ed25519 key: `<name>+<hex key ID>+base64(0x01 || public key)`, what auditors and witnesses are given. */
export function ed25519VerifierKey(name: string, publicKey: KeyObject | Buffer): string {
  return formatVerifierKey(name, signatureType.ed25519, ed25519PublicKeyBytes(publicKey));
}

export function formatVerifierKey(name: string, type: number, publicKey: Buffer): string {
  if (!isValidKeyName(name)) throw new NoteError(`"${name}" is not a valid key name: non-empty, without spaces or "+"`);
  return `${name}+${hexKeyId(noteKeyId(name, type, publicKey))}+${Buffer.concat([Buffer.from([type]), publicKey]).toString('base64')}`;
}

export interface VerifierKey {
  name: string;
  keyId: number;
  type: number;
  publicKey: Buffer;
}

/** Reads a vkey; refuses a malformed one or one whose key ID does not match its name and key. */
export function parseVerifierKey(vkey: string): VerifierKey {
  const match = /^([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey);
  const key = match ? decodeBase64(match[3]) : null;
  if (!match || !key || key.length < 2 || !isValidKeyName(match[1])) throw new NoteError('not a verifier key of the form <name>+<8 hex digits>+<base64 key>');
  const [name, keyId, type, publicKey] = [match[1], parseInt(match[2], 16), key[0], key.subarray(1)];
  if (noteKeyId(name, type, publicKey) !== keyId) throw new NoteError(`the key ID ${match[2]} does not match the key name and public key`);
  return { name, keyId, type, publicKey };
}

/** A verifier for an Ed25519 (0x01) vkey. Cosigner vkeys (0x04) are read by `cosignatureVerifier`. */
export function noteVerifier(vkey: string): NoteVerifier {
  const key = parseVerifierKey(vkey);
  if (key.type !== signatureType.ed25519) throw new NoteError(`the verifier key is of signature type ${key.type}, not Ed25519 (1)`);
  return ed25519NoteVerifier(key.name, key.publicKey);
}

/** `— <name> base64(key ID || signature)` and its newline. */
export function signatureLine(signature: NoteSignature): string {
  const keyId = Buffer.alloc(4);
  keyId.writeUInt32BE(signature.keyId);
  return `${emDash} ${signature.name} ${Buffer.concat([keyId, signature.signature]).toString('base64')}\n`;
}

/** A note of this text signed by each signer, then carrying the signatures given (kept, say, from witnesses). */
export function signNote(text: string, signers: NoteSigner[], kept: NoteSignature[] = []): string {
  checkText(text);
  const bytes = Buffer.from(text, 'utf8');
  // the signers' own lines first: a checkpoint reads log signature, then cosignatures
  const signatures = [...signers.map((signer) => ({ name: signer.name, keyId: signer.keyId, signature: signer.sign(bytes) })), ...kept];
  if (signatures.length === 0) throw new NoteError('a note needs at least one signature');
  for (const signature of signatures)
    if (!isValidKeyName(signature.name)) throw new NoteError(`"${signature.name}" is not a valid key name: non-empty, without spaces or "+"`);
  return `${text}\n${signatures.map(signatureLine).join('')}`;
}

/** Splits a note into its text and signature lines, checking only its form; nothing here is trusted yet. */
export function parseNote(note: string | Buffer): { text: string; signatures: NoteSignature[] } {
  const content = typeof note === 'string' ? note : decodeUtf8(note);
  if (!isWellFormed(content)) throw new NoteError('the note is not valid UTF-8');
  if (hasControlCharacter(content)) throw new NoteError('the note holds a control character other than newline');
  // the text ends at the last blank line: the text itself may hold blank lines
  const split = content.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('the note has no blank line before its signatures');
  const text = content.slice(0, split + 1);
  const block = content.slice(split + 2);
  if (!block.endsWith('\n')) throw new NoteError('the note has no signature lines, or its last line does not end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > maximumSignatures) throw new NoteError(`the note has more than ${maximumSignatures} signatures`);
  const signatures = lines.map((line) => {
    const match = new RegExp(`^${emDash} ([^ ]+) ([A-Za-z0-9+/=]+)$`).exec(line);
    const bytes = match ? decodeBase64(match[2]) : null;
    if (!match || !bytes || bytes.length < 5 || !isValidKeyName(match[1])) throw new NoteError(`malformed signature line: ${JSON.stringify(line)}`);
    return { name: match[1], keyId: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
  });
  return { text, signatures };
}

/**
 * Opens a note with the verifiers one trusts: every signature of a known key (same name and key ID)
 * must verify, signatures of other keys are set aside, and at least one known signature is needed.
 */
export function openNote(note: string | Buffer, verifiers: NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(note);
  const known = new Map<string, NoteVerifier>();
  for (const verifier of verifiers) {
    const key = `${verifier.name}+${hexKeyId(verifier.keyId)}`;
    if (known.has(key)) throw new NoteError(`two verifiers share the key name and ID ${key}`);
    known.set(key, verifier);
  }
  const textBytes = Buffer.from(text, 'utf8');
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const signature of signatures) {
    const key = `${signature.name}+${hexKeyId(signature.keyId)}`;
    const line = signatureLine(signature);
    if (seen.has(line)) continue;
    seen.add(line);
    const verifier = known.get(key);
    if (!verifier) {
      unverified.push(signature);
      continue;
    }
    if (verified.some((other) => other.name === signature.name && other.keyId === signature.keyId)) continue;
    if (!verifier.verify(textBytes, signature.signature)) throw new NoteError(`the signature of key ${key} does not verify: the note was altered`);
    verified.push(signature);
  }
  if (verified.length === 0) throw new NoteError('the note carries no signature of a trusted key');
  return { text, verified, unverified };
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new NoteError('a note text ends with a newline');
  if (!isWellFormed(text)) throw new NoteError('a note text is valid Unicode');
  if (hasControlCharacter(text)) throw new NoteError('a note text holds no control character other than newline');
}

/** Standard base64 with its padding, as Go's base64.StdEncoding reads it; null when it is not. */
export function decodeBase64(text: string): Buffer | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
  return Buffer.from(text, 'base64');
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new NoteError('the note is not valid UTF-8');
  }
}

/** A character below U+0020 other than the newline. */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 && code !== 0x0a) return true;
  }
  return false;
}

/** No lone UTF-16 surrogate: such a string has no UTF-8 encoding. */
function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
