import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Checkpoint,
  checkCheckpoint,
  checkpointFormat,
  ed25519NoteSigner,
  ed25519VerifierKey,
  NoteSigner,
  noteVerifier,
  openCheckpointNote,
  readOldRootAndConsistencyProof,
  readInclusionProofs,
  readTreeHash,
  signCheckpoint,
  signCheckpointNote,
  verifyConsistency,
} from '../../libs/ledger';
import { AppConfig } from '../config/app-config';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { Page, PageQuery, pageOf } from '../common/pagination';
import { preparedQuery } from '../database/prepared-query';
import { LedgerCheckpoint } from './ledger-checkpoint.entity';
import { LedgerIntegrator } from './integrator';
import { loadOrCreateSigningKey, SigningKey } from './signing-key';
import { inReadSnapshot } from './read-snapshot';
import { Query, storedHashReader } from './tile-store';
import { LedgerVerdict, newestSignedAnchor, verifyLedger } from './verify-ledger';
import { WitnessCosignature } from './witness.entity';

export type ConsistencyAnswer =
  { ok: true; proof: { fromSize: number; toSize: number; fromRoot: string; toRoot: string; hashes: string[] } } | { ok: false; reason: string };

/** A checkpoint as served: the signed JSON document, its C2SP note, and the witnesses' cosignatures kept with it. */
export type CheckpointDocument = Checkpoint & { note: string | null; cosignatures: { witness: string; cosignedAt: string; signatureLine: string }[] };

/** A checkpoint row with its cosignatures, as one query answers it. */
interface CheckpointRow {
  treeSize: string;
  rootHash: string;
  signedAt: string;
  keyId: string;
  signature: string;
  note: string | null;
  cosignatures: CheckpointDocument['cosignatures'];
}

/** The tree the tiles make now: its size and root. */
export interface TreeHeadNow {
  treeSize: number;
  rootHash: Buffer;
}

