import { MigrationInterface, QueryRunner } from 'typeorm';

/** The read log also keeps the items a list or search showed, the items of a seizure's page, and the item of a label. */
export class ReadLogOfListsAndLabels1796300000000 implements MigrationInterface {
  name = 'ReadLogOfListsAndLabels1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "item_reads" DROP CONSTRAINT "item_reads_what_check"`);
    await queryRunner.query(
      `ALTER TABLE "item_reads" ADD CONSTRAINT "item_reads_what_check" CHECK (what IN ('record', 'history', 'custody_report', 'proof_bundle', 'verification', 'scan', 'list', 'seizure', 'label'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "item_reads" DROP CONSTRAINT "item_reads_what_check"`);
    await queryRunner.query(
      `ALTER TABLE "item_reads" ADD CONSTRAINT "item_reads_what_check" CHECK (what IN ('record', 'history', 'custody_report', 'proof_bundle', 'verification', 'scan'))`,
    );
  }
}
