import { MigrationInterface, QueryRunner } from 'typeorm';

export class UserLanguage1795550000000 implements MigrationInterface {
  name = 'UserLanguage1795550000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "language" character varying(2) NOT NULL DEFAULT 'en'`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "users_language_check" CHECK (language IN ('en', 'fr', 'nl'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_language_check"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "language"`);
  }
}
