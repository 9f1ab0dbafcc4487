import { createHash, createPublicKey, KeyObject } from 'node:crypto';
import { canonicalJson } from './ledger';
import { Checkpoint, checkCheckpoint, eventLeaf } from './checkpoint';
import { eventHash, LedgerEvent } from './ledger';
import { ProofError, verifyInclusion } from './merkle';

export const bundleFormat = 'custody-proof-bundle/1';

export type BundleEvent = Omit<LedgerEvent, 'item'> & { hash: string };

/** Everything needed to check one item's custody history without the server or its database. */
export interface ProofBundle {
  format: typeof bundleFormat;
  item: string;
  checkpoint: Checkpoint;
  publicKey: { algorithm: string; keyId: string; publicKey: string };
  events: (BundleEvent & { inclusionProof: string[] })[];
  /** Events newer than the checkpoint: their chain is checked, their anchoring cannot be yet. */
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
 * Checks a bundle: the checkpoint's signature (with a key obtained apart from the bundle, if given),
 * each event's hash, the item's chain, and each event's inclusion in the checkpoint's tree.
 * If a saved checkpoint is given, the bundle must be anchored in exactly that one.
 */
export function verifyBundle(bundle: ProofBundle, options: { publicKeyPem?: string; checkpoint?: Checkpoint } = {}): BundleVerdict {
  const verdict: BundleVerdict = { ok: false, checked: [], problems: [], notes: [] };
  if (bundle?.format !== bundleFormat || !Array.isArray(bundle.events) || !Array.isArray(bundle.unanchoredEvents)) {
    verdict.problems.push(`this is not a ${bundleFormat} document`);
    return verdict;
  }
  let key: KeyObject;
  try {
    key = createPublicKey(options.publicKeyPem ?? bundle.publicKey?.publicKey ?? '');
  } catch {
    verdict.problems.push('the public key cannot be read');
    return verdict;
  }
  if (!options.publicKeyPem)
    verdict.notes.push('the public key was taken from the bundle itself: compare its key id with one obtained from the installation or a court document');
  const signature = checkCheckpoint(bundle.checkpoint, key);
  if (signature.ok) verdict.checked.push(`checkpoint over ${bundle.checkpoint.treeSize} events is signed by key ${bundle.checkpoint.keyId}`);
  else verdict.problems.push(`checkpoint: ${signature.reason}`);
  if (options.checkpoint) {
    const same = options.checkpoint.treeSize === bundle.checkpoint?.treeSize && options.checkpoint.rootHash === bundle.checkpoint?.rootHash;
    if (same) verdict.checked.push('the bundle is anchored in the saved checkpoint given');
    else
      verdict.problems.push(
        `the bundle is anchored in a checkpoint over ${bundle.checkpoint?.treeSize} events, not in the saved one over ${options.checkpoint.treeSize}: ask for a bundle against it, or a consistency proof`,
      );
  }

  let previousHash: string | null = null;
  let previousSequence = 0;
  for (const [index, event] of [...bundle.events, ...bundle.unanchoredEvents].entries()) {
    const anchored = index < bundle.events.length;
    const name = `event ${event.sequence} (${event.type})`;
    const recomputed = eventHash({ ...event, item: bundle.item });
    if (recomputed !== event.hash) verdict.problems.push(`${name}: its hash does not match its content`);
    if (event.previousHash !== previousHash) verdict.problems.push(`${name}: does not link to the item's previous event`);
    if (!(event.sequence > previousSequence)) verdict.problems.push(`${name}: is out of order`);
    if (anchored && signature.ok) {
      try {
        verifyInclusion(
          event.sequence - 1,
          bundle.checkpoint.treeSize,
          eventLeaf(event.hash),
          (bundle.events[index].inclusionProof ?? []).map((hash) => Buffer.from(hash, 'hex')),
          Buffer.from(bundle.checkpoint.rootHash, 'hex'),
        );
      } catch (error) {
        verdict.problems.push(`${name}: not included in the checkpoint (${error instanceof ProofError ? error.message : 'unreadable proof'})`);
      }
    }
    previousHash = event.hash;
    previousSequence = event.sequence;
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
  return createHash('sha256')
    .update(canonicalJson(bundle) ?? '', 'utf8')
    .digest('hex');
}
