import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const testServerUrlVariable = 'CUSTODY_TEST_DATABASE_SERVER';
/** Migrated, with the demo loaded: what `npm start` gives a newcomer. */
export const templateDatabase = 'custody_template';

export function testServerUrl(): string {
  const url = process.env[testServerUrlVariable];
  if (!url) throw new Error(`${testServerUrlVariable} is not set: run the tests with npm test`);
  return url;
}

/** A database of this test file's own: a copy of the demo template, or empty. */
export async function createTestDatabase(from: 'demo' | 'empty' = 'demo'): Promise<string> {
  const name = `custody_test_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: `${testServerUrl()}/postgres` });
  await client.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name}${from === 'demo' ? ` TEMPLATE ${templateDatabase}` : ''}`);
        break;
      } catch (error) {
        // two workers copying the template at the same moment: the second waits its turn
        if (attempt >= 20 || !/is being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await client.end();
  }
  return `${testServerUrl()}/${name}`;
}

/** Runs SQL on a test database directly: to look at what a request wrote, or to move time along. */
export async function sql<T = Record<string, unknown>>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}
