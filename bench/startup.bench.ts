import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/database/embedded-database';
import type { BenchmarkResult } from './run';

const root = join(__dirname, '..');

/** Resident memory of a process and all its descendants (the server and its PostgreSQL), in MiB. */
export function residentMiB(pid: number): { own: number; tree: number } {
  const rssOf = (id: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree = (id: number): number => rssOf(id) + (children.get(id) ?? []).reduce((sum, child) => sum + tree(child), 0);
  return { own: rssOf(pid), tree: tree(pid) };
}

async function startOnce(dataDirectory: string): Promise<{ secondsToHealthy: number; rss: { own: number; tree: number } }> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [join(root, 'dist', 'src', 'main.js')], {
    cwd: root,
    env: { PATH: process.env.PATH, DATA_DIR: dataDirectory, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server ended with ${child.exitCode}`);
      const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const secondsToHealthy = Number(process.hrtime.bigint() - started) / 1e9;
    await new Promise((resolve) => setTimeout(resolve, 5000));
    return { secondsToHealthy, rss: residentMiB(child.pid!) };
  } finally {
    child.kill('SIGINT');
    await exited;
  }
}

/** Time from starting the built server to a healthy answer, and the memory of the idle server. */
export async function startupBenchmark(): Promise<BenchmarkResult[]> {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'custody-bench-'));
  try {
    const first = await startOnce(dataDirectory);
    const again = [await startOnce(dataDirectory), await startOnce(dataDirectory), await startOnce(dataDirectory)];
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return [
      { name: 'first start to healthy (initdb, migrations, demo)', value: first.secondsToHealthy, unit: 's' },
      { name: 'later start to healthy (median of 3)', value: median(again.map((run) => run.secondsToHealthy)), unit: 's' },
      { name: 'idle server resident memory (Node process)', value: median(again.map((run) => run.rss.own)), unit: 'MiB' },
      { name: 'idle server resident memory (with its PostgreSQL)', value: median(again.map((run) => run.rss.tree)), unit: 'MiB' },
    ];
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}
