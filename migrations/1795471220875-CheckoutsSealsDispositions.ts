import { MigrationInterface, QueryRunner } from 'typeorm';

export class CheckoutsSealsDispositions1795471220875 implements MigrationInterface {
  name = 'CheckoutsSealsDispositions1795471220875';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "checkouts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "person" character varying(200) NOT NULL, "purpose" character varying(500) NOT NULL, "expected_return" date NOT NULL, "checked_out_at" TIMESTAMP WITH TIME ZONE NOT NULL, "checked_out_by_id" uuid NOT NULL, "witness_id" uuid, "returned_at" TIMESTAMP WITH TIME ZONE, "returned_by_id" uuid, CONSTRAINT "checkouts_returned_by_check" CHECK ((returned_at IS NULL) = (returned_by_id IS NULL)), CONSTRAINT "checkouts_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "checkouts_item_id_index" ON "checkouts" ("item_id") `);
    await queryRunner.query(
      `CREATE TABLE "dispositions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "kind" character varying(24) NOT NULL, "authority" character varying(300) NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, "executed_by_id" uuid NOT NULL, "witness_id" uuid, "executed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "dispositions_kind_check" CHECK (kind IN ('returned_to_owner', 'destroyed', 'confiscated', 'sold')), CONSTRAINT "dispositions_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "dispositions_item_id_unique" ON "dispositions" ("item_id") `);
    await queryRunner.query(`ALTER TABLE "items" ADD "seal_damaged" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "items" ADD "review_on" date`);
    await queryRunner.query(`CREATE INDEX "items_review_on_index" ON "items" ("review_on") `);
    await queryRunner.query(
      `ALTER TABLE "checkouts" ADD CONSTRAINT "checkouts_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "checkouts" ADD CONSTRAINT "checkouts_checked_out_by_id_fkey" FOREIGN KEY ("checked_out_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "checkouts" ADD CONSTRAINT "checkouts_witness_id_fkey" FOREIGN KEY ("witness_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "checkouts" ADD CONSTRAINT "checkouts_returned_by_id_fkey" FOREIGN KEY ("returned_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_executed_by_id_fkey" FOREIGN KEY ("executed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_witness_id_fkey" FOREIGN KEY ("witness_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Written by hand: what the database holds of check-outs and dispositions.
    await queryRunner.query(`CREATE UNIQUE INDEX "checkouts_one_open_unique" ON "checkouts" ("item_id") WHERE "returned_at" IS NULL`);
    // An item is checked out exactly when it has an open check-out; checked at commit, after both rows changed.
    await queryRunner.query(`
            CREATE FUNCTION items_checked_out_with_checkout() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                checked_item uuid;
                checked_out boolean;
                open_checkout boolean;
            BEGIN
                IF TG_TABLE_NAME = 'items' THEN
                    checked_item := NEW.id;
                ELSE
                    checked_item := NEW.item_id;
                END IF;
                checked_out := (SELECT status = 'checked_out' FROM items WHERE id = checked_item);
                open_checkout := EXISTS (SELECT 1 FROM checkouts WHERE item_id = checked_item AND returned_at IS NULL);
                IF checked_out IS DISTINCT FROM open_checkout THEN
                    RAISE EXCEPTION 'item % is % but has % open check-out', checked_item,
                        CASE WHEN checked_out THEN 'checked out' ELSE 'not checked out' END, CASE WHEN open_checkout THEN 'an' ELSE 'no' END;
                END IF;
                RETURN NULL;
            END $$`);
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER "items_checked_out_with_checkout" AFTER UPDATE OF "status" ON "items" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.status = 'checked_out' OR OLD.status = 'checked_out') EXECUTE FUNCTION items_checked_out_with_checkout()`,
    );
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER "checkouts_item_checked_out" AFTER INSERT OR UPDATE OF "returned_at" ON "checkouts" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION items_checked_out_with_checkout()`,
    );
    // A disposed item is final: nothing about it changes again, no event follows.
    await queryRunner.query(`
            CREATE FUNCTION items_disposed_are_final() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'item % is disposed: nothing else can happen to it', OLD.code;
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "items_disposed_are_final" BEFORE UPDATE ON "items" FOR EACH ROW WHEN (OLD.status = 'disposed') EXECUTE FUNCTION items_disposed_are_final()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "items_disposed_are_final" ON "items"`);
    await queryRunner.query(`DROP FUNCTION items_disposed_are_final()`);
    await queryRunner.query(`DROP TRIGGER "checkouts_item_checked_out" ON "checkouts"`);
    await queryRunner.query(`DROP TRIGGER "items_checked_out_with_checkout" ON "items"`);
    await queryRunner.query(`DROP FUNCTION items_checked_out_with_checkout()`);
    await queryRunner.query(`DROP INDEX "public"."checkouts_one_open_unique"`);
    await queryRunner.query(`ALTER TABLE "dispositions" DROP CONSTRAINT "dispositions_witness_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "dispositions" DROP CONSTRAINT "dispositions_executed_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "dispositions" DROP CONSTRAINT "dispositions_item_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "checkouts" DROP CONSTRAINT "checkouts_returned_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "checkouts" DROP CONSTRAINT "checkouts_witness_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "checkouts" DROP CONSTRAINT "checkouts_checked_out_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "checkouts" DROP CONSTRAINT "checkouts_item_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."items_review_on_index"`);
    await queryRunner.query(`ALTER TABLE "items" DROP COLUMN "review_on"`);
    await queryRunner.query(`ALTER TABLE "items" DROP COLUMN "seal_damaged"`);
    await queryRunner.query(`DROP INDEX "public"."dispositions_item_id_unique"`);
    await queryRunner.query(`DROP TABLE "dispositions"`);
    await queryRunner.query(`DROP INDEX "public"."checkouts_item_id_index"`);
    await queryRunner.query(`DROP TABLE "checkouts"`);
  }
}
