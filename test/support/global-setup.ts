import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedDatabase } from '../../src/database/embedded-database';
import { prepareDatabase } from '../../src/database/prepare-database';
import { templateDatabase, testServerUrlVariable } from './test-database';

/**
 * One embedded PostgreSQL for the whole run, on a free port, in a fresh folder under the OS temp
 * dir (which EmbeddedDatabase opens to the `postgres` user when running as root). A template database with
 * the migrations and the demo lets every test file copy a ready database in a moment.
 */
export default async function globalSetup(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'custody-test-'));
  const database = new EmbeddedDatabase(folder, { port: 0, disposable: true });
  const custodyUrl = await database.start();
  const serverUrl = custodyUrl.slice(0, custodyUrl.lastIndexOf('/'));
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  await client.query(`CREATE DATABASE ${templateDatabase}`);
  await client.end();
  await prepareDatabase(`${serverUrl}/${templateDatabase}`, { demo: 'always', connectTimeoutSeconds: 10, log: () => undefined });
  process.env[testServerUrlVariable] = serverUrl;
  Object.assign(globalThis, { custodyTestDatabase: { database, folder } });
}
