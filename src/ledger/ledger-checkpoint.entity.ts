import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A signed tree head, as published: one per tree size, so instances never make two of the same. */
@Entity('ledger_checkpoints')
export class LedgerCheckpoint {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'ledger_checkpoints_pkey' })
  treeSize: string;

  @Column({ type: 'char', length: 64 })
  rootHash: string;

  /** As signed: the ISO text, not the database's rounding of it. */
  @Column({ type: 'varchar', length: 40 })
  signedAt: string;

  @Column({ type: 'varchar', length: 16 })
  keyId: string;

  @Column({ type: 'varchar', length: 200 })
  signature: string;

  /** The same tree head as a C2SP signed note (tlog-checkpoint); null for checkpoints made before notes. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
