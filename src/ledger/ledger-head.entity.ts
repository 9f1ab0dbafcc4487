import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The ledger's head: the last position the integrator gave, and the tree its tiles make (the
 * first `treeSize` positions and their root). Only the integrator writes it, once a batch,
 * holding its lock while it gives the batch its positions and grows the tiles.
 */
@Entity('ledger_head')
@Check('ledger_head_single_row_check', `id = 1`)
export class LedgerHead {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'ledger_head_pkey' })
  id: number;

  @Column({ type: 'bigint', default: 0 })
  lastSequence: string;

  @Column({ type: 'bigint', default: 0 })
  treeSize: string;

  /** RFC 6962 root of the first `treeSize` leaves; null for the empty tree. */
  @Column({ type: 'bytea', nullable: true })
  rootHash: Buffer | null;
}
