import { MigrationInterface, QueryRunner } from 'typeorm';

export class LedgerCheckpoints1795463774137 implements MigrationInterface {
  name = 'LedgerCheckpoints1795463774137';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ledger_checkpoints" ("tree_size" bigint NOT NULL, "root_hash" character(64) NOT NULL, "signed_at" character varying(40) NOT NULL, "key_id" character varying(16) NOT NULL, "signature" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ledger_checkpoints_pkey" PRIMARY KEY ("tree_size"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ledger_checkpoints"`);
  }
}
