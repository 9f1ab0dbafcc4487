import { MigrationInterface, QueryRunner } from 'typeorm';

export class Audits1795471525668 implements MigrationInterface {
  name = 'Audits1795471525668';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audits" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "site_id" uuid NOT NULL, "location_id" uuid, "confidence" numeric(5,4), "margin" numeric(5,4), "population" integer, "sample_size" integer, "started_by_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_by_id" uuid, "finished_at" TIMESTAMP WITH TIME ZONE, "report" jsonb, CONSTRAINT "audits_finished_check" CHECK ((status = 'finished') = (finished_at IS NOT NULL AND report IS NOT NULL)), CONSTRAINT "audits_location_kind_check" CHECK ((kind = 'location') = (location_id IS NOT NULL)), CONSTRAINT "audits_status_check" CHECK (status IN ('open', 'finished')), CONSTRAINT "audits_kind_check" CHECK (kind IN ('location', 'site', 'random')), CONSTRAINT "audits_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "audits_site_id_started_at_index" ON "audits" ("site_id", "started_at") `);
    await queryRunner.query(
      `CREATE TABLE "audit_expected_items" ("audit_id" uuid NOT NULL, "item_id" uuid NOT NULL, CONSTRAINT "audit_expected_items_pkey" PRIMARY KEY ("audit_id", "item_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_scans" ("audit_id" uuid NOT NULL, "code" character varying(14) NOT NULL, "scanned_by_id" uuid NOT NULL, "scanned_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "audit_scans_pkey" PRIMARY KEY ("audit_id", "code"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "audits" ADD CONSTRAINT "audits_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audits" ADD CONSTRAINT "audits_location_id_fkey" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audits" ADD CONSTRAINT "audits_started_by_id_fkey" FOREIGN KEY ("started_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audits" ADD CONSTRAINT "audits_finished_by_id_fkey" FOREIGN KEY ("finished_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_expected_items" ADD CONSTRAINT "audit_expected_items_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "audits"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_expected_items" ADD CONSTRAINT "audit_expected_items_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_scans" ADD CONSTRAINT "audit_scans_audit_id_fkey" FOREIGN KEY ("audit_id") REFERENCES "audits"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_scans" ADD CONSTRAINT "audit_scans_scanned_by_id_fkey" FOREIGN KEY ("scanned_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_scans" DROP CONSTRAINT "audit_scans_scanned_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "audit_scans" DROP CONSTRAINT "audit_scans_audit_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "audit_expected_items" DROP CONSTRAINT "audit_expected_items_item_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "audit_expected_items" DROP CONSTRAINT "audit_expected_items_audit_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "audits" DROP CONSTRAINT "audits_finished_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "audits" DROP CONSTRAINT "audits_started_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "audits" DROP CONSTRAINT "audits_location_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "audits" DROP CONSTRAINT "audits_site_id_fkey"`);
    await queryRunner.query(`DROP TABLE "audit_scans"`);
    await queryRunner.query(`DROP TABLE "audit_expected_items"`);
    await queryRunner.query(`DROP INDEX "public"."audits_site_id_started_at_index"`);
    await queryRunner.query(`DROP TABLE "audits"`);
  }
}
