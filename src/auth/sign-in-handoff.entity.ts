import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** The one-time code a sign-in through the OpenID provider hands the browser: kept as its SHA-256, good once, for a minute. */
@Entity('sign_in_handoffs')
export class SignInHandoff {
  @PrimaryColumn({ type: 'char', length: 64, primaryKeyConstraintName: 'sign_in_handoffs_pkey' })
  codeHash: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'sign_in_handoffs_user_id_fkey' })
  user?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
