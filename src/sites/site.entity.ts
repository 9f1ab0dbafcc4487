import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';

@Entity('sites')
@Index('sites_code_unique', ['code'], { unique: true })
@Check('sites_code_format_check', `code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'`)
export class Site {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'sites_pkey' })
  id: string;

  /** Short code people say and type, e.g. POL-BRU, TPI-BRU. */
  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  @Index('sites_organization_id_index')
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'sites_organization_id_fkey' })
  organization: Organization;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
