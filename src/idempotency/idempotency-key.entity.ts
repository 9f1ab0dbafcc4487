import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * A request sent with an `Idempotency-Key`: claimed before it runs, marked applied inside the
 * transaction of its change, and its answer kept so a retry gets the same one.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'idempotency_keys_pkey' })
  actorId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'idempotency_keys_actor_id_fkey' })
  actor: User;

  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'idempotency_keys_pkey' })
  key: string;

  /** SHA-256 of the method, path and body: the same key with another request is refused. */
  @Column({ type: 'char', length: 64 })
  fingerprint: string;

  /** Which attempt holds the claim: a stale claim taken over gets a new token, and the old attempt cannot commit. */
  @Column({ type: 'uuid' })
  claimToken: string;

  @Column({ type: 'timestamptz' })
  claimedAt: Date;

  /** Set in the same transaction as the change the request made. */
  @Column({ type: 'timestamptz', nullable: true })
  appliedAt: Date | null;

  @Column({ type: 'smallint', nullable: true })
  statusCode: number | null;

  /** The first answer's body as sent (json, not jsonb: a replay is the same text). */
  @Column({ type: 'json', nullable: true })
  response: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
