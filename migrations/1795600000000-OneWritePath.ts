import { MigrationInterface, QueryRunner } from 'typeorm';

const eventTypes = (types: string[]) => types.map((type) => `'${type}'`).join(', ');
const typesBefore = [
  'seized',
  'moved',
  'dispatched',
  'received',
  'discrepancy',
  'checked_out',
  'checked_in',
  'sampled',
  'seal_replaced',
  'label_printed',
  'audited',
  'disposed',
  'corrected',
];

/**
 * Custody events get their ledger position after commit, from the integrator, so an append no
 * longer waits on one counter row: each event is numbered in its item's own chain (`item_sequence`,
 * hashed by the new format 2) and its `sequence` (the ledger position) is null until integrated.
 * Items count their events. Every change of an item needs a new event (a deferred check, so that
 * one statement can append the events and update the items). Users get a token version: a token
 * carries it, and bumping it ends every token of that user at once.
 */
export class OneWritePath1795600000000 implements MigrationInterface {
  name = 'OneWritePath1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // number every existing event in its item's chain; the ledger refuses updates, so its guard steps aside once
    await queryRunner.query(`ALTER TABLE "custody_events" DISABLE TRIGGER "custody_events_immutable"`);
    await queryRunner.query(`ALTER TABLE "custody_events" ADD "item_sequence" integer`);
    await queryRunner.query(`ALTER TABLE "custody_events" ADD "format" smallint NOT NULL DEFAULT 1`);
    await queryRunner.query(`
      UPDATE "custody_events" event SET "item_sequence" = numbered.item_sequence
        FROM (SELECT sequence, row_number() OVER (PARTITION BY item_id ORDER BY sequence) AS item_sequence FROM "custody_events") numbered
       WHERE event.sequence = numbered.sequence`);
    await queryRunner.query(`ALTER TABLE "custody_events" ENABLE TRIGGER "custody_events_immutable"`);
    await queryRunner.query(`ALTER TABLE "custody_events" ALTER COLUMN "item_sequence" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "custody_events" ALTER COLUMN "format" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "custody_events" DROP CONSTRAINT "custody_events_pkey"`);
    await queryRunner.query(`ALTER TABLE "custody_events" ALTER COLUMN "sequence" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_pkey" PRIMARY KEY ("item_id", "item_sequence")`);
    await queryRunner.query(`DROP INDEX "public"."custody_events_item_id_sequence_index"`);
    await queryRunner.query(`DROP INDEX "public"."custody_events_item_chain_unique"`);
    await queryRunner.query(`DROP INDEX "public"."custody_events_item_first_unique"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "custody_events_sequence_unique" ON "custody_events" ("sequence") `);
    // the integrator's work list: small, since events wait there for about a second
    await queryRunner.query(`CREATE INDEX "custody_events_unpositioned_index" ON "custody_events" ("occurred_at") WHERE "sequence" IS NULL`);
    await queryRunner.query(`ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_format_check" CHECK (format IN (1, 2))`);
    await queryRunner.query(`ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_item_sequence_check" CHECK (item_sequence > 0)`);
    await queryRunner.query(
      `ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_first_event_check" CHECK ((item_sequence = 1) = (previous_hash IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_version_1_positioned_check" CHECK (format = 2 OR sequence IS NOT NULL)`,
    );
    await queryRunner.query(`ALTER TABLE "custody_events" DROP CONSTRAINT "custody_events_type_check"`);
    await queryRunner.query(
      `ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_type_check" CHECK (type IN (${eventTypes([...typesBefore, 'review_set'])}))`,
    );
    // the only change the ledger lets through: the one-time assignment of an empty position
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION custody_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
          IF TG_OP = 'UPDATE' AND OLD.sequence IS NULL AND NEW.sequence IS NOT NULL
             AND (to_jsonb(NEW) - 'sequence') = (to_jsonb(OLD) - 'sequence') THEN
              RETURN NEW;
          END IF;
          RAISE EXCEPTION 'custody events are never changed or removed (% refused): write a correcting event instead', TG_OP;
      END $$`);

    await queryRunner.query(`ALTER TABLE "items" ADD "event_count" integer`);
    await queryRunner.query(`ALTER TABLE "items" DISABLE TRIGGER "items_disposed_are_final"`);
    await queryRunner.query(`ALTER TABLE "items" DISABLE TRIGGER "items_require_custody_event"`);
    await queryRunner.query(`
      UPDATE "items" item SET "event_count" = counted.events
        FROM (SELECT item_id, count(*) AS events FROM "custody_events" GROUP BY item_id) counted
       WHERE item.id = counted.item_id`);
    await queryRunner.query(`ALTER TABLE "items" ENABLE TRIGGER "items_disposed_are_final"`);
    await queryRunner.query(`ALTER TABLE "items" ALTER COLUMN "event_count" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "items" ADD CONSTRAINT "items_event_count_check" CHECK (event_count > 0)`);
    await queryRunner.query(`DROP TRIGGER "items_require_custody_event" ON "items"`);
    await queryRunner.query(`DROP FUNCTION items_require_custody_event()`);
    // checked at commit, so that one statement may append the events and update their items
    await queryRunner.query(`
      CREATE FUNCTION items_require_custody_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
          IF TG_OP = 'UPDATE' AND NEW.last_event_hash = OLD.last_event_hash THEN
              IF (to_jsonb(NEW) - 'updated_at') IS DISTINCT FROM (to_jsonb(OLD) - 'updated_at') THEN
                  RAISE EXCEPTION 'item % changed without a custody event', NEW.code;
              END IF;
              RETURN NULL;
          END IF;
          IF NOT EXISTS (SELECT 1 FROM custody_events WHERE item_id = NEW.id AND item_sequence = NEW.event_count AND hash = NEW.last_event_hash) THEN
              RAISE EXCEPTION 'item % points to a custody event of its own that does not exist', NEW.code;
          END IF;
          RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE CONSTRAINT TRIGGER "items_require_custody_event" AFTER INSERT OR UPDATE ON "items" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION items_require_custody_event()`,
    );
    // lets one statement of the write path refuse itself whole: a chain that moved, a claim taken over
    await queryRunner.query(`
      CREATE FUNCTION custody_require(holds boolean, problem text) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
          IF holds IS NOT TRUE THEN
              RAISE EXCEPTION USING ERRCODE = 'CUS01', MESSAGE = problem;
          END IF;
          RETURN true;
      END $$`);

    await queryRunner.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT 1`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
    await queryRunner.query(`DROP FUNCTION custody_require(boolean, text)`);
    await queryRunner.query(`DROP TRIGGER "items_require_custody_event" ON "items"`);
    await queryRunner.query(`DROP FUNCTION items_require_custody_event()`);
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
    await queryRunner.query(`ALTER TABLE "items" DROP CONSTRAINT "items_event_count_check"`);
    await queryRunner.query(`ALTER TABLE "items" DROP COLUMN "event_count"`);

