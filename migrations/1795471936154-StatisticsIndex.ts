import { MigrationInterface, QueryRunner } from 'typeorm';

export class StatisticsIndex1795471936154 implements MigrationInterface {
  name = 'StatisticsIndex1795471936154';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "custody_events_type_site_code_occurred_at_index" ON "custody_events" ("type", "site_code", "occurred_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."custody_events_type_site_code_occurred_at_index"`);
  }
}
