import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  addCheckpointBody,
  checkpointText,
  cosignatureVerifier,
  NoteVerifier,
  parseVerifierKey,
  readConsistencyProof,
  readWitnessAnswer,
  signatureLine,
} from '../../libs/ledger';
import { AppConfig } from '../config/app-config';
import { CheckpointDocument, LedgerService } from './ledger.service';
import { storedHashReader } from './tile-store';

/** Any fixed number, the same in every Custody process: held while checkpoints are taken to the witnesses. */
const submissionLock = 74_201_723;

interface Witness {
  url: string;
  name: string;
  verifier: NoteVerifier;
}

/**
 * Takes each new checkpoint to the configured witnesses (LEDGER_WITNESSES) with a consistency
 * proof from the tree each last cosigned, per C2SP tlog-witness, and keeps their cosignatures with
 * the checkpoint. Never part of a custody step: a witness that is down, slow or refuses is told
 * again at the next checkpoint, and says why in `witness_states`.
 */
@Injectable()
export class LedgerWitnesses {
  private readonly logger = new Logger('Witnesses');
  private readonly witnesses: Witness[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly config: AppConfig,
  ) {
    this.witnesses = config.ledgerWitnesses.map(({ url, vkey }) => ({
      url: url.replace(/\/+$/, ''),
      name: parseVerifierKey(vkey).name,
      verifier: cosignatureVerifier(vkey),
    }));
  }

  get configured(): boolean {
    return this.witnesses.length > 0;
  }

  /** Takes the newest checkpoint to the witnesses without waiting for them: a checkpoint's answer never waits on a witness. */
  submitInBackground(): void {
    this.submitLatest().catch((error: unknown) => this.logger.error({ err: error }, 'taking the checkpoint to the witnesses failed'));
  }

  /** Submits the newest checkpoint to every witness that has not cosigned it, one instance at a time (the others wait their turn). */
  async submitLatest(): Promise<void> {
    if (this.witnesses.length === 0) return;
    const checkpoint = await this.ledger.latestCheckpoint();
    if (!checkpoint?.note) return;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // another instance submitting now: wait for it, then take only what it left to do
      await runner.query('SELECT pg_advisory_lock($1)', [submissionLock]);
      try {
        const latest = (await this.ledger.latestCheckpoint()) ?? checkpoint;
        for (const witness of this.witnesses) await this.submit(witness, latest);
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [submissionLock]);
      }
    } finally {
      await runner.release();
    }
  }

  private async submit(witness: Witness, checkpoint: CheckpointDocument): Promise<void> {
    const text = checkpointText({ origin: this.ledger.origin, treeSize: checkpoint.treeSize, rootHash: Buffer.from(checkpoint.rootHash, 'hex') });
    const [state] = (await this.dataSource.query('SELECT tree_size FROM witness_states WHERE witness = $1', [witness.name])) as { tree_size: string }[];
    let oldSize = Number(state?.tree_size ?? 0);
    if (checkpoint.cosignatures.some((cosignature) => cosignature.witness === witness.name)) return;
    // a 409 tells the size the witness has: one more try from there
    for (let attempt = 0; attempt < 2; attempt++) {
      if (oldSize > checkpoint.treeSize) return this.remember(witness, oldSize, `the witness has a larger tree (${oldSize}) than this checkpoint`);
      let answer;
      try {
        const proof =
          oldSize === 0 || oldSize === checkpoint.treeSize ? [] : await readConsistencyProof(oldSize, checkpoint.treeSize, this.reader(checkpoint.treeSize));
        const response = await fetch(`${witness.url}/add-checkpoint`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: addCheckpointBody(oldSize, proof, checkpoint.note!),
          signal: AbortSignal.timeout(this.config.witnessTimeoutMs),
        });
        answer = readWitnessAnswer(
          { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() },
          text,
          witness.verifier,
        );
      } catch (error) {
        return this.remember(witness, oldSize, `the witness could not be reached: ${(error as Error).message}`);
      }
      if (answer.kind === 'conflict') {
        oldSize = answer.witnessSize;
        continue;
      }
      if (answer.kind !== 'cosigned') {
        if (answer.kind === 'refused' && answer.status === 422)
          this.logger.error({ witness: witness.name }, `${witness.name} found the ledger inconsistent: ${answer.reason}`);
        return this.remember(witness, oldSize, `${answer.kind}: ${answer.reason}`);
      }
      for (const cosignature of answer.cosignatures) {
        await this.dataSource.query(
          `INSERT INTO witness_cosignatures (tree_size, witness, signature_line, cosigned_at) VALUES ($1, $2, $3, to_timestamp($4))
           ON CONFLICT (tree_size, witness) DO NOTHING`,
          [checkpoint.treeSize, witness.name, signatureLine(cosignature).trimEnd(), cosignature.timestamp],
        );
      }
      return this.remember(witness, checkpoint.treeSize, null);
    }
    return this.remember(witness, oldSize, 'the witness kept answering with another size');
  }

  private reader(treeSize: number) {
    return storedHashReader((text, parameters) => this.dataSource.query(text, parameters), treeSize);
  }

  private async remember(witness: Witness, treeSize: number, problem: string | null): Promise<void> {
    if (problem) this.logger.warn({ witness: witness.name, treeSize }, `witness ${witness.name}: ${problem}`);
    await this.dataSource.query(
      `INSERT INTO witness_states (witness, tree_size, last_error, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (witness) DO UPDATE SET tree_size = EXCLUDED.tree_size, last_error = EXCLUDED.last_error, updated_at = now()`,
      [witness.name, treeSize, problem?.slice(0, 500) ?? null],
    );
  }
}