    // events given no position yet cannot go back to the numbered ledger: they get the next numbers
    await queryRunner.query(`ALTER TABLE "custody_events" DISABLE TRIGGER "custody_events_immutable"`);
    await queryRunner.query(`
      UPDATE "custody_events" event SET "sequence" = numbered.sequence
        FROM (SELECT item_id, item_sequence, (SELECT coalesce(max(sequence), 0) FROM "custody_events") + row_number() OVER (ORDER BY occurred_at, item_id, item_sequence) AS sequence
                FROM "custody_events" WHERE sequence IS NULL) numbered
       WHERE event.item_id = numbered.item_id AND event.item_sequence = numbered.item_sequence`);
    await queryRunner.query(`UPDATE "ledger_head" SET "last_sequence" = (SELECT coalesce(max(sequence), 0) FROM "custody_events")`);
    await queryRunner.query(`ALTER TABLE "custody_events" ENABLE TRIGGER "custody_events_immutable"`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION custody_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
          RAISE EXCEPTION 'custody events are never changed or removed (% refused): write a correcting event instead', TG_OP;
      END $$`);
    await queryRunner.query(`ALTER TABLE "custody_events" DROP CONSTRAINT "custody_events_type_check"`);
    await queryRunner.query(`ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_type_check" CHECK (type IN (${eventTypes(typesBefore)}))`);
    await queryRunner.query(`ALTER TABLE "custody_events" DROP CONSTRAINT "custody_events_version_1_positioned_check"`);
    await queryRunner.query(`ALTER TABLE "custody_events" DROP CONSTRAINT "custody_events_first_event_check"`);
    await queryRunner.query(`ALTER TABLE "custody_events" DROP CONSTRAINT "custody_events_item_sequence_check"`);
    await queryRunner.query(`ALTER TABLE "custody_events" DROP CONSTRAINT "custody_events_format_check"`);
    await queryRunner.query(`DROP INDEX "public"."custody_events_unpositioned_index"`);
    await queryRunner.query(`DROP INDEX "public"."custody_events_sequence_unique"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "custody_events_item_first_unique" ON "custody_events" ("item_id") WHERE "previous_hash" IS NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "custody_events_item_chain_unique" ON "custody_events" ("item_id", "previous_hash") WHERE "previous_hash" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "custody_events_item_id_sequence_index" ON "custody_events" ("item_id", "sequence") `);
    await queryRunner.query(`ALTER TABLE "custody_events" DROP CONSTRAINT "custody_events_pkey"`);
    await queryRunner.query(`ALTER TABLE "custody_events" ALTER COLUMN "sequence" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_pkey" PRIMARY KEY ("sequence")`);
    await queryRunner.query(`ALTER TABLE "custody_events" DROP COLUMN "format"`);
    await queryRunner.query(`ALTER TABLE "custody_events" DROP COLUMN "item_sequence"`);
  }
}
