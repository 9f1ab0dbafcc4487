import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';

@Entity('sites')
@Index('sites_code_unique', ['code'], { unique: true })
@Check('sites_code_format_check', `code ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'`)
// one or two languages, the first the primary, each once
@Check(
  'sites_document_languages_check',
  `cardinality(document_languages) BETWEEN 1 AND 2 AND document_languages <@ ARRAY['en', 'fr', 'nl']::varchar[] AND (cardinality(document_languages) = 1 OR document_languages[1] <> document_languages[2])`,
)
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

  /** The languages of the site's labels and documents: the first is the primary, the one labels speak (en, fr, nl). */
  @Column({ type: 'varchar', length: 2, array: true, default: () => "'{en}'" })
  documentLanguages: string[];

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
