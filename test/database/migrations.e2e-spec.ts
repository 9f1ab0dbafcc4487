import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { allMigrations } from '../../migrations';
import { createTestDatabase } from '../support/test-database';

/** The schema exists only through migrations: each goes up and comes back down on an empty database. */
describe('migrations', () => {
  let dataSource: DataSource;
  const tables = async () =>
    (await dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`)).map(
      (row: { table_name: string }) => row.table_name,
    );
  const sequences = async () =>
    (await dataSource.query(`SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = 'public' ORDER BY 1`)).map(
      (row: { sequence_name: string }) => row.sequence_name,
    );

  beforeAll(async () => {
    dataSource = new DataSource(dataSourceOptions(await createTestDatabase('empty')));
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  it('go up, all the way down, and up again', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(allMigrations.length);
    expect(await tables()).toEqual([
      'audit_expected_items',
      'audit_scans',
      'audits',
      'checkouts',
      'custody_events',
      'dispositions',
      'idempotency_keys',
      'item_reads',
      'items',
      'label_print_counts',
      'ledger_checkpoints',
      'ledger_entry_bundles',
      'ledger_head',
      'ledger_tiles',
      'locations',
      'migrations',
      'organizations',
      'print_jobs',
      'printers',
      'seizures',
      'sign_in_handoffs',
      'sign_ins',
      'sites',
      'transfer_discrepancies',
      'transfer_items',
      'transfers',
      'user_roles',
      'users',
      'webhook_attempts',
      'webhook_cursor',
      'webhook_deliveries',
      'webhook_subscriptions',
      'witness_cosignatures',
      'witness_states',
    ]);
    expect(await sequences()).toContain('barcode_numbers');
    expect(await dataSource.showMigrations()).toBe(false);

    for (let step = 0; step < allMigrations.length; step++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(['migrations']);
    expect(await sequences()).toEqual(['migrations_id_seq']);

    await dataSource.runMigrations({ transaction: 'each' });
    expect(await tables()).toHaveLength(34);
  });

  it('leave the database exactly as the entities describe it (nothing left for migration:generate)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });
});
