import { DataSource } from 'typeorm';
import { isEmptyInstallation, seedDemo } from '../demo/demo';
import { dataSourceOptions } from './data-source';

export class DatabaseUnreachableError extends Error {}

export interface PrepareOptions {
  /** Load the demo when the database is empty (`always`: also into one that has data, skipping what exists). */
  demo: 'never' | 'if-empty' | 'always';
  connectTimeoutSeconds: number;
  log: (message: string) => void;
}

// Any fixed number, the same in every Custody process: the advisory lock that serialises migrations.
const migrationLock = 74_201_721;

/**
 * Brings a database up to date before the server takes requests: migrations, then the demo if asked.
 * Under a PostgreSQL advisory lock, so servers starting together take turns instead of racing.
 */
export async function prepareDatabase(databaseUrl: string, options: PrepareOptions): Promise<void> {
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, options.connectTimeoutSeconds), extra: { max: 2 } });
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new DatabaseUnreachableError(`cannot reach the database at ${withoutPassword(databaseUrl)}: ${(error as Error).message}`);
  }
  const lockHolder = dataSource.createQueryRunner();
  try {
    const [{ server_version_num: version }] = await lockHolder.query('SHOW server_version_num');
    if (Number(version) < 140000) throw new Error(`Custody needs PostgreSQL 14 or later; this server is version ${version}`);
    await lockHolder.query('SELECT pg_advisory_lock($1)', [migrationLock]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) options.log(`applied ${applied.length} migration(s): ${applied.map((migration) => migration.name).join(', ')}`);
    if (options.demo === 'always' || (options.demo === 'if-empty' && (await isEmptyInstallation(dataSource.manager)))) {
      await dataSource.transaction((manager) => seedDemo(manager));
      options.log('loaded the demo: four sites and one user per role');
    }
  } finally {
    await lockHolder.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
    await lockHolder.release();
    await dataSource.destroy();
  }
}

export function withoutPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'the configured DATABASE_URL';
  }
}
