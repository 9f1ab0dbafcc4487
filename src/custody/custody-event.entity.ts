import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Item } from '../items/item.entity';
import { User } from '../users/user.entity';

export enum CustodyEventType {
  Seized = 'seized',
  Moved = 'moved',
  Dispatched = 'dispatched',
  Received = 'received',
  Discrepancy = 'discrepancy',
  CheckedOut = 'checked_out',
  CheckedIn = 'checked_in',
  Sampled = 'sampled',
  SealReplaced = 'seal_replaced',
  LabelPrinted = 'label_printed',
  Audited = 'audited',
  Disposed = 'disposed',
  Corrected = 'corrected',
}

/**
 * One immutable line of the custody ledger. The codes and username are stored as hashed
 * (libs/ledger), so the ledger verifies without joins; a trigger refuses UPDATE, DELETE and TRUNCATE.
 */
@Entity('custody_events')
@Index('custody_events_hash_unique', ['hash'], { unique: true })
@Index('custody_events_item_id_sequence_index', ['itemId', 'sequence'])
// the yearly statistics count events of a type at a site in a year
@Index('custody_events_type_site_code_occurred_at_index', ['type', 'siteCode', 'occurredAt'])
// Hand-written partial indexes keep every item's chain a single line (no two events after the same one).
@Index('custody_events_item_chain_unique', { synchronize: false })
@Index('custody_events_item_first_unique', { synchronize: false })
@Check(
  'custody_events_type_check',
  `type IN ('seized', 'moved', 'dispatched', 'received', 'discrepancy', 'checked_out', 'checked_in', 'sampled', 'seal_replaced', 'label_printed', 'audited', 'disposed', 'corrected')`,
)
export class CustodyEvent {
  /** Gapless, in commit order, across the whole ledger. */
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'custody_events_pkey' })
  sequence: string;

  @Column({ type: 'uuid' })
  itemId: string;

  @ManyToOne(() => Item, { onDelete: 'RESTRICT', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'custody_events_item_id_fkey' })
  item: Item;

  @Column({ type: 'varchar', length: 14 })
  itemCode: string;

  @Column({ type: 'varchar', length: 32 })
  type: CustodyEventType;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid' })
  actorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'custody_events_actor_id_fkey' })
  actor: User;

  @Column({ type: 'varchar', length: 64 })
  actorUsername: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  siteCode: string | null;

  @Column({ type: 'varchar', length: 14, nullable: true })
  locationCode: string | null;

  @Column({ type: 'varchar', length: 14, nullable: true })
  transferCode: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb' })
  details: object;

  @Column({ type: 'char', length: 64, nullable: true })
  previousHash: string | null;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
