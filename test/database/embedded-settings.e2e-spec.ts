import { Client } from 'pg';
import { machineCores, machineMemory, postgresSettings } from '../../src/database/postgres-settings';
import { createTestDatabase } from '../support/test-database';

/** The embedded PostgreSQL the tests run on is the one `npm start` runs: it runs with the sizing, not PostgreSQL's defaults. */
describe('the embedded PostgreSQL', () => {
  it('runs with the settings sized for this machine', async () => {
    const client = new Client({ connectionString: await createTestDatabase('empty') });
    await client.connect();
    try {
      const expected = postgresSettings(machineMemory(), machineCores());
      const names = Object.keys(expected);
      const { rows } = await client.query<{ name: string; setting: string; unit: string | null }>(
        `SELECT name, setting, unit FROM pg_settings WHERE name = ANY($1)`,
        [names],
      );
      const running = Object.fromEntries(rows.map((row) => [row.name, inMegabytes(row.setting, row.unit)]));
      expect(running).toEqual(Object.fromEntries(names.map((name) => [name, inMegabytes(expected[name], null)])));
      expect(running.shared_buffers).not.toBe('128MB');
    } finally {
      await client.end();
    }
  });
});

/** pg_settings gives sizes in units of 8 kB pages or kB or MB; the settings given say MB. */
function inMegabytes(setting: string, unit: string | null): string {
  const units: Record<string, number> = { '8kB': 8 / 1024, kB: 1 / 1024, MB: 1 };
  if (unit && unit in units) return `${Math.round(Number(setting) * units[unit])}MB`;
  if (unit === 's' || unit === 'min') return unit === 's' ? `${Number(setting) / 60}min` : `${setting}min`;
  return setting;
}
