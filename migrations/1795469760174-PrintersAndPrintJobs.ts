import { MigrationInterface, QueryRunner } from 'typeorm';

export class PrintersAndPrintJobs1795469760174 implements MigrationInterface {
  name = 'PrintersAndPrintJobs1795469760174';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "label_print_counts" ("item_id" uuid NOT NULL, "reserved" integer NOT NULL, CONSTRAINT "label_print_counts_pkey" PRIMARY KEY ("item_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "printers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "host" character varying(253) NOT NULL, "port" integer NOT NULL, "type" character varying(8) NOT NULL, "width_mm" smallint NOT NULL, "dpi" smallint NOT NULL, "disabled" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "printers_width_check" CHECK ((type = 'zpl' AND width_mm IN (51, 102)) OR (type <> 'zpl' AND width_mm IN (58, 80))), CONSTRAINT "printers_dpi_check" CHECK (dpi IN (203, 300)), CONSTRAINT "printers_port_check" CHECK (port BETWEEN 1 AND 65535), CONSTRAINT "printers_type_check" CHECK (type IN ('epson', 'star', 'zpl')), CONSTRAINT "printers_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "printers_site_id_name_unique" ON "printers" ("site_id", "name") `);
    await queryRunner.query(
      `CREATE TABLE "print_jobs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "printer_id" uuid NOT NULL, "requested_by_id" uuid NOT NULL, "codes" character varying array NOT NULL, "copies" smallint NOT NULL, "print_numbers" jsonb NOT NULL DEFAULT '{}', "status" character varying(16) NOT NULL, "attempts" smallint NOT NULL DEFAULT '0', "error" character varying(500), "bytes_sent" integer, "printed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "print_jobs_failure_explained_check" CHECK (status <> 'failed' OR error IS NOT NULL), CONSTRAINT "print_jobs_copies_check" CHECK (copies BETWEEN 1 AND 20), CONSTRAINT "print_jobs_status_check" CHECK (status IN ('queued', 'sending', 'printed', 'failed')), CONSTRAINT "print_jobs_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "print_jobs_printer_id_created_at_index" ON "print_jobs" ("printer_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "response"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "response" json`);
    await queryRunner.query(
      `ALTER TABLE "label_print_counts" ADD CONSTRAINT "label_print_counts_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "printers" ADD CONSTRAINT "printers_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "print_jobs" ADD CONSTRAINT "print_jobs_printer_id_fkey" FOREIGN KEY ("printer_id") REFERENCES "printers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "print_jobs" ADD CONSTRAINT "print_jobs_requested_by_id_fkey" FOREIGN KEY ("requested_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "print_jobs" DROP CONSTRAINT "print_jobs_requested_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "print_jobs" DROP CONSTRAINT "print_jobs_printer_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "printers" DROP CONSTRAINT "printers_site_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "label_print_counts" DROP CONSTRAINT "label_print_counts_item_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "response"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "response" jsonb`);
    await queryRunner.query(`DROP INDEX "public"."print_jobs_printer_id_created_at_index"`);
    await queryRunner.query(`DROP TABLE "print_jobs"`);
    await queryRunner.query(`DROP INDEX "public"."printers_site_id_name_unique"`);
    await queryRunner.query(`DROP TABLE "printers"`);
    await queryRunner.query(`DROP TABLE "label_print_counts"`);
  }
}
