import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ReadKind } from './read-log';

/** One read of an item by a person: who, what, when, from where. Append-only (a trigger refuses changes). */
@Entity('item_reads')
@Check('item_reads_what_check', `what IN ('record', 'history', 'custody_report', 'proof_bundle', 'verification', 'scan', 'list', 'seizure', 'label')`)
@Index('item_reads_item_index', ['itemCode', 'readAt'])
@Index('item_reads_reader_index', ['readerId', 'readAt'])
export class ItemRead {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'item_reads_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  itemCode: string;

  @Column({ type: 'varchar', length: 24 })
  what: ReadKind;

  @Column({ type: 'uuid' })
  readerId: string;

  @Column({ type: 'varchar', length: 64 })
  readerUsername: string;

  @Column({ type: 'varchar', length: 64 })
  sourceAddress: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  readAt: Date;
}
