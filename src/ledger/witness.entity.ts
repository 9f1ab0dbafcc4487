import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { LedgerCheckpoint } from './ledger-checkpoint.entity';

/** A witness's cosignature of a checkpoint (C2SP tlog-cosignature), kept with it and shown to auditors. */
@Entity('witness_cosignatures')
export class WitnessCosignature {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'witness_cosignatures_pkey' })
  treeSize: string;

  @ManyToOne(() => LedgerCheckpoint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tree_size', foreignKeyConstraintName: 'witness_cosignatures_tree_size_fkey' })
  checkpoint: LedgerCheckpoint;

  /** The witness's key name. */
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'witness_cosignatures_pkey' })
  witness: string;

  /** The signature line, as it goes under the checkpoint note. */
  @Column({ type: 'varchar', length: 400 })
  signatureLine: string;

  @Column({ type: 'timestamptz' })
  cosignedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}

/** The tree size a witness last cosigned (or told us it has): the old size of the next submission. */
@Entity('witness_states')
export class WitnessState {
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'witness_states_pkey' })
  witness: string;

  @Column({ type: 'bigint' })
  treeSize: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
