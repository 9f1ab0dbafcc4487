import { MigrationInterface, QueryRunner } from 'typeorm';

export class TransfersAndIdempotencyKeys1795468194519 implements MigrationInterface {
  name = 'TransfersAndIdempotencyKeys1795468194519';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("actor_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "fingerprint" character(64) NOT NULL, "claim_token" uuid NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "applied_at" TIMESTAMP WITH TIME ZONE, "status_code" smallint, "response" json, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("actor_id", "key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "transfers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(14) NOT NULL, "status" character varying(16) NOT NULL, "from_site_id" uuid NOT NULL, "to_site_id" uuid NOT NULL, "purpose" character varying(500), "created_by_id" uuid NOT NULL, "dispatched_at" TIMESTAMP WITH TIME ZONE, "dispatched_by_id" uuid, "witness_id" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by_id" uuid, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancelled_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "transfers_close_recorded_check" CHECK (status <> 'closed' OR closed_at IS NOT NULL), CONSTRAINT "transfers_dispatch_recorded_check" CHECK (status = 'draft' OR status = 'cancelled' OR (dispatched_at IS NOT NULL AND dispatched_by_id IS NOT NULL)), CONSTRAINT "transfers_two_sites_check" CHECK (from_site_id <> to_site_id), CONSTRAINT "transfers_status_check" CHECK (status IN ('draft', 'dispatched', 'closed', 'cancelled')), CONSTRAINT "transfers_code_format_check" CHECK (code ~ '^T[0-9]{9}[0-9X]$'), CONSTRAINT "transfers_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "transfers_to_site_id_created_at_index" ON "transfers" ("to_site_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "transfers_from_site_id_created_at_index" ON "transfers" ("from_site_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "transfers_code_unique" ON "transfers" ("code") `);
    await queryRunner.query(
      `CREATE TABLE "transfer_discrepancies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "transfer_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "item_code" character varying(14) NOT NULL, "note" character varying(500), "recorded_by_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "transfer_discrepancies_kind_check" CHECK (kind IN ('missing', 'damaged_seal', 'unexpected')), CONSTRAINT "transfer_discrepancies_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "transfer_discrepancies_once_unique" ON "transfer_discrepancies" ("transfer_id", "kind", "item_code") `);
    await queryRunner.query(
      `CREATE TABLE "transfer_items" ("transfer_id" uuid NOT NULL, "item_id" uuid NOT NULL, "state" character varying(16) NOT NULL, "seal_intact" boolean, "note" character varying(500), "received_at" TIMESTAMP WITH TIME ZONE, "received_by_id" uuid, CONSTRAINT "transfer_items_damage_noted_check" CHECK (seal_intact IS NOT FALSE OR note IS NOT NULL), CONSTRAINT "transfer_items_state_check" CHECK (state IN ('listed', 'in_transit', 'received', 'missing', 'cancelled')), CONSTRAINT "transfer_items_pkey" PRIMARY KEY ("transfer_id", "item_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "transfer_items_item_id_index" ON "transfer_items" ("item_id") `);
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfers" ADD CONSTRAINT "transfers_from_site_id_fkey" FOREIGN KEY ("from_site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfers" ADD CONSTRAINT "transfers_to_site_id_fkey" FOREIGN KEY ("to_site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfers" ADD CONSTRAINT "transfers_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfers" ADD CONSTRAINT "transfers_dispatched_by_id_fkey" FOREIGN KEY ("dispatched_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfers" ADD CONSTRAINT "transfers_witness_id_fkey" FOREIGN KEY ("witness_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfers" ADD CONSTRAINT "transfers_closed_by_id_fkey" FOREIGN KEY ("closed_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfers" ADD CONSTRAINT "transfers_cancelled_by_id_fkey" FOREIGN KEY ("cancelled_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfer_discrepancies" ADD CONSTRAINT "transfer_discrepancies_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES "transfers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfer_discrepancies" ADD CONSTRAINT "transfer_discrepancies_recorded_by_id_fkey" FOREIGN KEY ("recorded_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfer_items" ADD CONSTRAINT "transfer_items_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES "transfers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfer_items" ADD CONSTRAINT "transfer_items_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "transfer_items" ADD CONSTRAINT "transfer_items_received_by_id_fkey" FOREIGN KEY ("received_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Written by hand: the rules of manifests that the database itself enforces.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "transfer_items_one_open_transfer_unique" ON "transfer_items" ("item_id") WHERE "state" IN ('listed', 'in_transit')`,
    );
    await queryRunner.query(`
            CREATE FUNCTION transfer_items_require_item_at_sender() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                item_row items%ROWTYPE;
                transfer_row transfers%ROWTYPE;
            BEGIN
                SELECT * INTO item_row FROM items WHERE id = NEW.item_id;
                SELECT * INTO transfer_row FROM transfers WHERE id = NEW.transfer_id;
                IF transfer_row.status <> 'draft' OR NEW.state <> 'listed' THEN
                    RAISE EXCEPTION 'items are added only to a draft transfer (transfer % is %)', transfer_row.code, transfer_row.status;
                END IF;
                IF item_row.status <> 'in_custody' OR item_row.site_id <> transfer_row.from_site_id THEN
                    RAISE EXCEPTION 'item % is not in custody at the sending site of transfer %', item_row.code, transfer_row.code;
                END IF;
                RETURN NEW;
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "transfer_items_require_item_at_sender" BEFORE INSERT ON "transfer_items" FOR EACH ROW EXECUTE FUNCTION transfer_items_require_item_at_sender()`,
    );
    // An item is in transit exactly when one manifest line says so; checked at commit, after both rows changed.
    // (Items are created in custody and lines created listed, so only updates need the check.)
    await queryRunner.query(`
            CREATE FUNCTION items_in_transit_on_one_manifest() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                checked_item uuid;
                in_transit boolean;
                on_manifest boolean;
            BEGIN
                IF TG_TABLE_NAME = 'items' THEN
                    checked_item := NEW.id;
                ELSE
                    checked_item := NEW.item_id;
                END IF;
                in_transit := (SELECT status = 'in_transit' FROM items WHERE id = checked_item);
                on_manifest := EXISTS (SELECT 1 FROM transfer_items line WHERE line.item_id = checked_item AND line.state = 'in_transit');
                IF in_transit IS DISTINCT FROM on_manifest THEN
                    RAISE EXCEPTION 'item % is % but % on a dispatched manifest', checked_item,
                        CASE WHEN in_transit THEN 'in transit' ELSE 'not in transit' END, CASE WHEN on_manifest THEN 'still' ELSE 'not' END;
                END IF;
                RETURN NULL;
            END $$`);
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER "items_in_transit_on_one_manifest" AFTER UPDATE OF "status" ON "items" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.status = 'in_transit' OR OLD.status = 'in_transit') EXECUTE FUNCTION items_in_transit_on_one_manifest()`,
    );
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER "transfer_items_in_transit_item" AFTER UPDATE OF "state" ON "transfer_items" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.state = 'in_transit' OR OLD.state = 'in_transit') EXECUTE FUNCTION items_in_transit_on_one_manifest()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "transfer_items_in_transit_item" ON "transfer_items"`);
    await queryRunner.query(`DROP TRIGGER "items_in_transit_on_one_manifest" ON "items"`);
    await queryRunner.query(`DROP FUNCTION items_in_transit_on_one_manifest()`);
    await queryRunner.query(`DROP TRIGGER "transfer_items_require_item_at_sender" ON "transfer_items"`);
    await queryRunner.query(`DROP FUNCTION transfer_items_require_item_at_sender()`);
    await queryRunner.query(`DROP INDEX "public"."transfer_items_one_open_transfer_unique"`);
    await queryRunner.query(`ALTER TABLE "transfer_items" DROP CONSTRAINT "transfer_items_received_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "transfer_items" DROP CONSTRAINT "transfer_items_item_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "transfer_items" DROP CONSTRAINT "transfer_items_transfer_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "transfer_discrepancies" DROP CONSTRAINT "transfer_discrepancies_recorded_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "transfer_discrepancies" DROP CONSTRAINT "transfer_discrepancies_transfer_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "transfers" DROP CONSTRAINT "transfers_cancelled_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "transfers" DROP CONSTRAINT "transfers_closed_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "transfers" DROP CONSTRAINT "transfers_witness_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "transfers" DROP CONSTRAINT "transfers_dispatched_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "transfers" DROP CONSTRAINT "transfers_created_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "transfers" DROP CONSTRAINT "transfers_to_site_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "transfers" DROP CONSTRAINT "transfers_from_site_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_actor_id_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."transfer_items_item_id_index"`);
    await queryRunner.query(`DROP TABLE "transfer_items"`);
    await queryRunner.query(`DROP INDEX "public"."transfer_discrepancies_once_unique"`);
    await queryRunner.query(`DROP TABLE "transfer_discrepancies"`);
    await queryRunner.query(`DROP INDEX "public"."transfers_code_unique"`);
    await queryRunner.query(`DROP INDEX "public"."transfers_from_site_id_created_at_index"`);
    await queryRunner.query(`DROP INDEX "public"."transfers_to_site_id_created_at_index"`);
    await queryRunner.query(`DROP TABLE "transfers"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
  }
}
