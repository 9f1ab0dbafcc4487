import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { AuditReport } from '../../libs/audits';
import { Item } from '../items/item.entity';
import { Location } from '../locations/location.entity';
import { Site } from '../sites/site.entity';
import { User } from '../users/user.entity';

export enum AuditKind {
  Location = 'location',
  Site = 'site',
  Random = 'random',
}

export enum AuditStatus {
  Open = 'open',
  Finished = 'finished',
}

/** An inventory of a location (with what is below it), a whole site, or a random sample of a site's items. */
@Entity('audits')
@Index('audits_site_id_started_at_index', ['siteId', 'startedAt'])
@Check('audits_kind_check', `kind IN ('location', 'site', 'random')`)
@Check('audits_status_check', `status IN ('open', 'finished')`)
@Check('audits_location_kind_check', `(kind = 'location') = (location_id IS NOT NULL)`)
@Check('audits_finished_check', `(status = 'finished') = (finished_at IS NOT NULL AND report IS NOT NULL)`)
export class Audit {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'audits_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: AuditKind;

  @Column({ type: 'varchar', length: 16 })
  status: AuditStatus;

  @Column({ type: 'uuid' })
  siteId: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'audits_site_id_fkey' })
  site: Site;

  @Column({ type: 'uuid', nullable: true })
  locationId: string | null;

  @ManyToOne(() => Location, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'location_id', foreignKeyConstraintName: 'audits_location_id_fkey' })
  location: Location | null;

  /** For a random audit: what was asked, how many items there were, and how many were drawn. */
  @Column({ type: 'numeric', precision: 5, scale: 4, nullable: true })
  confidence: string | null;

  @Column({ type: 'numeric', precision: 5, scale: 4, nullable: true })
  margin: string | null;

  @Column({ type: 'integer', nullable: true })
  population: number | null;

  @Column({ type: 'integer', nullable: true })
  sampleSize: number | null;

  @Column({ type: 'uuid' })
  startedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'started_by_id', foreignKeyConstraintName: 'audits_started_by_id_fkey' })
  startedBy: User;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  finishedById: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'finished_by_id', foreignKeyConstraintName: 'audits_finished_by_id_fkey' })
  finishedBy: User | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** Kept as finished: found, misplaced, missing, unexpected. */
  @Column({ type: 'jsonb', nullable: true })
  report: AuditReport | null;
}

/** An item the audit expects to find, as the records stood when it began (or as drawn for a random audit). */
@Entity('audit_expected_items')
export class AuditExpectedItem {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'audit_expected_items_pkey' })
  auditId: string;

  @ManyToOne(() => Audit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'audit_id', foreignKeyConstraintName: 'audit_expected_items_audit_id_fkey' })
  audit: Audit;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'audit_expected_items_pkey' })
  itemId: string;

  @ManyToOne(() => Item, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'audit_expected_items_item_id_fkey' })
  item: Item;
}

/** A code scanned during an audit: once, however often it is scanned. */
@Entity('audit_scans')
export class AuditScan {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'audit_scans_pkey' })
  auditId: string;

  @ManyToOne(() => Audit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'audit_id', foreignKeyConstraintName: 'audit_scans_audit_id_fkey' })
  audit: Audit;

  @PrimaryColumn({ type: 'varchar', length: 14, primaryKeyConstraintName: 'audit_scans_pkey' })
  code: string;

  @Column({ type: 'uuid' })
  scannedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scanned_by_id', foreignKeyConstraintName: 'audit_scans_scanned_by_id_fkey' })
  scannedBy: User;

  @Column({ type: 'timestamptz' })
  scannedAt: Date;
}
