import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks: subscriptions per site, one delivery per event and subscription (with each attempt
 * kept), and the position up to which events have been handed to them; the read log also keeps
 * the items whose events the event feed showed.
 */
export class EventFeedAndWebhooks1796400000000 implements MigrationInterface {
  name = 'EventFeedAndWebhooks1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "webhook_subscriptions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "site_id" uuid NOT NULL REFERENCES "sites" ("id"),
        "url" character varying(2000) NOT NULL,
        "description" character varying(200),
        "event_types" text[],
        "secret" character varying(100) NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "starts_after" bigint NOT NULL,
        "created_by" uuid NOT NULL REFERENCES "users" ("id"),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "webhook_subscriptions_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "webhook_subscriptions_site" ON "webhook_subscriptions" ("site_id")`);
    await queryRunner.query(`
      CREATE TABLE "webhook_deliveries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "subscription_id" uuid NOT NULL REFERENCES "webhook_subscriptions" ("id"),
        "position" bigint NOT NULL,
        "item_code" character varying(14) NOT NULL,
        "event_type" character varying(32) NOT NULL,
        "status" character varying(10) NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "last_attempt_at" TIMESTAMP WITH TIME ZONE,
        "last_status_code" integer,
        "last_error" character varying(500),
        "delivered_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "webhook_deliveries_status_check" CHECK (status IN ('pending', 'delivered', 'failed')),
        CONSTRAINT "webhook_deliveries_once" UNIQUE ("subscription_id", "position"),
        CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`
      CREATE TABLE "webhook_attempts" (
        "delivery_id" uuid NOT NULL REFERENCES "webhook_deliveries" ("id"),
        "number" integer NOT NULL,
        "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "duration_ms" integer NOT NULL,
        "status_code" integer,
        "error" character varying(500),
        CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("delivery_id", "number"))`);
    // events already in the ledger were never promised to anyone: delivering starts after them
    await queryRunner.query(`
      CREATE TABLE "webhook_cursor" (
        "id" smallint NOT NULL DEFAULT 1,
        "last_position" bigint NOT NULL,
        CONSTRAINT "webhook_cursor_one_row" CHECK (id = 1),
        CONSTRAINT "webhook_cursor_pkey" PRIMARY KEY ("id"))`);
    await queryRunner.query(`INSERT INTO "webhook_cursor" ("last_position") SELECT coalesce(max(sequence), 0) FROM "custody_events"`);

    await queryRunner.query(`ALTER TABLE "item_reads" DROP CONSTRAINT "item_reads_what_check"`);
    await queryRunner.query(
      `ALTER TABLE "item_reads" ADD CONSTRAINT "item_reads_what_check" CHECK (what IN ('record', 'history', 'custody_report', 'proof_bundle', 'verification', 'scan', 'list', 'seizure', 'label', 'feed'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // the read log is append-only: the feed's reads stay, unchecked by the older constraint
    await queryRunner.query(`ALTER TABLE "item_reads" DROP CONSTRAINT "item_reads_what_check"`);
    await queryRunner.query(
      `ALTER TABLE "item_reads" ADD CONSTRAINT "item_reads_what_check" CHECK (what IN ('record', 'history', 'custody_report', 'proof_bundle', 'verification', 'scan', 'list', 'seizure', 'label')) NOT VALID`,
    );
    await queryRunner.query(`DROP TABLE "webhook_cursor"`);
    await queryRunner.query(`DROP TABLE "webhook_attempts"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhook_subscriptions"`);
  }
}
