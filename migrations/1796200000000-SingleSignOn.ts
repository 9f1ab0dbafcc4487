import { MigrationInterface, QueryRunner } from 'typeorm';

/** A sign-in through the OpenID provider hands the browser a one-time code (kept hashed, good for a minute), traded for a token. */
export class SingleSignOn1796200000000 implements MigrationInterface {
  name = 'SingleSignOn1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sign_in_handoffs" ("code_hash" character(64) NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "sign_in_handoffs_pkey" PRIMARY KEY ("code_hash"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "sign_in_handoffs" ADD CONSTRAINT "sign_in_handoffs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sign_in_handoffs"`);
  }
}
