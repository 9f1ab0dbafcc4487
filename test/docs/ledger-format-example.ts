import { createHash, createPrivateKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addCheckpointBody,
  checkpointText,
  cosignatureVerifierKey,
  ed25519Cosigner,
  ed25519NoteSigner,
  ed25519PublicKeyBytes,
  ed25519VerifierKey,
  formatEntryProof,
  hexKeyId,
  leafHash,
  readConsistencyProof,
  readInclusionProof,
  readTreeHash,
  signCheckpointNote,
  tileHashReader,
} from '../../libs/ledger';
import { TiledTree } from '../../libs/ledger/testing/tiled-tree';

/** docs/ledger-format.md, whose examples the specs check. */
export const ledgerFormatDocument = () => readFileSync(join(__dirname, '../../docs/ledger-format.md'), 'utf8');

/** An Ed25519 key whose seed is SHA-256 of a label: reproducible, for examples only. */
export function seededKey(label: string): { seed: Buffer; privateKey: KeyObject } {
  const seed = createHash('sha256').update(label).digest();
  const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  return { seed, privateKey: createPrivateKey({ key: Buffer.concat([pkcs8Prefix, seed]), format: 'der', type: 'pkcs8' }) };
}

/** The worked example of docs/ledger-format.md: three events, a log key, a witness, made by libs/ledger. */
export async function workedExample() {
  const log = seededKey('custody example log key');
  const witness = seededKey('custody example witness key');
  const origin = 'custody.example.be/ledger';
  const entries = [0, 1, 2].map((index) => createHash('sha256').update(`example event ${index}`).digest());
  const tree = new TiledTree();
  tree.append(entries);
  const reader = tileHashReader(3, tree.readTiles);
  const [root2, root3] = [await readTreeHash(2, reader), await readTreeHash(3, reader)];
  const signer = ed25519NoteSigner(origin, log.privateKey);
  const cosigner = ed25519Cosigner('witness.example.org/w1', witness.privateKey);
  const treeHead = { origin, treeSize: 3, rootHash: root3 };
  const logSigned = signCheckpointNote(treeHead, signer);
  const checkpoint = signCheckpointNote(treeHead, signer, [cosigner.cosign(checkpointText(treeHead), 1_767_225_600)]);
  const inclusionOfLeaf1 = await readInclusionProof(3, 1, reader);
  const consistency2To3 = await readConsistencyProof(2, 3, reader);
  return {
    origin,
    log: { seed: log.seed, publicKey: ed25519PublicKeyBytes(log.privateKey), keyId: hexKeyId(signer.keyId), vkey: ed25519VerifierKey(origin, log.privateKey) },
    witness: {
      seed: witness.seed,
      publicKey: ed25519PublicKeyBytes(witness.privateKey),
      vkey: cosignatureVerifierKey('witness.example.org/w1', witness.privateKey),
    },
    entries,
    leaves: entries.map((entry) => leafHash(entry)),
    root2,
    root3,
    checkpoint,
    inclusionOfLeaf1,
    consistency2To3,
    addCheckpointBody: addCheckpointBody(2, consistency2To3, logSigned),
    entryProofOfLeaf1: formatEntryProof({ index: 1, inclusionProof: inclusionOfLeaf1, checkpoint }),
    tile: tree.tileAt({ level: 0, index: 0, width: 3 }),
    entryBundle: tree.bundles.get(0)!,
  };
}

/** The Go program of the document's auditor section. */
export function auditorProgram(): string {
  const program = /```go\n([\s\S]*?)```/.exec(ledgerFormatDocument());
  if (!program) throw new Error('docs/ledger-format.md has no Go program');
  return program[1];
}
