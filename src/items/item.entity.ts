import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Location } from '../locations/location.entity';
import { Seizure } from '../seizures/seizure.entity';
import { Site } from '../sites/site.entity';
import { ItemCategory, itemCategories, ItemStatus, itemStatuses } from '../../libs/custody';

/** One sealed object or package, with where it is now. Every change of that is a custody event. */
@Entity('items')
@Index('items_code_unique', ['code'], { unique: true })
@Index('items_site_id_status_index', ['siteId', 'status'])
// the default order of item lists, newest first
@Index('items_created_at_code_index', ['createdAt', 'code'])
@Check('items_code_format_check', `code ~ '^I[0-9]{9}[0-9X]$'`)
@Check('items_category_check', `category IN (${itemCategories.map((category) => `'${category}'`).join(', ')})`)
@Check('items_status_check', `status IN (${itemStatuses.map((status) => `'${status}'`).join(', ')})`)
@Check('items_quantity_check', `quantity > 0`)
@Check('items_event_count_check', `event_count > 0`)
export class Item {
  /** Made by the application, so the item's first event can be written before the item row. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'items_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 14 })
  code: string;

  @Index('items_seizure_id_index')
  @Column({ type: 'uuid' })
  seizureId: string;

  @ManyToOne(() => Seizure, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'seizure_id', foreignKeyConstraintName: 'items_seizure_id_fkey' })
  seizure: Seizure;

  /** Set for a sample: the item it was taken from. */
  @Index('items_parent_id_index')
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Item, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'items_parent_id_fkey' })
  parent: Item | null;

  @Index('items_category_index')
  @Column({ type: 'varchar', length: 32 })
  category: ItemCategory;

  @Column({ type: 'varchar', length: 2000 })
  description: string;

  /** Exact decimal, as counted or weighed: read back as a string such as "2.500". */
  @Column({ type: 'numeric', precision: 14, scale: 3 })
  quantity: string;

  @Column({ type: 'varchar', length: 20 })
  unit: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sealNumber: string | null;

  /** A receipt reported its seal damaged; cleared when it is resealed. */
  @Column({ type: 'boolean', default: false })
  sealDamaged: boolean;

  /** When someone must look at it again (e.g. return it within three months of an acquittal). */
  @Index('items_review_on_index')
  @Column({ type: 'date', nullable: true })
  reviewOn: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: ItemStatus;

  @Column({ type: 'uuid' })
  siteId: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'items_site_id_fkey' })
  site: Site;

  /** A location of the item's own site: the foreign key covers (location_id, site_id). */
  @Index('items_location_id_index')
  @Column({ type: 'uuid', nullable: true })
  locationId: string | null;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn([
    { name: 'location_id', referencedColumnName: 'id', foreignKeyConstraintName: 'items_location_fkey' },
    { name: 'site_id', referencedColumnName: 'siteId', foreignKeyConstraintName: 'items_location_fkey' },
  ])
  location: Location | null;

  /** Hash of the item's newest custody event, the head of its chain; a trigger checks that event exists. */
  @Column({ type: 'char', length: 64 })
  lastEventHash: string;

  /** How many custody events the item has: the head's number in its chain. */
  @Column({ type: 'integer' })
  eventCount: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
