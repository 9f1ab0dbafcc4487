import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';

/** For the TypeORM CLI (npm run migration:*), which `with-database` starts with DATABASE_URL set. */
function cliDataSource(): DataSource {
  const config = loadConfig(process.env);
  if (!config.databaseUrl) throw new Error('DATABASE_URL is not set: run the migration scripts through npm run');
  return new DataSource(dataSourceOptions(config.databaseUrl));
}

export default cliDataSource();
