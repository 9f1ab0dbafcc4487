import { MigrationInterface, QueryRunner } from 'typeorm';

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
  'review_set',
];
const eventTypes = (types: string[]) => types.map((type) => `'${type}'`).join(', ');

/**
 * Items held before Custody come in with their history: `imported` events, and the reference of
 * each seizure in the records it came from, unique per site, so that importing a file twice adds nothing.
 */
export class ImportedItems1796500000000 implements MigrationInterface {
  name = 'ImportedItems1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "custody_events" DROP CONSTRAINT "custody_events_type_check"`);
    await queryRunner.query(
      `ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_type_check" CHECK (type IN (${eventTypes([...typesBefore, 'imported'])}))`,
    );
    await queryRunner.query(`ALTER TABLE "seizures" ADD "import_reference" character varying(100)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "seizures_import_reference_unique" ON "seizures" ("site_id", "import_reference") WHERE import_reference IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."seizures_import_reference_unique"`);
    await queryRunner.query(`ALTER TABLE "seizures" DROP COLUMN "import_reference"`);
    // the ledger is append-only: imported events stay, unchecked by the older constraint
    await queryRunner.query(`ALTER TABLE "custody_events" DROP CONSTRAINT "custody_events_type_check"`);
    await queryRunner.query(`ALTER TABLE "custody_events" ADD CONSTRAINT "custody_events_type_check" CHECK (type IN (${eventTypes(typesBefore)})) NOT VALID`);
  }
}
