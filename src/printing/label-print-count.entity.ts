import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Item } from '../items/item.entity';

/** How many labels of an item have been queued: the next one's print number follows it, so no two copies share one. */
@Entity('label_print_counts')
export class LabelPrintCount {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'label_print_counts_pkey' })
  itemId: string;

  @ManyToOne(() => Item, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'label_print_counts_item_id_fkey' })
  item: Item;

  @Column({ type: 'integer' })
  reserved: number;
}
