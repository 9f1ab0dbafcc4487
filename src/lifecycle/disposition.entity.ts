import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Item } from '../items/item.entity';
import { User } from '../users/user.entity';

export enum DispositionKind {
  ReturnedToOwner = 'returned_to_owner',
  Destroyed = 'destroyed',
  Confiscated = 'confiscated',
  Sold = 'sold',
}

/** The final fate of an item, with the decision that authorised it. One an item: a disposed item is final. */
@Entity('dispositions')
@Index('dispositions_item_id_unique', ['itemId'], { unique: true })
@Check('dispositions_kind_check', `kind IN ('returned_to_owner', 'destroyed', 'confiscated', 'sold')`)
export class Disposition {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'dispositions_pkey' })
  id: string;

  @Column({ type: 'uuid' })
  itemId: string;

  @ManyToOne(() => Item, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'dispositions_item_id_fkey' })
  item: Item;

  @Column({ type: 'varchar', length: 24 })
  kind: DispositionKind;

  /** Who authorised it: a magistrate's order reference, a court judgment. */
  @Column({ type: 'varchar', length: 300 })
  authority: string;

  @Column({ type: 'timestamptz' })
  decidedAt: Date;

  @Column({ type: 'uuid' })
  executedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'executed_by_id', foreignKeyConstraintName: 'dispositions_executed_by_id_fkey' })
  executedBy: User;

  @Column({ type: 'uuid', nullable: true })
  witnessId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'witness_id', foreignKeyConstraintName: 'dispositions_witness_id_fkey' })
  witness: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  executedAt: Date;
}
