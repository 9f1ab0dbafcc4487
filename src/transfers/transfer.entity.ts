import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Site } from '../sites/site.entity';
import { User } from '../users/user.entity';

export enum TransferStatus {
  Draft = 'draft',
  Dispatched = 'dispatched',
  Closed = 'closed',
  Cancelled = 'cancelled',
}

/** A manifest of items moving from one site to another, with its own barcode. */
@Entity('transfers')
@Index('transfers_code_unique', ['code'], { unique: true })
@Index('transfers_from_site_id_created_at_index', ['fromSiteId', 'createdAt'])
@Index('transfers_to_site_id_created_at_index', ['toSiteId', 'createdAt'])
@Check('transfers_code_format_check', `code ~ '^T[0-9]{9}[0-9X]$'`)
@Check('transfers_status_check', `status IN ('draft', 'dispatched', 'closed', 'cancelled')`)
@Check('transfers_two_sites_check', `from_site_id <> to_site_id`)
// each step after the draft leaves who did it and when
@Check('transfers_dispatch_recorded_check', `status = 'draft' OR status = 'cancelled' OR (dispatched_at IS NOT NULL AND dispatched_by_id IS NOT NULL)`)
@Check('transfers_close_recorded_check', `status <> 'closed' OR closed_at IS NOT NULL`)
export class Transfer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'transfers_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 14 })
  code: string;

  @Column({ type: 'varchar', length: 16 })
  status: TransferStatus;

  @Column({ type: 'uuid' })
  fromSiteId: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_site_id', foreignKeyConstraintName: 'transfers_from_site_id_fkey' })
  fromSite: Site;

  @Column({ type: 'uuid' })
  toSiteId: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_site_id', foreignKeyConstraintName: 'transfers_to_site_id_fkey' })
  toSite: Site;

  @Column({ type: 'varchar', length: 500, nullable: true })
  purpose: string | null;

  @Column({ type: 'uuid' })
  createdById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'transfers_created_by_id_fkey' })
  createdBy: User;

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  dispatchedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'dispatched_by_id', foreignKeyConstraintName: 'transfers_dispatched_by_id_fkey' })
  dispatchedBy: User | null;

  /** The second person who saw high-risk items leave. */
  @Column({ type: 'uuid', nullable: true })
  witnessId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'witness_id', foreignKeyConstraintName: 'transfers_witness_id_fkey' })
  witness: User | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** Null when the last item's arrival closed it. */
  @Column({ type: 'uuid', nullable: true })
  closedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'closed_by_id', foreignKeyConstraintName: 'transfers_closed_by_id_fkey' })
  closedBy: User | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  cancelledById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'cancelled_by_id', foreignKeyConstraintName: 'transfers_cancelled_by_id_fkey' })
  cancelledBy: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
