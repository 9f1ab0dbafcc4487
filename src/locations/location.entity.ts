import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { Site } from '../sites/site.entity';

/** Levels of a site's storage tree, outermost first. */
export enum LocationKind {
  Room = 'room',
  Shelf = 'shelf',
  Bin = 'bin',
}

@Entity('locations')
@Index('locations_code_unique', ['code'], { unique: true })
@Check('locations_code_format_check', `code ~ '^L[0-9]{9}[0-9A-Z]$'`)
@Check('locations_kind_check', `kind IN ('room', 'shelf', 'bin')`)
@Check('locations_room_is_top_check', `(kind = 'room') = (parent_id IS NULL)`)
// Written by hand in the migration (expressions TypeORM cannot describe); declared so it is never dropped.
@Index('locations_sibling_name_unique', { synchronize: false })
@Unique('locations_id_site_id_unique', ['id', 'siteId'])
export class Location {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'locations_pkey' })
  id: string;

  /** Barcode identity (libs/codes), printed on the shelf or bin label. */
  @Column({ type: 'varchar', length: 14 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: LocationKind;

  @Index('locations_site_id_index')
  @Column({ type: 'uuid' })
  siteId: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'locations_site_id_fkey' })
  site: Site;

  @Index('locations_parent_id_index')
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  /** Same site as the parent: the foreign key covers (parent_id, site_id). */
  @ManyToOne(() => Location, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn([
    { name: 'parent_id', referencedColumnName: 'id', foreignKeyConstraintName: 'locations_parent_fkey' },
    { name: 'site_id', referencedColumnName: 'siteId', foreignKeyConstraintName: 'locations_parent_fkey' },
  ])
  parent: Location | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