@Injectable()
export class LedgerService {
  readonly key: SigningKey;
  /** Signs checkpoint notes with the installation's key under its key name (LEDGER_KEY_NAME). */
  readonly noteSigner: NoteSigner;
  readonly origin: string;
  readonly keyName: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly integrator: LedgerIntegrator,
    config: AppConfig,
  ) {
    this.key = loadOrCreateSigningKey(config.ledgerKeyFile);
    this.origin = config.ledgerOrigin;
    this.keyName = config.ledgerKeyName;
    this.noteSigner = ed25519NoteSigner(this.keyName, this.key.privateKey);
  }

  /** Recomputes the whole ledger in one snapshot, its checkpointed prefix against the newest checkpoint that this installation's key signed. */
  verify(): Promise<LedgerVerdict> {
    return inReadSnapshot(this.dataSource, async (session, alongside) =>
      verifyLedger(session, alongside, await newestSignedAnchor(session, this.key.publicKey)),
    );
  }

  /** The keys that check this installation's checkpoints: the PEM of the JSON documents, and the C2SP verifier key of the notes. */
  publicKey() {
    return {
      algorithm: 'Ed25519',
      keyId: this.key.keyId,
      publicKey: this.key.publicKeyPem,
      origin: this.origin,
      verifierKey: ed25519VerifierKey(this.keyName, this.key.publicKey),
    };
  }

  /** The tree the tiles make now, as the integrator left it. */
  async treeHead(query: Query = (text, parameters) => this.dataSource.query(text, parameters)): Promise<TreeHeadNow> {
    const [head] = (await query('SELECT tree_size, root_hash FROM ledger_head WHERE id = 1')) as { tree_size: string; root_hash: Buffer | null }[];
    const treeSize = Number(head.tree_size);
    return { treeSize, rootHash: head.root_hash ?? (await readTreeHash(0, storedHashReader(query, 0))) };
  }

  /**
   * Signs the tree head over every committed event (given its position first), as a JSON document
   * and as a C2SP signed note, unless a checkpoint of that size exists already. Costs the same at
   * any size: the integrator keeps the head's root, nothing is re-read.
   */
  async makeCheckpoint(): Promise<CheckpointDocument> {
    await this.integrator.integrateAll();
    const { treeSize, rootHash } = await this.treeHead();
    if (treeSize === 0) throw new CustodyError(CustodyErrorCode.Conflict, 'the ledger has no events yet: there is nothing to checkpoint');
    const existing = await this.dataSource.manager.findOneBy(LedgerCheckpoint, { treeSize: String(treeSize) });
    if (existing) return this.withCosignatures(existing);
    const signed = signCheckpoint({ treeSize, rootHash: rootHash.toString('hex'), createdAt: new Date().toISOString() }, this.key.privateKey);
    const note = signCheckpointNote({ origin: this.origin, treeSize, rootHash }, this.noteSigner);
    // two instances checkpointing the same size at once: the first one's stands
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(LedgerCheckpoint)
      .values({ treeSize: String(treeSize), rootHash: signed.rootHash, signedAt: signed.createdAt, keyId: signed.keyId, signature: signed.signature, note })
      .orIgnore()
      .execute();
    return this.withCosignatures(await this.dataSource.manager.findOneByOrFail(LedgerCheckpoint, { treeSize: String(treeSize) }));
  }

  /** The newest checkpoint with its cosignatures, in one query: every item page's badge asks it. */
  async latestCheckpoint(): Promise<CheckpointDocument | null> {
    const [latest] = await preparedQuery<CheckpointRow>(
      this.dataSource,
      'latest-checkpoint',
      `SELECT checkpoint.tree_size AS "treeSize", checkpoint.root_hash AS "rootHash", checkpoint.signed_at AS "signedAt", checkpoint.key_id AS "keyId",
              checkpoint.signature, checkpoint.note,
              coalesce((SELECT json_agg(json_build_object('witness', cosignature.witness,
                                                          'cosignedAt', to_char(cosignature.cosigned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                                          'signatureLine', cosignature.signature_line) ORDER BY cosignature.witness)
                          FROM witness_cosignatures cosignature WHERE cosignature.tree_size = checkpoint.tree_size), '[]') AS cosignatures
         FROM ledger_checkpoints checkpoint ORDER BY checkpoint.tree_size DESC LIMIT 1`,
      [],
    );
    if (!latest) return null;
    const { treeSize, rootHash, signedAt, keyId, signature, note, cosignatures } = latest;
    return { format: checkpointFormat, treeSize: Number(treeSize), rootHash, createdAt: signedAt, keyId, signature, note, cosignatures };
  }

  async requireLatestCheckpoint(): Promise<CheckpointDocument> {
    const latest = await this.latestCheckpoint();
    if (!latest) throw CustodyError.notFound('a checkpoint (none has been made yet)');
    return latest;
  }

  /** The newest checkpoint as a C2SP signed note, its witnesses' cosignatures under the log's signature. */
  async latestCheckpointNote(): Promise<string> {
    const latest = await this.requireLatestCheckpoint();
    if (!latest.note) throw CustodyError.notFound('a checkpoint note (the newest checkpoint was made before notes)');
    return latest.note + latest.cosignatures.map((cosignature) => `${cosignature.signatureLine}\n`).join('');
  }

  async listCheckpoints(query: PageQuery): Promise<Page<CheckpointDocument>> {
    const [rows, total] = await this.dataSource.manager.findAndCount(LedgerCheckpoint, {
      order: { treeSize: 'DESC' },
      skip: query.offset,
      take: query.pageSize,
    });
    return pageOf(await Promise.all(rows.map((row) => this.withCosignatures(row))), total, query);
  }

  /**
   * Proves that today's ledger extends a saved checkpoint (a JSON document, or a signed note), or
   * says why it does not. Reads a few tiles, however long the ledger.
   */
  async consistency(candidate: { note?: string | null } & Partial<Checkpoint>): Promise<ConsistencyAnswer> {
    const saved = this.savedTreeHead(candidate);
    if ('reason' in saved) return { ok: false, reason: saved.reason };
    const { treeSize, rootHash } = saved;
    if (treeSize === 0) return { ok: false, reason: 'a checkpoint of an empty ledger proves nothing' };
    const head = await this.treeHead();
    if (head.treeSize < treeSize) {
      return { ok: false, reason: `the checkpoint covers ${treeSize} events but the ledger now holds ${head.treeSize}: events were removed` };
    }
    const reader = storedHashReader((text, parameters) => this.dataSource.query(text, parameters), head.treeSize);
    const { oldRoot, proof: hashes } = await readOldRootAndConsistencyProof(treeSize, head.treeSize, reader);
    if (oldRoot.toString('hex') !== rootHash) {
      return { ok: false, reason: `the ledger's first ${treeSize} events no longer hash to the checkpoint's root: the history was rewritten` };
    }
    verifyConsistency(treeSize, head.treeSize, Buffer.from(rootHash, 'hex'), head.rootHash, hashes);
    return {
      ok: true,
      proof: {
        fromSize: treeSize,
        toSize: head.treeSize,
        fromRoot: rootHash,
        toRoot: head.rootHash.toString('hex'),
        hashes: hashes.map((hash) => hash.toString('hex')),
      },
    };
  }

  /** Inclusion proofs of events (by position) in the tree of a checkpoint: a few tiles each, all read in one query. */
  async inclusionProofs(treeSize: number, sequences: number[]): Promise<Map<number, string[]>> {
    const reader = storedHashReader((text, parameters) => this.dataSource.query(text, parameters), treeSize);
    const proofs = await readInclusionProofs(
      treeSize,
      sequences.map((sequence) => sequence - 1),
      reader,
    );
    return new Map(sequences.map((sequence, at) => [sequence, proofs[at].map((hash) => hash.toString('hex'))]));
  }

  /** The tree head a saved checkpoint signs, if this installation's key signed it; the reason otherwise. */
  private savedTreeHead(candidate: { note?: string | null } & Partial<Checkpoint>): { treeSize: number; rootHash: string } | { reason: string } {
    let fromNote: { treeSize: number; rootHash: string } | null = null;
    if (typeof candidate?.note === 'string') {
      try {
        const opened = openCheckpointNote(candidate.note, { log: noteVerifier(this.publicKey().verifierKey), origin: this.origin });
        fromNote = { treeSize: opened.treeHead.treeSize, rootHash: opened.treeHead.rootHash.toString('hex') };
      } catch (error) {
        return { reason: `the checkpoint note does not verify with this installation's key: ${(error as Error).message}` };
      }
      if (candidate.format === undefined) return fromNote;
    }
    // the JSON document; sent with its note, both must say the same
    const checked = checkCheckpoint(candidate, this.key.publicKey);
    if (!checked.ok) return { reason: checked.reason };
    if (fromNote && (fromNote.treeSize !== checked.checkpoint.treeSize || fromNote.rootHash !== checked.checkpoint.rootHash)) {
      return { reason: 'the checkpoint document and its note name different trees' };
    }
    return checked.checkpoint;
  }

  private async withCosignatures(row: LedgerCheckpoint): Promise<CheckpointDocument> {
    const cosignatures = await this.dataSource.manager.find(WitnessCosignature, { where: { treeSize: row.treeSize }, order: { witness: 'ASC' } });
    return {
      format: checkpointFormat,
      treeSize: Number(row.treeSize),
      rootHash: row.rootHash,
      createdAt: row.signedAt,
      keyId: row.keyId,
      signature: row.signature,
      note: row.note,
      cosignatures: cosignatures.map((cosignature) => ({
        witness: cosignature.witness,
        cosignedAt: cosignature.cosignedAt.toISOString(),
        signatureLine: cosignature.signatureLine,
      })),
    };
  }
}
