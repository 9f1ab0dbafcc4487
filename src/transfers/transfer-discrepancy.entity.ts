import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Transfer } from './transfer.entity';

export enum DiscrepancyKind {
  /** On the manifest, never scanned in before the transfer was closed. */
  Missing = 'missing',
  /** Arrived with a damaged or broken seal. */
  DamagedSeal = 'damaged_seal',
  /** Scanned at receipt but not on the manifest. */
  Unexpected = 'unexpected',
}

/** What did not match between a manifest and what physically arrived. */
@Entity('transfer_discrepancies')
@Index('transfer_discrepancies_once_unique', ['transferId', 'kind', 'itemCode'], { unique: true })
@Check('transfer_discrepancies_kind_check', `kind IN ('missing', 'damaged_seal', 'unexpected')`)
export class TransferDiscrepancy {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'transfer_discrepancies_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  transferId: string;

  @ManyToOne(() => Transfer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'transfer_id', foreignKeyConstraintName: 'transfer_discrepancies_transfer_id_fkey' })
  transfer: Transfer;

  @Column({ type: 'varchar', length: 16 })
  kind: DiscrepancyKind;

  /** The code as scanned: an unexpected one may name no item at all. */
  @Column({ type: 'varchar', length: 14 })
  itemCode: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  recordedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id', foreignKeyConstraintName: 'transfer_discrepancies_recorded_by_id_fkey' })
  recordedBy: User;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;
}
