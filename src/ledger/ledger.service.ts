import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Checkpoint,
  checkCheckpoint,
  checkpointFormat,
  consistencyProof,
  eventLeaf,
  IncrementalTree,
  MerkleLevels,
  signCheckpoint,
  treeHash,
  verifyConsistency,
} from '../../libs/ledger';
import { AppConfig } from '../config/app-config';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { Page, PageQuery, pageOf } from '../common/pagination';
import { LedgerCheckpoint } from './ledger-checkpoint.entity';
import { LedgerIntegrator } from './integrator';
import { loadOrCreateSigningKey, SigningKey } from './signing-key';
import { inReadSnapshot } from './read-snapshot';
import { LedgerVerdict, newestSignedAnchor, verifyLedger } from './verify-ledger';

export type ConsistencyAnswer =
  { ok: true; proof: { fromSize: number; toSize: number; fromRoot: string; toRoot: string; hashes: string[] } } | { ok: false; reason: string };

const batchSize = 10_000;

@Injectable()
export class LedgerService {
  readonly key: SigningKey;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly integrator: LedgerIntegrator,
    config: AppConfig,
  ) {
    this.key = loadOrCreateSigningKey(config.ledgerKeyFile);
  }

  /** Recomputes the whole ledger in one snapshot, its checkpointed prefix against the newest checkpoint that this installation's key signed. */
  verify(): Promise<LedgerVerdict> {
    return inReadSnapshot(this.dataSource, async (session, alongside) =>
      verifyLedger(session, alongside, await newestSignedAnchor(session, this.key.publicKey)),
    );
  }

  publicKey() {
    return { algorithm: 'Ed25519', keyId: this.key.keyId, publicKey: this.key.publicKeyPem };
  }

  /** Signs the tree head over every committed event (given its position first), unless a checkpoint of that size exists already. */
  async makeCheckpoint(): Promise<Checkpoint> {
    await this.integrator.integrateAll();
    const [{ last_sequence: counted }] = await this.dataSource.query('SELECT last_sequence FROM ledger_head WHERE id = 1');
    const treeSize = Number(counted);
    if (treeSize === 0) throw new CustodyError(CustodyErrorCode.Conflict, 'the ledger has no events yet: there is nothing to checkpoint');
    const existing = await this.dataSource.manager.findOneBy(LedgerCheckpoint, { treeSize: String(treeSize) });
    if (existing) return toDocument(existing);
    const tree = new IncrementalTree();
    await this.eachEventHash(treeSize, (hash) => tree.append(eventLeaf(hash)));
    if (tree.size !== treeSize)
      throw new CustodyError(CustodyErrorCode.Conflict, `the ledger counted ${treeSize} events but holds ${tree.size}: run GET /ledger/verify`);
    const signed = signCheckpoint({ treeSize, rootHash: tree.root().toString('hex'), createdAt: new Date().toISOString() }, this.key.privateKey);
    // two instances checkpointing the same size at once: the first one's stands
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(LedgerCheckpoint)
      .values({ treeSize: String(treeSize), rootHash: signed.rootHash, signedAt: signed.createdAt, keyId: signed.keyId, signature: signed.signature })
      .orIgnore()
      .execute();
    return toDocument(await this.dataSource.manager.findOneByOrFail(LedgerCheckpoint, { treeSize: String(treeSize) }));
  }

  async latestCheckpoint(): Promise<Checkpoint | null> {
    const [latest] = await this.dataSource.manager.find(LedgerCheckpoint, { order: { treeSize: 'DESC' }, take: 1 });
    return latest ? toDocument(latest) : null;
  }

  async requireLatestCheckpoint(): Promise<Checkpoint> {
    const latest = await this.latestCheckpoint();
    if (!latest) throw CustodyError.notFound('a checkpoint (none has been made yet)');
    return latest;
  }

  async listCheckpoints(query: PageQuery): Promise<Page<Checkpoint>> {
    const [rows, total] = await this.dataSource.manager.findAndCount(LedgerCheckpoint, {
      order: { treeSize: 'DESC' },
      skip: query.offset,
      take: query.pageSize,
    });
    return pageOf(rows.map(toDocument), total, query);
  }

  /** Proves that today's ledger extends a saved checkpoint, or says why it does not. */
  async consistency(candidate: unknown): Promise<ConsistencyAnswer> {
    const checked = checkCheckpoint(candidate, this.key.publicKey);
    if (!checked.ok) return { ok: false, reason: checked.reason };
    const { treeSize, rootHash } = checked.checkpoint;
    if (treeSize === 0) return { ok: false, reason: 'a checkpoint of an empty ledger proves nothing' };
    const [{ last_sequence: counted }] = await this.dataSource.query('SELECT last_sequence FROM ledger_head WHERE id = 1');
    const leaves = await this.leaves(Number(counted));
    if (leaves.length < treeSize)
      return { ok: false, reason: `the checkpoint covers ${treeSize} events but the ledger now holds ${leaves.length}: events were removed` };
    const fromRoot = treeHash(leaves, 0, treeSize).toString('hex');
    if (fromRoot !== rootHash)
      return { ok: false, reason: `the ledger's first ${treeSize} events no longer hash to the checkpoint's root: the history was rewritten` };
    const toRoot = treeHash(leaves);
    const hashes = treeSize === leaves.length ? [] : consistencyProof(leaves, treeSize);
    verifyConsistency(treeSize, leaves.length, Buffer.from(rootHash, 'hex'), toRoot, hashes);
    return {
      ok: true,
      proof: {
        fromSize: treeSize,
        toSize: leaves.length,
        fromRoot: rootHash,
        toRoot: toRoot.toString('hex'),
        hashes: hashes.map((hash) => hash.toString('hex')),
      },
    };
  }

  /** Inclusion proofs of events (by sequence) in the tree of a checkpoint. */
  async inclusionProofs(treeSize: number, sequences: number[]): Promise<Map<number, string[]>> {
    const tree = new MerkleLevels(await this.leaves(treeSize));
    return new Map(sequences.map((sequence) => [sequence, tree.inclusionProof(sequence - 1).map((hash) => hash.toString('hex'))]));
  }

  /** The leaves of the first `size` events, in one buffer of 32-byte slices. */
  private async leaves(size: number): Promise<Buffer[]> {
    const store = Buffer.alloc(size * 32);
    let count = 0;
    await this.eachEventHash(size, (hash) => eventLeaf(hash).copy(store, 32 * count++));
    return Array.from({ length: count }, (_, index) => store.subarray(32 * index, 32 * index + 32));
  }

  private async eachEventHash(upTo: number, visit: (hash: string) => void): Promise<void> {
    for (let after = 0; after < upTo;) {
      const rows = (await this.dataSource.query(
        `SELECT sequence, hash FROM custody_events WHERE sequence > $1 AND sequence <= $2 ORDER BY sequence LIMIT ${batchSize}`,
        [after, upTo],
      )) as { sequence: string; hash: string }[];
      if (rows.length === 0) return;
      rows.forEach((row) => visit(row.hash));
      after = Number(rows[rows.length - 1].sequence);
    }
  }
}

function toDocument(row: LedgerCheckpoint): Checkpoint {
  return {
    format: checkpointFormat,
    treeSize: Number(row.treeSize),
    rootHash: row.rootHash,
    createdAt: row.signedAt,
    keyId: row.keyId,
    signature: row.signature,
  };
}
