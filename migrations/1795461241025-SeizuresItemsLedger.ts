import { MigrationInterface, QueryRunner } from 'typeorm';

export class SeizuresItemsLedger1795461241025 implements MigrationInterface {
  name = 'SeizuresItemsLedger1795461241025';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "seizures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(14) NOT NULL, "case_number" character varying(64) NOT NULL, "seized_at" TIMESTAMP WITH TIME ZONE NOT NULL, "seizing_unit" character varying(200), "legal_reference" character varying(200), "site_id" uuid NOT NULL, "registered_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "seizures_code_format_check" CHECK (code ~ '^S[0-9]{9}[0-9X]$'), CONSTRAINT "seizures_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "seizures_case_number_index" ON "seizures" ("case_number") `);
    await queryRunner.query(`CREATE INDEX "seizures_site_id_index" ON "seizures" ("site_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "seizures_code_unique" ON "seizures" ("code") `);
    await queryRunner.query(
      `CREATE TABLE "items" ("id" uuid NOT NULL, "code" character varying(14) NOT NULL, "seizure_id" uuid NOT NULL, "parent_id" uuid, "category" character varying(32) NOT NULL, "description" character varying(2000) NOT NULL, "quantity" numeric(14,3) NOT NULL, "unit" character varying(20) NOT NULL, "seal_number" character varying(64), "status" character varying(16) NOT NULL, "site_id" uuid NOT NULL, "location_id" uuid, "last_event_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "items_quantity_check" CHECK (quantity > 0), CONSTRAINT "items_status_check" CHECK (status IN ('in_custody', 'in_transit', 'checked_out', 'missing', 'disposed')), CONSTRAINT "items_category_check" CHECK (category IN ('drugs', 'cash', 'firearm', 'valuables', 'document', 'digital_device', 'vehicle', 'other')), CONSTRAINT "items_code_format_check" CHECK (code ~ '^I[0-9]{9}[0-9X]$'), CONSTRAINT "items_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "items_seizure_id_index" ON "items" ("seizure_id") `);
    await queryRunner.query(`CREATE INDEX "items_parent_id_index" ON "items" ("parent_id") `);
    await queryRunner.query(`CREATE INDEX "items_category_index" ON "items" ("category") `);
    await queryRunner.query(`CREATE INDEX "items_location_id_index" ON "items" ("location_id") `);
    await queryRunner.query(`CREATE INDEX "items_site_id_status_index" ON "items" ("site_id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "items_code_unique" ON "items" ("code") `);
    await queryRunner.query(
      `CREATE TABLE "custody_events" ("sequence" bigint NOT NULL, "item_id" uuid NOT NULL, "item_code" character varying(14) NOT NULL, "type" character varying(32) NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid NOT NULL, "actor_username" character varying(64) NOT NULL, "site_code" character varying(20), "location_code" character varying(14), "transfer_code" character varying(14), "reason" character varying(500), "details" jsonb NOT NULL, "previous_hash" character(64), "hash" character(64) NOT NULL, CONSTRAINT "custody_events_type_check" CHECK (type IN ('seized', 'moved', 'dispatched', 'received', 'discrepancy', 'checked_out', 'checked_in', 'sampled', 'seal_replaced', 'label_printed', 'audited', 'disposed', 'corrected')), CONSTRAINT "custody_events_pkey" PRIMARY KEY ("sequence"))`,
    );
    await queryRunner.query(`CREATE INDEX "custody_events_item_id_sequence_index" ON "custody_events" ("item_id", "sequence") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "custody_events_hash_unique" ON "custody_events" ("hash") `);
    await queryRunner.query(
      `CREATE TABLE "ledger_head" ("id" smallint NOT NULL, "last_sequence" bigint NOT NULL DEFAULT '0', CONSTRAINT "ledger_head_single_row_check" CHECK (id = 1), CONSTRAINT "ledger_head_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "seizures" ADD CONSTRAINT "seizures_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "seizures" ADD CONSTRAINT "seizures_registered_by_id_fkey" FOREIGN KEY ("registered_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "items" ADD CONSTRAINT "items_seizure_id_fkey" FOREIGN KEY ("seizure_id") REFERENCES "seizures"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "items" ADD CONSTRAINT "items_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "items" ADD CONSTRAINT "items_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "items" ADD CONSTRAINT "items_location_fkey" FOREIGN KEY ("location_id", "site_id") REFERENCES "locations"("id","site_id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Written by hand: the ledger's counter row, chain indexes and the triggers that guard the invariants.
    await queryRunner.query(`INSERT INTO "ledger_head" ("id", "last_sequence") VALUES (1, 0)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "custody_events_item_chain_unique" ON "custody_events" ("item_id", "previous_hash") WHERE "previous_hash" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "custody_events_item_first_unique" ON "custody_events" ("item_id") WHERE "previous_hash" IS NULL`);
    await queryRunner.query(`
            CREATE FUNCTION custody_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'custody events are never changed or removed (% refused): write a correcting event instead', TG_OP;
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "custody_events_immutable" BEFORE UPDATE OR DELETE ON "custody_events" FOR EACH ROW EXECUTE FUNCTION custody_events_refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "custody_events_not_truncated" BEFORE TRUNCATE ON "custody_events" FOR EACH STATEMENT EXECUTE FUNCTION custody_events_refuse_change()`,
    );
    await queryRunner.query(`
            CREATE FUNCTION items_require_custody_event() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'UPDATE' AND NEW.last_event_hash = OLD.last_event_hash THEN
                    IF (NEW.status, NEW.site_id, NEW.location_id) IS DISTINCT FROM (OLD.status, OLD.site_id, OLD.location_id) THEN
                        RAISE EXCEPTION 'item % changed where it is without a custody event', NEW.code;
                    END IF;
                    RETURN NEW;
                END IF;
                IF NOT EXISTS (SELECT 1 FROM custody_events WHERE hash = NEW.last_event_hash AND item_id = NEW.id) THEN
                    RAISE EXCEPTION 'item % points to a custody event of its own that does not exist', NEW.code;
                END IF;
                RETURN NEW;
            END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "items_require_custody_event" BEFORE INSERT OR UPDATE ON "items" FOR EACH ROW EXECUTE FUNCTION items_require_custody_event()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "items_require_custody_event" ON "items"`);
    await queryRunner.query(`DROP FUNCTION items_require_custody_event()`);
    await queryRunner.query(`DROP TRIGGER "custody_events_not_truncated" ON "custody_events"`);
    await queryRunner.query(`DROP TRIGGER "custody_events_immutable" ON "custody_events"`);
    await queryRunner.query(`DROP FUNCTION custody_events_refuse_change()`);
    await queryRunner.query(`DROP INDEX "public"."custody_events_item_first_unique"`);
    await queryRunner.query(`DROP INDEX "public"."custody_events_item_chain_unique"`);
    await queryRunner.query(`ALTER TABLE "custody_events" DROP CONSTRAINT "custody_events_actor_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "custody_events" DROP CONSTRAINT "custody_events_item_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "items" DROP CONSTRAINT "items_location_fkey"`);
    await queryRunner.query(`ALTER TABLE "items" DROP CONSTRAINT "items_site_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "items" DROP CONSTRAINT "items_parent_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "items" DROP CONSTRAINT "items_seizure_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "seizures" DROP CONSTRAINT "seizures_registered_by_id_fkey"`);
    await queryRunner.query(`ALTER TABLE "seizures" DROP CONSTRAINT "seizures_site_id_fkey"`);
    await queryRunner.query(`DROP TABLE "ledger_head"`);
    await queryRunner.query(`DROP INDEX "public"."custody_events_hash_unique"`);
    await queryRunner.query(`DROP INDEX "public"."custody_events_item_id_sequence_index"`);
    await queryRunner.query(`DROP TABLE "custody_events"`);
    await queryRunner.query(`DROP INDEX "public"."items_code_unique"`);
    await queryRunner.query(`DROP INDEX "public"."items_site_id_status_index"`);
    await queryRunner.query(`DROP INDEX "public"."items_location_id_index"`);
    await queryRunner.query(`DROP INDEX "public"."items_category_index"`);
    await queryRunner.query(`DROP INDEX "public"."items_parent_id_index"`);
    await queryRunner.query(`DROP INDEX "public"."items_seizure_id_index"`);
    await queryRunner.query(`DROP TABLE "items"`);
    await queryRunner.query(`DROP INDEX "public"."seizures_code_unique"`);
    await queryRunner.query(`DROP INDEX "public"."seizures_site_id_index"`);
    await queryRunner.query(`DROP INDEX "public"."seizures_case_number_index"`);
    await queryRunner.query(`DROP TABLE "seizures"`);
  }
}
