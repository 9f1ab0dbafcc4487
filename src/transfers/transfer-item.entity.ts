import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TransferItemState } from '../../libs/transfers';
import { Item } from '../items/item.entity';
import { User } from '../users/user.entity';
import { Transfer } from './transfer.entity';

/** One line of a manifest: an item, and how far it got. */
@Entity('transfer_items')
@Index('transfer_items_item_id_index', ['itemId'])
// An item is in at most one open (draft or dispatched) transfer: hand-written partial unique index.
@Index('transfer_items_one_open_transfer_unique', { synchronize: false })
@Check('transfer_items_state_check', `state IN ('listed', 'in_transit', 'received', 'missing', 'cancelled')`)
@Check('transfer_items_damage_noted_check', `seal_intact IS NOT FALSE OR note IS NOT NULL`)
export class TransferItem {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'transfer_items_pkey' })
  transferId: string;

  @ManyToOne(() => Transfer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'transfer_id', foreignKeyConstraintName: 'transfer_items_transfer_id_fkey' })
  transfer: Transfer;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'transfer_items_pkey' })
  itemId: string;

  @ManyToOne(() => Item, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'transfer_items_item_id_fkey' })
  item: Item;

  @Column({ type: 'varchar', length: 16 })
  state: TransferItemState;

  /** As the receiving clerk saw it; null until received. */
  @Column({ type: 'boolean', nullable: true })
  sealIntact: boolean | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  receivedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'received_by_id', foreignKeyConstraintName: 'transfer_items_received_by_id_fkey' })
  receivedBy: User | null;
}
