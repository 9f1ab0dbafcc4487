import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Printer } from './printer.entity';

export enum PrintJobStatus {
  Queued = 'queued',
  Sending = 'sending',
  Printed = 'printed',
  /** Sent to a printer that cannot confirm ("confirm on send"): it took every byte, nothing more is known. */
  Sent = 'sent',
  Failed = 'failed',
}

/** One request to print labels: it ends printed, or failed with a reason, never silently lost. */
@Entity('print_jobs')
@Index('print_jobs_printer_id_created_at_index', ['printerId', 'createdAt'])
@Check('print_jobs_status_check', `status IN ('queued', 'sending', 'printed', 'sent', 'failed')`)
@Check('print_jobs_copies_check', `copies BETWEEN 1 AND 20`)
@Check('print_jobs_failure_explained_check', `status <> 'failed' OR error IS NOT NULL`)
export class PrintJob {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'print_jobs_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  printerId: string;

  @ManyToOne(() => Printer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'printer_id', foreignKeyConstraintName: 'print_jobs_printer_id_fkey' })
  printer: Printer;

  @Column({ type: 'uuid' })
  requestedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by_id', foreignKeyConstraintName: 'print_jobs_requested_by_id_fkey' })
  requestedBy: User;

  /** Item, location and transfer codes, in the order they print. */
  @Column({ type: 'varchar', array: true })
  codes: string[];

  @Column({ type: 'smallint' })
  copies: number;

  /** The print number of each item label's first copy, reserved when the job was queued: 1 is the first print. */
  @Column({ type: 'jsonb', default: {} })
  printNumbers: Record<string, number>;

  @Column({ type: 'varchar', length: 16 })
  status: PrintJobStatus;

  @Column({ type: 'smallint', default: 0 })
  attempts: number;

  /** Why the last attempt failed, while the job is retried or once it has failed; a printed job has none. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  /** The same as a stable code (PRINTER_UNREACHABLE, PRINTER_PAPER_OUT…) that screens word in their user's language. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  errorCode: string | null;

  @Column({ type: 'integer', nullable: true })
  bytesSent: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  printedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
