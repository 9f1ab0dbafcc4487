import { OpenedCheckpoint, openCheckpointNote } from './checkpoint-note';
import { leafHash, verifyInclusion } from './merkle';
import { decodeBase64, NoteError, NoteVerifier } from './signed-note';

/**
 * An offline proof that one entry is in the log (https://c2sp.org/tlog-proof): the entry's index,
 * its inclusion proof and the checkpoint it leads to, with that checkpoint's cosignatures. For
 * Custody, the entry is an event's 32-byte hash, so the proof of an event is this text and the event.
 */
export interface EntryProof {
  /** The entry's position in the log, from 0. */
  index: number;
  inclusionProof: Buffer[];
  /** The signed checkpoint note, verbatim. */
  checkpoint: string;
  /** Opaque, unauthenticated data for the application. */
  extra?: Buffer;
}

export const entryProofHeader = 'c2sp.org/tlog-proof@v1';

export function formatEntryProof(proof: EntryProof): string {
  if (!Number.isSafeInteger(proof.index) || proof.index < 0) throw new NoteError('the index is a whole number');
  if (proof.inclusionProof.some((hash) => hash.length !== 32)) throw new NoteError('a proof hash is 32 bytes');
  const lines = [
    entryProofHeader,
    ...(proof.extra ? [`extra ${proof.extra.toString('base64')}`] : []),
    `index ${proof.index}`,
    ...proof.inclusionProof.map((hash) => hash.toString('base64')),
  ];
  return `${lines.join('\n')}\n\n${proof.checkpoint}`;
}

/** Reads a proof's form; nothing in it is trusted until `verifyEntryProof` says so. */
export function parseEntryProof(text: string): EntryProof {
  const end = text.indexOf('\n\n');
  if (end < 0) throw new NoteError('the proof has no blank line before its checkpoint');
  const lines = text.slice(0, end).split('\n');
  if (lines.shift() !== entryProofHeader) throw new NoteError(`the proof does not start with ${entryProofHeader}`);
  let extra: Buffer | undefined;
  if (lines[0]?.startsWith('extra ')) {
    extra = decodeBase64(lines.shift()!.slice('extra '.length)) ?? undefined;
    if (!extra) throw new NoteError('the extra line is not base64');
  }
  const index = /^index (0|[1-9][0-9]*)$/.exec(lines.shift() ?? '');
  if (!index || !Number.isSafeInteger(Number(index[1]))) throw new NoteError('the proof has no "index <n>" line');
  const inclusionProof = lines.map((line) => decodeBase64(line));
  if (inclusionProof.some((hash) => hash === null || hash.length !== 32)) throw new NoteError('an inclusion proof line is not the base64 of a 32-byte hash');
  return { index: Number(index[1]), inclusionProof: inclusionProof as Buffer[], checkpoint: text.slice(end + 2), ...(extra ? { extra } : {}) };
}

/**
 * Verifies that `entry` is at the proof's index in the tree of a checkpoint signed by the log
 * (and cosigned by the witnesses given); throws a NoteError, a CheckpointError or a ProofError.
 */
export function verifyEntryProof(
  text: string,
  entry: Buffer,
  keys: { log: NoteVerifier | NoteVerifier[]; witnesses?: NoteVerifier[]; origin: string },
): OpenedCheckpoint & { index: number } {
  const proof = parseEntryProof(text);
  const opened = openCheckpointNote(proof.checkpoint, keys);
  verifyInclusion(proof.index, opened.treeHead.treeSize, leafHash(entry), proof.inclusionProof, opened.treeHead.rootHash);
  return { ...opened, index: proof.index };
}
