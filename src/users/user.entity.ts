import { Check, Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserRole } from './user-role.entity';
import { Language } from './language';

@Entity('users')
@Index('users_username_unique', ['username'], { unique: true })
@Check('users_username_lowercase_check', `username = lower(username)`)
@Check('users_language_check', `language IN ('en', 'fr', 'nl')`)
export class User {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'users_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  /** argon2id; never leaves the server. */
  @Column({ type: 'varchar', length: 200, select: false })
  passwordHash: string;

  /** The language of the user's screens. */
  @Column({ type: 'varchar', length: 2, default: Language.English })
  language: Language;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /** Carried by every token issued to the user; raising it ends them all at once. */
  @Column({ type: 'integer', default: 1 })
  tokenVersion: number;

  @Column({ type: 'integer', default: 0 })
  failedLoginCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** The TOTP secret (RFC 6238, base32): pending until confirmed by a first code, then enabled; never leaves the server after enrolment. */
  @Column({ type: 'varchar', length: 64, nullable: true, select: false })
  totpSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  totpEnabledAt: Date | null;

  /** The time step of the last code accepted: a code is good once. */
  @Column({ type: 'bigint', nullable: true, select: false })
  totpLastStep: string | null;

  /** argon2id hashes of the unused one-time recovery codes. */
  @Column({ type: 'varchar', length: 200, array: true, default: () => "'{}'", select: false })
  recoveryCodes: string[];

  @OneToMany(() => UserRole, (userRole) => userRole.user)
  roles: UserRole[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
