import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CustodyEventType, custodyEventTypes } from '../../libs/custody';
import { LedgerFormatVersion } from '../../libs/ledger';
import { Item } from '../items/item.entity';
import { User } from '../users/user.entity';

/**
 * One immutable line of the custody ledger. The codes and username are stored as hashed
 * (libs/ledger), so the ledger verifies without joins; a trigger refuses UPDATE, DELETE and
 * TRUNCATE, except the one-time assignment of an empty position by the integrator.
 */
@Entity('custody_events')
@Index('custody_events_hash_unique', ['hash'], { unique: true })
@Index('custody_events_sequence_unique', ['sequence'], { unique: true })
// the yearly statistics count events of a type at a site in a year
@Index('custody_events_type_site_code_occurred_at_index', ['type', 'siteCode', 'occurredAt'])
// hand-written partial index: the events the integrator has yet to give a position
@Index('custody_events_unpositioned_index', { synchronize: false })
@Check('custody_events_type_check', `type IN (${custodyEventTypes.map((type) => `'${type}'`).join(', ')})`)
@Check('custody_events_format_check', `format IN (1, 2)`)
@Check('custody_events_item_sequence_check', `item_sequence > 0`)
@Check('custody_events_first_event_check', `(item_sequence = 1) = (previous_hash IS NULL)`)
@Check('custody_events_version_1_positioned_check', `format = 2 OR sequence IS NOT NULL`)
export class CustodyEvent {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'custody_events_pkey' })
  itemId: string;

  /** Its number in its item's chain, from 1. */
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'custody_events_pkey' })
  itemSequence: number;

  /** Its position in the whole ledger, from 1, gapless in commit order: given by the integrator about a second after commit. */
  @Column({ type: 'bigint', nullable: true })
  sequence: string | null;

  /** The encoding its hash was made with (libs/ledger): 1 hashed the position, 2 the item's chain. */
  @Column({ type: 'smallint' })
  format: LedgerFormatVersion;

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
