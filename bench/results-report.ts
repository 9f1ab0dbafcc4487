import { cpus, totalmem } from 'node:os';
import type { BenchmarkResult } from './run';

/** bench/RESULTS.md: every figure of the run, next to its raw-PostgreSQL or bare-library baseline where it has one. */
export function resultsReport(report: Record<string, BenchmarkResult[]>, run: { startedAt: Date; finishedAt: Date }): string {
  const format = (value: number) => (Math.abs(value) >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2));
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${run.finishedAt.toISOString()} in ${Math.round((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000)} s: ` +
      `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
      `scale ${process.env.BENCH_SCALE ?? 'default'}${process.env.BENCH_ITEMS ? ` (BENCH_ITEMS=${process.env.BENCH_ITEMS})` : ''}. ` +
      'The load generator runs on the same machine as the server and its PostgreSQL. Benchmarks run: ' +
      Object.keys(report).join(', ') +
      '.',
    '',
  ];
  for (const [benchmark, results] of Object.entries(report)) {
    const byName = new Map(results.map((result) => [result.name, result]));
    lines.push(`## ${benchmark}`, '', '| figure | value | baseline (same run) | baseline value | ratio |', '| --- | ---: | --- | ---: | ---: |');
    for (const result of results) {
      const baseline = result.versus ? byName.get(result.versus) : undefined;
      lines.push(
        `| ${result.name} | ${format(result.value)} ${result.unit} | ${baseline ? baseline.name : ''} | ${baseline ? `${format(baseline.value)} ${baseline.unit}` : ''} | ${baseline ? `${((100 * result.value) / baseline.value).toFixed(1)} %` : ''} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
