import { createHash } from 'node:crypto';
import { Cosignature, cosignatureTimestamp } from './cosignature';
import { NoteError, NoteVerifier, openNote } from './signed-note';

/**
 * The log's side of the C2SP witness protocol (https://c2sp.org/tlog-witness): the body of
 * `POST <witness>/add-checkpoint` and what its answers mean. The HTTP call itself is the caller's.
 */

/** The most consistency proof lines a witness accepts: a proof in a tree of 2^63 leaves is never longer. */
export const maximumProofLines = 63;

/**
 * `old <size>`, one base64 line per consistency proof hash, a blank line, then the signed checkpoint.
 * `oldSize` is the size the witness last cosigned (0 for a first submission, with an empty proof).
 */
export function addCheckpointBody(oldSize: number, consistencyProof: Buffer[], checkpointNote: string): string {
  if (!Number.isSafeInteger(oldSize) || oldSize < 0) throw new NoteError('the old size is a whole number');
  if (consistencyProof.length > maximumProofLines) throw new NoteError(`a consistency proof has at most ${maximumProofLines} hashes`);
  if (oldSize === 0 && consistencyProof.length > 0) throw new NoteError('nothing is proved from an empty tree: the proof must be empty');
  if (consistencyProof.some((hash) => hash.length !== 32)) throw new NoteError('a proof hash is 32 bytes');
  return [`old ${oldSize}`, ...consistencyProof.map((hash) => hash.toString('base64')), '', checkpointNote].join('\n');
}

export type WitnessAnswer =
  /** The witness cosigned: its verified cosignatures, to keep with the checkpoint. */
  | { kind: 'cosigned'; cosignatures: Cosignature[] }
  /** 409: the witness last cosigned a tree of `witnessSize` leaves; submit again with a proof from that size. */
  | { kind: 'conflict'; witnessSize: number }
  /** The witness refused; `reason` says what its status means. 422 deserves an alarm: it saw an inconsistent tree. */
  | { kind: 'refused'; status: number; reason: string }
  /** The answer is not what the protocol allows (not the witness's cosignature, an unreadable size). */
  | { kind: 'malformed'; status: number; reason: string };

const refusals: Record<number, string> = {
  400: 'the witness could not read the request, or the old size is larger than the checkpoint',
  403: 'the witness does not trust the log key for this origin, or the signature did not verify',
  404: 'the witness does not know this log origin',
  422: 'the witness found the checkpoint inconsistent with the tree it cosigned before (or with the consistency proof given)',
};

/** Reads a witness's answer to add-checkpoint, verifying a cosignature against the witness's key. */
export function readWitnessAnswer(
  answer: { status: number; contentType?: string | null; body: string },
  checkpointText: string,
  witness: NoteVerifier,
): WitnessAnswer {
  const { status, body } = answer;
  if (status === 200) {
    try {
      // the answer is signature lines: with the checkpoint's text in front they form a note of their own
      const opened = openNote(`${checkpointText}\n${body}`, [witness]);
      return { kind: 'cosigned', cosignatures: opened.verified.map((signature) => ({ ...signature, timestamp: cosignatureTimestamp(signature) })) };
    } catch (error) {
      return { kind: 'malformed', status, reason: `the answer carries no valid cosignature of ${witness.name}: ${(error as Error).message}` };
    }
  }
  if (status === 409) {
    const mediaType = (answer.contentType ?? '').split(';')[0].trim().toLowerCase();
    const size = /^(0|[1-9][0-9]*)\n$/.exec(body);
    if (mediaType !== 'text/x.tlog.size' || !size || !Number.isSafeInteger(Number(size[1])))
      return { kind: 'malformed', status, reason: 'a 409 answer is a text/x.tlog.size body: the size and a newline' };
    return { kind: 'conflict', witnessSize: Number(size[1]) };
  }
  return { kind: 'refused', status, reason: refusals[status] ?? `the witness answered ${status}` };
}

/** Where a witness serves the latest checkpoint it cosigned for a log, under its monitoring prefix. */
export function witnessCheckpointPath(origin: string): string {
  return `${createHash('sha256').update(origin, 'utf8').digest('hex')}/checkpoint`;
}
