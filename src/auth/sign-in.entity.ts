import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Why a password was given: to sign in, or to witness another person's step. */
export type SignInPurpose = 'sign_in' | 'witness';

/** One sign-in attempt, successful or not, with where it came from. Kept for audits. */
@Entity('sign_ins')
@Check('sign_ins_purpose_check', `purpose IN ('sign_in', 'witness')`)
@Index('sign_ins_occurred_at_index', ['occurredAt'])
export class SignIn {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'sign_ins_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  username: string;

  @Index('sign_ins_user_id_index')
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'boolean' })
  succeeded: boolean;

  @Column({ type: 'varchar', length: 16, default: 'sign_in' })
  purpose: SignInPurpose;

  /** Why a failed attempt failed: unknown_user, wrong_password, locked, disabled; for a witness also no_role_at_site. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  failure: string | null;

  @Column({ type: 'varchar', length: 64 })
  sourceAddress: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  occurredAt: Date;
}
