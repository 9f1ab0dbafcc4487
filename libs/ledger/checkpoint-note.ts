import { Cosignature, cosignatureTimestamp } from './cosignature';
import { decodeBase64, NoteError, NoteSignature, NoteSigner, NoteVerifier, openNote, signNote } from './signed-note';

/**
 * Checkpoints as C2SP tlog-checkpoint signed notes (https://c2sp.org/tlog-checkpoint): the origin
 * line, the tree size in decimal, the base64 RFC 6962 root hash, optional extension lines; signed
 * by the installation's key and cosigned by witnesses. Custody's earlier JSON checkpoints
 * (checkpoint.ts) stay readable beside these.
 */
export interface TreeHead {
  /** Names the log: a schema-less URL such as `custody.example.be/ledger`, configurable per installation. */
  origin: string;
  treeSize: number;
  /** RFC 6962 root hash of the first `treeSize` leaves, 32 bytes. */
  rootHash: Buffer;
  /** Opaque lines after the root hash; the specification discourages them, monitors cannot audit them. */
  extensions?: string[];
}

export interface OpenedCheckpoint {
  treeHead: Required<TreeHead>;
  /** The note text, the exact bytes signed and cosigned. */
  text: string;
  /** The log signature(s) that verified. */
  signatures: NoteSignature[];
  /** Cosignatures of the witnesses given, each verified, with its time. */
  cosignatures: Cosignature[];
  /** Signature lines of keys that were not given: other witnesses, a rotated log key. */
  unverified: NoteSignature[];
}

export class CheckpointError extends Error {}

/** The note text of a tree head, final newline included. */
export function checkpointText(treeHead: TreeHead): string {
  const { origin, treeSize, rootHash, extensions = [] } = treeHead;
  if (origin.length === 0 || /[\n]/.test(origin)) throw new CheckpointError('the origin is one non-empty line');
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new CheckpointError('the tree size is a whole number');
  if (rootHash.length !== 32) throw new CheckpointError('the root hash is 32 bytes');
  for (const line of extensions) if (line.length === 0 || line.includes('\n')) throw new CheckpointError('an extension line is one non-empty line');
  return [origin, String(treeSize), rootHash.toString('base64'), ...extensions].map((line) => `${line}\n`).join('');
}

/** Reads a checkpoint's note text strictly: any other spelling of the same numbers is refused. */
export function parseCheckpointText(text: string): Required<TreeHead> {
  if (!text.endsWith('\n')) throw new CheckpointError('a checkpoint text ends with a newline');
  const [origin, size, root, ...extensions] = text.slice(0, -1).split('\n');
  if (root === undefined) throw new CheckpointError('a checkpoint has at least three lines: origin, tree size, root hash');
  if (origin.length === 0) throw new CheckpointError('the origin line is empty');
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw new CheckpointError(`the tree size ${JSON.stringify(size)} is not a decimal number without leading zeros`);
  const rootHash = decodeBase64(root);
  if (!rootHash || rootHash.length !== 32 || rootHash.toString('base64') !== root)
    throw new CheckpointError(`the root hash ${JSON.stringify(root)} is not the base64 of 32 bytes`);
  if (extensions.some((line) => line.length === 0)) throw new CheckpointError('an extension line is empty');
  return { origin, treeSize: Number(size), rootHash, extensions };
}

/** The signed checkpoint note; cosignatures already obtained for this very text may be kept in it. */
export function signCheckpointNote(treeHead: TreeHead, signer: NoteSigner, cosignatures: NoteSignature[] = []): string {
  return signNote(checkpointText(treeHead), [signer], cosignatures);
}

/**
 * Verifies a checkpoint note with the log's key (and the witnesses' keys one trusts) and reads its
 * tree head. Refused: a bad log signature, a bad signature of any key given, another origin.
 */
export function openCheckpointNote(
  note: string | Buffer,
  keys: { log: NoteVerifier | NoteVerifier[]; witnesses?: NoteVerifier[]; origin?: string },
): OpenedCheckpoint {
  const logVerifiers = Array.isArray(keys.log) ? keys.log : [keys.log];
  const witnesses = keys.witnesses ?? [];
  const opened = openNote(note, [...logVerifiers, ...witnesses]);
  const isLog = (signature: NoteSignature) => logVerifiers.some((verifier) => verifier.name === signature.name && verifier.keyId === signature.keyId);
  const signatures = opened.verified.filter(isLog);
  if (signatures.length === 0) throw new NoteError('the checkpoint is not signed by the log key');
  const treeHead = parseCheckpointText(opened.text);
  if (keys.origin !== undefined && treeHead.origin !== keys.origin)
    throw new CheckpointError(`the checkpoint is of log ${JSON.stringify(treeHead.origin)}, not of ${JSON.stringify(keys.origin)}`);
  const cosignatures = opened.verified
    .filter((signature) => !isLog(signature))
    .map((signature) => ({ ...signature, timestamp: cosignatureTimestamp(signature) }));
  return { treeHead, text: opened.text, signatures, cosignatures, unverified: opened.unverified };
}
