import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The ledger's integration point: the last position the integrator gave. Only the integrator
 * writes it, once a batch, holding its lock while it gives the batch its positions.
 */
@Entity('ledger_head')
@Check('ledger_head_single_row_check', `id = 1`)
export class LedgerHead {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'ledger_head_pkey' })
  id: number;

  @Column({ type: 'bigint', default: 0 })
  lastSequence: string;
}
