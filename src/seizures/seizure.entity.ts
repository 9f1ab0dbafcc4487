import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Site } from '../sites/site.entity';
import { User } from '../users/user.entity';

/** One act of seizing, under a case reference (the police report number). */
@Entity('seizures')
@Index('seizures_code_unique', ['code'], { unique: true })
@Check('seizures_code_format_check', `code ~ '^S[0-9]{9}[0-9X]$'`)
@Index('seizures_import_reference_unique', ['siteId', 'importReference'], { unique: true, where: 'import_reference IS NOT NULL' })
export class Seizure {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'seizures_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 14 })
  code: string;

  @Index('seizures_case_number_index')
  @Column({ type: 'varchar', length: 64 })
  caseNumber: string;

  @Column({ type: 'timestamptz' })
  seizedAt: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  seizingUnit: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  legalReference: string | null;

  @Index('seizures_site_id_index')
  @Column({ type: 'uuid' })
  siteId: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'seizures_site_id_fkey' })
  site: Site;

  @Column({ type: 'uuid' })
  registeredById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'registered_by_id', foreignKeyConstraintName: 'seizures_registered_by_id_fkey' })
  registeredBy: User;

  /** Its reference in the records it was imported from (npm run import); null for a seizure registered here. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  importReference: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
