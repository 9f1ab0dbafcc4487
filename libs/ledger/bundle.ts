import { createHash, createPublicKey, KeyObject } from 'node:crypto';
import { canonicalJson } from './ledger';
import { Checkpoint, checkCheckpoint, eventLeaf } from './checkpoint';
import { openCheckpointNote } from './checkpoint-note';
import { ed25519VerifierKey, noteVerifier, parseVerifierKey } from './signed-note';
import { LedgerEvent, verifyItemChain } from './ledger';
import { ProofError, verifyInclusion } from './merkle';

export const bundleFormat = 'custody-proof-bundle/1';

export type BundleEvent = Omit<LedgerEvent, 'item'> & { hash: string };

/** An event inside the checkpoint's tree: its leaf index (its sequence − 1) and the RFC 6962 inclusion proof. */
export type AnchoredEvent = BundleEvent & { sequence: number; leafIndex: number; inclusionProof: string[] };

/** Everything needed to check one item's custody history without the server or its database. */
export interface ProofBundle {
  format: typeof bundleFormat;
  item: string;
  /** The JSON document, with its C2SP note when the checkpoint has one. */
  checkpoint: Checkpoint & { note?: string | null };
  publicKey: { algorithm: string; keyId: string; publicKey: string; origin?: string; verifierKey?: string };
  events: AnchoredEvent[];
  /** Events newer than the checkpoint, or not yet given a position: their chain is checked, their anchoring cannot be yet. */
  unanchoredEvents: BundleEvent[];
}

export interface BundleVerdict {
  ok: boolean;
  /** What was checked and held. */
  checked: string[];
  /** What failed; empty when ok. */
  problems: string[];
  /** Said when true but worth knowing: a key taken from the bundle itself, events not anchored yet. */
  notes: string[];
}

/**
 * Checks a bundle: the checkpoint's signature (with a key obtained apart from the bundle, if given,
 * as PEM or as a key already read), each event's hash, the item's chain, and each event's inclusion
 * in the checkpoint's tree. If a saved checkpoint is given, the bundle must be anchored in exactly
 * that one.
 */
export function verifyBundle(bundle: ProofBundle, options: { publicKeyPem?: string | KeyObject; checkpoint?: Checkpoint } = {}): BundleVerdict {
  const verdict: BundleVerdict = { ok: false, checked: [], problems: [], notes: [] };
  if (bundle?.format !== bundleFormat || !Array.isArray(bundle.events) || !Array.isArray(bundle.unanchoredEvents)) {
    verdict.problems.push(`this is not a ${bundleFormat} document`);
    return verdict;
  }
  let key: KeyObject;
  try {
    const given = options.publicKeyPem ?? bundle.publicKey?.publicKey ?? '';
    key = given instanceof KeyObject ? given : createPublicKey(given);
  } catch {
    verdict.problems.push('the public key cannot be read');
    return verdict;
  }
  if (!options.publicKeyPem)
    verdict.notes.push('the public key was taken from the bundle itself: compare its key id with one obtained from the installation or a court document');
  const signature = checkCheckpoint(bundle.checkpoint, key);
  if (signature.ok) verdict.checked.push(`checkpoint over ${bundle.checkpoint.treeSize} events is signed by key ${bundle.checkpoint.keyId}`);
  else verdict.problems.push(`checkpoint: ${signature.reason}`);
  checkNote(bundle, key, verdict);
  if (options.checkpoint) {
    const same = options.checkpoint.treeSize === bundle.checkpoint?.treeSize && options.checkpoint.rootHash === bundle.checkpoint?.rootHash;
    if (same) verdict.checked.push('the bundle is anchored in the saved checkpoint given');
    else
      verdict.problems.push(
        `the bundle is anchored in a checkpoint over ${bundle.checkpoint?.treeSize} events, not in the saved one over ${options.checkpoint.treeSize}: ask for a bundle against it, or a consistency proof`,
      );
  }

  const all = [...bundle.events, ...bundle.unanchoredEvents];
  const chain = verifyItemChain(all.map((event) => ({ ...event, item: bundle.item })));
  if (!chain.ok) {
    const type = all.find((event) => event.itemSequence === chain.itemSequence)?.type ?? 'unknown';
    verdict.problems.push(
      `event ${chain.itemSequence} of the item (${type}${chain.sequence === null ? '' : `, ledger position ${chain.sequence}`}): ${chain.reason}`,
    );
  }
  for (const event of bundle.events) {
    const name = `event ${event.itemSequence} of the item (${event.type}, ledger position ${event.sequence})`;
    if (event.leafIndex !== event.sequence - 1) verdict.problems.push(`${name}: its leaf index must be its position − 1`);
    else if (signature.ok) {
      try {
        verifyInclusion(
          event.leafIndex,
          bundle.checkpoint.treeSize,
          eventLeaf(event.hash),
          (event.inclusionProof ?? []).map((hash) => Buffer.from(hash, 'hex')),
          Buffer.from(bundle.checkpoint.rootHash, 'hex'),
        );
      } catch (error) {
        verdict.problems.push(`${name}: not included in the checkpoint (${error instanceof ProofError ? error.message : 'unreadable proof'})`);
      }
    }
  }
  if (bundle.events.length + bundle.unanchoredEvents.length === 0) verdict.problems.push('the bundle holds no events');
  else
    verdict.checked.push(
      `${bundle.events.length + bundle.unanchoredEvents.length} events of item ${bundle.item} hash and chain correctly${bundle.events.length ? `; ${bundle.events.length} are included in the checkpoint` : ''}`,
    );
  if (bundle.unanchoredEvents.length) verdict.notes.push(`${bundle.unanchoredEvents.length} newer events are not in a checkpoint yet`);
  verdict.ok = verdict.problems.length === 0;
  return verdict;
}

/** SHA-256 of the bundle's RFC 8785 encoding: printed on the paper report, shown by the offline verifier. */
export function bundleDigest(bundle: ProofBundle): string {
  return createHash('sha256').update(canonicalJson(bundle), 'utf8').digest('hex');
}

/**
 * The checkpoint's C2SP note, when the bundle carries one: signed by the same key (under the key
 * name of the bundle's verifier key), naming the same tree as the JSON document.
 */
function checkNote(bundle: ProofBundle, key: KeyObject, verdict: BundleVerdict): void {
  const note = bundle.checkpoint?.note;
  const published = bundle.publicKey?.verifierKey;
  if (typeof note !== 'string' || typeof published !== 'string') return;
  try {
    const vkey = ed25519VerifierKey(parseVerifierKey(published).name, key);
    const opened = openCheckpointNote(note, { log: noteVerifier(vkey), origin: bundle.publicKey.origin });
    if (opened.treeHead.treeSize !== bundle.checkpoint.treeSize || opened.treeHead.rootHash.toString('hex') !== bundle.checkpoint.rootHash) {
      verdict.problems.push('checkpoint note: it names another tree than the checkpoint document');
    } else {
      verdict.checked.push(`checkpoint note of ${opened.treeHead.origin} opens with verifier key ${vkey}`);
    }
  } catch (error) {
    verdict.problems.push(`checkpoint note: ${(error as Error).message}`);
  }
}
