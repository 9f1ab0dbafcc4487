import { rmSync } from 'node:fs';
import type { EmbeddedDatabase } from '../../src/database/embedded-database';

export default async function globalTeardown(): Promise<void> {
  const { database, folder } = (globalThis as unknown as { custodyTestDatabase: { database: EmbeddedDatabase; folder: string } }).custodyTestDatabase;
  await database.stop();
  rmSync(folder, { recursive: true, force: true });
}
