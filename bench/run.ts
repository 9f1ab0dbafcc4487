import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ledgerBenchmark } from './ledger.bench';
import { scanBenchmark } from './scan.bench';
import { stopSeededDatabase } from './seeded-database';
import { startupBenchmark } from './startup.bench';
import { transfersBenchmark } from './transfers.bench';
import { labelsBenchmark } from './labels.bench';
import { eventsBenchmark } from './events.bench';
import { importBenchmark } from './import.bench';
import { resultsReport } from './results-report';

export interface BenchmarkResult {
  name: string;
  value: number;
  unit: string;
  /** The name of the baseline this figure is compared with, in the same benchmark (raw PostgreSQL, bwip-js alone). */
  versus?: string;
}

const benchmarks: Record<string, () => Promise<BenchmarkResult[]>> = {
  startup: startupBenchmark,
  scan: scanBenchmark,
  ledger: ledgerBenchmark,
  transfers: transfersBenchmark,
  labels: labelsBenchmark,
  events: eventsBenchmark,
  import: importBenchmark,
};

/** `npm run bench [name…]`: runs the benchmarks on this machine, prints a table and keeps it in bench/results/. */
async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const startedAt = new Date();
  const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(benchmarks);
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
  const report: Record<string, BenchmarkResult[]> = {};
  for (const name of chosen) {
    if (!benchmarks[name]) throw new Error(`no benchmark named ${name}; there are: ${Object.keys(benchmarks).join(', ')}`);
    report[name] = await benchmarks[name]();
    for (const result of report[name]) console.log(`${name.padEnd(10)} ${result.name.padEnd(52)} ${result.value.toFixed(2).padStart(12)} ${result.unit}`);
  }
  await stopSeededDatabase();
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify({ at: new Date().toISOString(), report }, null, 2));
  writeFileSync(join(root, 'bench', 'RESULTS.md'), resultsReport(report, { startedAt, finishedAt: new Date() }));
  console.log(`bench: bench/RESULTS.md written (${Math.round((Date.now() - startedAt.getTime()) / 1000)} s)`);
}

main().catch((error: unknown) => {
  console.error(`bench: ${(error as Error).message}`);
  process.exit(1);
});
