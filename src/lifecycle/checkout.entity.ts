import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Item } from '../items/item.entity';
import { User } from '../users/user.entity';

/** An item handed to a named person for a purpose (a hearing, an examination), until it comes back. */
@Entity('checkouts')
@Index('checkouts_item_id_index', ['itemId'])
// one open check-out an item: hand-written partial unique index
@Index('checkouts_one_open_unique', { synchronize: false })
@Check('checkouts_returned_by_check', `(returned_at IS NULL) = (returned_by_id IS NULL)`)
export class Checkout {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'checkouts_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  itemId: string;

  @ManyToOne(() => Item, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'checkouts_item_id_fkey' })
  item: Item;

  @Column({ type: 'varchar', length: 200 })
  person: string;

  @Column({ type: 'varchar', length: 500 })
  purpose: string;

  @Column({ type: 'date' })
  expectedReturn: string;

  @Column({ type: 'timestamptz' })
  checkedOutAt: Date;

  @Column({ type: 'uuid' })
  checkedOutById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'checked_out_by_id', foreignKeyConstraintName: 'checkouts_checked_out_by_id_fkey' })
  checkedOutBy: User;

  @Column({ type: 'uuid', nullable: true })
  witnessId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'witness_id', foreignKeyConstraintName: 'checkouts_witness_id_fkey' })
  witness: User | null;

  @Column({ type: 'timestamptz', nullable: true })
  returnedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  returnedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'returned_by_id', foreignKeyConstraintName: 'checkouts_returned_by_id_fkey' })
  returnedBy: User | null;
}
