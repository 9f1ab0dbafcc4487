import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sites get the languages of their labels and documents; printers how they confirm a job and the
 * state they were last seen in; print jobs a stable error code and the status "sent" (to a printer
 * that cannot confirm).
 */
export class PrinterStatusAndSiteLanguages1795700000000 implements MigrationInterface {
  name = 'PrinterStatusAndSiteLanguages1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sites" ADD "document_languages" character varying(2) array NOT NULL DEFAULT '{en}'`);
    await queryRunner.query(
      `ALTER TABLE "sites" ADD CONSTRAINT "sites_document_languages_check" CHECK (cardinality(document_languages) BETWEEN 1 AND 2 AND document_languages <@ ARRAY['en', 'fr', 'nl']::varchar[] AND (cardinality(document_languages) = 1 OR document_languages[1] <> document_languages[2]))`,
    );
    await queryRunner.query(`ALTER TABLE "printers" ADD "confirmation" character varying(8) NOT NULL DEFAULT 'status'`);
    await queryRunner.query(`ALTER TABLE "printers" ADD "last_state" character varying(24)`);
    await queryRunner.query(`ALTER TABLE "printers" ADD "last_state_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "printers" ADD CONSTRAINT "printers_confirmation_check" CHECK (confirmation IN ('status', 'send'))`);
    await queryRunner.query(`ALTER TABLE "print_jobs" ADD "error_code" character varying(40)`);
    await queryRunner.query(`ALTER TABLE "print_jobs" DROP CONSTRAINT "print_jobs_status_check"`);
    await queryRunner.query(
      `ALTER TABLE "print_jobs" ADD CONSTRAINT "print_jobs_status_check" CHECK (status IN ('queued', 'sending', 'printed', 'sent', 'failed'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "print_jobs" SET "status" = 'printed' WHERE "status" = 'sent'`);
    await queryRunner.query(`ALTER TABLE "print_jobs" DROP CONSTRAINT "print_jobs_status_check"`);
    await queryRunner.query(`ALTER TABLE "print_jobs" ADD CONSTRAINT "print_jobs_status_check" CHECK (status IN ('queued', 'sending', 'printed', 'failed'))`);
    await queryRunner.query(`ALTER TABLE "print_jobs" DROP COLUMN "error_code"`);
    await queryRunner.query(`ALTER TABLE "printers" DROP CONSTRAINT "printers_confirmation_check"`);
    await queryRunner.query(`ALTER TABLE "printers" DROP COLUMN "last_state_at"`);
    await queryRunner.query(`ALTER TABLE "printers" DROP COLUMN "last_state"`);
    await queryRunner.query(`ALTER TABLE "printers" DROP COLUMN "confirmation"`);
    await queryRunner.query(`ALTER TABLE "sites" DROP CONSTRAINT "sites_document_languages_check"`);
    await queryRunner.query(`ALTER TABLE "sites" DROP COLUMN "document_languages"`);
  }
}
