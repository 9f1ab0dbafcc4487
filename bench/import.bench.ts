import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Actor } from '../src/auth/actor';
import { Role } from '../src/auth/role';
import { EmbeddedDatabase } from '../src/database/embedded-database';
import { prepareDatabase } from '../src/database/prepare-database';
import { importColumns } from '../src/imports/import-file';
import { ImportsService } from '../src/imports/imports.service';
import { LedgerIntegrator } from '../src/ledger/integrator';
import { inReadSnapshot } from '../src/ledger/read-snapshot';
import { verifyLedger } from '../src/ledger/verify-ledger';
import type { BenchmarkResult } from './run';
import { applicationOn } from './seeded-database';

const itemCount = Number(process.env.BENCH_IMPORT_ITEMS ?? 100_000);
const itemsPerSeizure = 5;
const linesPerItem = 2;

/**
 * `npm run import` at a registry's size: 100,000 items (seizures of five, two lines of history
 * each) from one CSV into a fresh database, the rate of items and events, then the whole ledger
 * integrated and verified; next to raw INSERTs of the same event rows, one transaction a seizure,
 * into a scratch copy of custody_events, in the same run.
 */
export async function importBenchmark(): Promise<BenchmarkResult[]> {
  const folder = mkdtempSync(join(tmpdir(), 'custody-bench-import-'));
  const database = new EmbeddedDatabase(folder, { port: 0 });
  const databaseUrl = await database.start();
  try {
    await prepareDatabase(databaseUrl, { demo: 'always', connectTimeoutSeconds: 10, log: () => undefined });
    const context = await applicationOn({ databaseUrl, folder });
    try {
      const dataSource = context.get(DataSource);
      const [admin] = (await dataSource.query(
        `SELECT u.id AS "userId", u.username, u.display_name AS "displayName", u.language FROM users u WHERE u.username = 'admin'`,
      )) as Omit<Actor, 'roles'>[];
      const actor: Actor = { ...admin, roles: [{ role: Role.Admin, siteId: null, siteCode: null }] };
      const csv = registryFile();

      const started = process.hrtime.bigint();
      const report = await context.get(ImportsService).importFile(actor, 'bench-registry.csv', csv);
      const importSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (report.refused.length > 0) throw new Error(`the benchmark's file was refused: ${JSON.stringify(report.refused.slice(0, 3))}`);

      const integrating = process.hrtime.bigint();
      await context.get(LedgerIntegrator).integrateAll();
      const integrateSeconds = Number(process.hrtime.bigint() - integrating) / 1e9;
      const verifying = process.hrtime.bigint();
      const verdict = await inReadSnapshot(dataSource, verifyLedger);
      const verifySeconds = Number(process.hrtime.bigint() - verifying) / 1e9;
      if (!verdict.ok) throw new Error(`the ledger does not verify after the import: ${JSON.stringify(verdict)}`);

      const again = process.hrtime.bigint();
      const second = await context.get(ImportsService).importFile(actor, 'bench-registry.csv', csv);
      const againSeconds = Number(process.hrtime.bigint() - again) / 1e9;
      if (second.items !== 0) throw new Error('importing the file twice added items');

      const raw = await rawSeizureInserts(databaseUrl, report.events);
      return [
        {
          name: `items imported (${itemCount.toLocaleString('en')}, ${linesPerItem} lines of history each)`,
          value: report.items / importSeconds,
          unit: 'items/s',
        },
        {
          name: 'events written by the import',
          value: report.events / importSeconds,
          unit: 'events/s',
          versus: 'raw INSERTs of the same event rows, one transaction a seizure',
        },
        { name: 'import time', value: importSeconds, unit: 's' },
        { name: 'integrating the imported events into the ledger', value: integrateSeconds, unit: 's' },
        { name: `verifying the whole ledger after (${verdict.events.toLocaleString('en')} events)`, value: verifySeconds, unit: 's' },
        { name: 'importing the same file again (adds nothing)', value: againSeconds, unit: 's' },
        { name: 'raw INSERTs of the same event rows, one transaction a seizure', value: raw, unit: 'rows/s' },
      ];
    } finally {
      await context.close();
    }
  } finally {
    await database.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A registry's file in the documented layout: seizures of five items at TPI-BRU's four locations, two lines of history each. */
function registryFile(): string {
  const locations = ['Registry vault', 'Shelf 1', 'Box 1', 'Shelf 2'];
  const categories = ['document', 'drugs', 'digital_device', 'cash', 'valuables'];
  const lines: string[] = [importColumns.join(',')];
  for (let item = 0; item < itemCount; item += 1) {
    const seizure = Math.floor(item / itemsPerSeizure);
    const year = 2012 + (seizure % 12);
    const facts = [
      `REG-${seizure}`,
      'TPI-BRU',
      `BR.12.LL.${100000 + seizure}/${year}`,
      `${year}-03-14T09:30:00+01:00`,
      'Police Bruxelles-Capitale Ixelles',
      '',
      String(item % itemsPerSeizure),
      categories[item % categories.length],
      `"Pièce ${item}, scellée"`,
      String(1 + (item % 7)),
      'piece',
      `SCELLÉ-${item}`,
      locations[item % locations.length],
    ];
    lines.push([...facts, `${year}-03-15T10:05:00+01:00`, 'reçu au greffe', 'J. Peeters', `registre ${year}`].join(','));
    lines.push(
      [...facts.map((value, index) => (index < 7 ? value : '')), `${year + 1}-06-02T08:45:00+02:00`, "sorti pour l'audience", 'M. Dubois', ''].join(','),
    );
  }
  return lines.join('\n');
}

/** The import's event rows written raw: one transaction a seizure, one multi-row INSERT of its events, into a scratch copy of custody_events. */
async function rawSeizureInserts(databaseUrl: string, events: number): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DROP TABLE IF EXISTS bench_events; CREATE TABLE bench_events (LIKE custody_events INCLUDING DEFAULTS INCLUDING INDEXES)');
    const [sample] = (await client.query(`SELECT * FROM custody_events WHERE type = 'imported' LIMIT 1`)).rows as Record<string, unknown>[];
    const perSeizure = Math.round(events / (itemCount / itemsPerSeizure));
    const started = process.hrtime.bigint();
    let written = 0;
    while (written < events) {
      const item = randomUUID();
      const rows = Array.from({ length: perSeizure }, (_, index) => [
        item,
        index + 1,
        createHash('sha256')
          .update(`${written + index}`)
          .digest('hex'),
      ]);
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO bench_events (item_id, item_sequence, sequence, format, item_code, type, occurred_at, actor_id, actor_username, site_code, location_code, transfer_code, reason, details, previous_hash, hash)
         SELECT r.item_id, r.item_sequence, NULL, 2, $4, $5, now(), $6, $7, $8, NULL, NULL, NULL, $9, NULL, r.hash
           FROM unnest($1::uuid[], $2::int[], $3::text[]) AS r(item_id, item_sequence, hash)`,
        [
          rows.map((row) => row[0]),
          rows.map((row) => row[1]),
          rows.map((row) => row[2]),
          sample.item_code,
          sample.type,
          sample.actor_id,
          sample.actor_username,
          sample.site_code,
          sample.details,
        ],
      );
      await client.query('COMMIT');
      written += perSeizure;
    }
    return written / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await client.query('DROP TABLE IF EXISTS bench_events').catch(() => undefined);
    await client.end();
  }
}
