import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger's Merkle tree stored as C2SP tlog-tiles: each tile and entry bundle kept at its
 * widest (a narrower one is a prefix of it), grown by the integrator in the transaction that gives
 * events their positions; the ledger head keeps the tree size and root they make. Checkpoints keep
 * their signed note, witnesses' cosignatures are kept with them, and what each witness last saw.
 */
export class LedgerTiles1795800000000 implements MigrationInterface {
  name = 'LedgerTiles1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ledger_tiles" ("level" smallint NOT NULL, "index" bigint NOT NULL, "width" smallint NOT NULL, "hashes" bytea NOT NULL, CONSTRAINT "ledger_tiles_width_check" CHECK (width BETWEEN 1 AND 256 AND octet_length(hashes) = 32 * width), CONSTRAINT "ledger_tiles_pkey" PRIMARY KEY ("level", "index"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ledger_entry_bundles" ("index" bigint NOT NULL, "width" smallint NOT NULL, "entries" bytea NOT NULL, CONSTRAINT "ledger_entry_bundles_width_check" CHECK (width BETWEEN 1 AND 256), CONSTRAINT "ledger_entry_bundles_pkey" PRIMARY KEY ("index"))`,
    );
    // the tiles cover the first tree_size positions; the integrator grows them to the head, existing events first
    await queryRunner.query(`ALTER TABLE "ledger_head" ADD "tree_size" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "ledger_head" ADD "root_hash" bytea`);
    await queryRunner.query(`ALTER TABLE "ledger_checkpoints" ADD "note" text`);
    await queryRunner.query(
      `CREATE TABLE "witness_cosignatures" ("tree_size" bigint NOT NULL, "witness" character varying(200) NOT NULL, "signature_line" character varying(400) NOT NULL, "cosigned_at" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "witness_cosignatures_pkey" PRIMARY KEY ("tree_size", "witness"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "witness_cosignatures" ADD CONSTRAINT "witness_cosignatures_tree_size_fkey" FOREIGN KEY ("tree_size") REFERENCES "ledger_checkpoints"("tree_size") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "witness_states" ("witness" character varying(200) NOT NULL, "tree_size" bigint NOT NULL, "last_error" character varying(500), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "witness_states_pkey" PRIMARY KEY ("witness"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "witness_states"`);
    await queryRunner.query(`ALTER TABLE "witness_cosignatures" DROP CONSTRAINT "witness_cosignatures_tree_size_fkey"`);
    await queryRunner.query(`DROP TABLE "witness_cosignatures"`);
    await queryRunner.query(`ALTER TABLE "ledger_checkpoints" DROP COLUMN "note"`);
    await queryRunner.query(`ALTER TABLE "ledger_head" DROP COLUMN "root_hash"`);
    await queryRunner.query(`ALTER TABLE "ledger_head" DROP COLUMN "tree_size"`);
    await queryRunner.query(`DROP TABLE "ledger_entry_bundles"`);
    await queryRunner.query(`DROP TABLE "ledger_tiles"`);
  }
}
