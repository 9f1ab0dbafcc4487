import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The one row that numbers the ledger: each appending transaction raises it and holds its lock
 * until commit, so sequences are gapless in commit order.
 */
@Entity('ledger_head')
@Check('ledger_head_single_row_check', `id = 1`)
export class LedgerHead {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'ledger_head_pkey' })
  id: number;

  @Column({ type: 'bigint', default: 0 })
  lastSequence: string;
}
