import { MigrationInterface, QueryRunner } from 'typeorm';

/** The sign-in record tells a witness's password from a sign-in: their failures are refused alike but kept apart for the auditors. */
export class WitnessSignIns1795900000000 implements MigrationInterface {
  name = 'WitnessSignIns1795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sign_ins" ADD "purpose" character varying(16) NOT NULL DEFAULT 'sign_in'`);
    await queryRunner.query(`ALTER TABLE "sign_ins" ADD CONSTRAINT "sign_ins_purpose_check" CHECK (purpose IN ('sign_in', 'witness'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sign_ins" DROP CONSTRAINT "sign_ins_purpose_check"`);
    await queryRunner.query(`ALTER TABLE "sign_ins" DROP COLUMN "purpose"`);
  }
}
