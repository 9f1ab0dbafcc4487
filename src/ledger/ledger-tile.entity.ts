import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A tile of the ledger's Merkle tree (C2SP tlog-tiles), at its widest: a narrower one is its prefix. */
@Entity('ledger_tiles')
@Check('ledger_tiles_width_check', `width BETWEEN 1 AND 256 AND octet_length(hashes) = 32 * width`)
export class LedgerTile {
  @PrimaryColumn({ type: 'smallint', primaryKeyConstraintName: 'ledger_tiles_pkey' })
  level: number;

  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'ledger_tiles_pkey' })
  index: string;

  @Column({ type: 'smallint' })
  width: number;

  @Column({ type: 'bytea' })
  hashes: Buffer;
}

/** The entries of a level-0 tile: each event's 32-byte hash, length-prefixed (C2SP tlog-tiles). */
@Entity('ledger_entry_bundles')
@Check('ledger_entry_bundles_width_check', `width BETWEEN 1 AND 256`)
export class LedgerEntryBundle {
  @PrimaryColumn({ type: 'bigint', primaryKeyConstraintName: 'ledger_entry_bundles_pkey' })
  index: string;

  @Column({ type: 'smallint' })
  width: number;

  @Column({ type: 'bytea' })
  entries: Buffer;
}
