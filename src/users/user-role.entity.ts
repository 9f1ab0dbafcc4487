import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../auth/role';
import { Site } from '../sites/site.entity';
import { User } from './user.entity';

/** One role of a user; site-bound roles name their site, auditor and admin hold everywhere. */
@Entity('user_roles')
@Check('user_roles_role_check', `role IN ('evidence_officer', 'registry_clerk', 'confiscation_officer', 'lab_analyst', 'auditor', 'admin')`)
// Written by hand in the migration (one role per user and site, with NULL for everywhere).
@Index('user_roles_unique', { synchronize: false })
@Check('user_roles_site_check', `(role IN ('auditor', 'admin')) = (site_id IS NULL)`)
export class UserRole {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'user_roles_pkey' })
  id: string;

  @Index('user_roles_user_id_index')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, (user) => user.roles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'user_roles_user_id_fkey' })
  user: User;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Index('user_roles_site_id_index')
  @Column({ type: 'uuid', nullable: true })
  siteId: string | null;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'user_roles_site_id_fkey' })
  site: Site | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
