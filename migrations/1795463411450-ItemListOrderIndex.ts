import { MigrationInterface, QueryRunner } from 'typeorm';

export class ItemListOrderIndex1795463411450 implements MigrationInterface {
  name = 'ItemListOrderIndex1795463411450';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "items_created_at_code_index" ON "items" ("created_at", "code") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."items_created_at_code_index"`);
  }
}
