import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/**
 * The embedded PostgreSQL's settings for the machine it runs on, instead of PostgreSQL's defaults
 * (128 MB of shared buffers, a checkpoint every 1 GB of WAL), which suit a laptop sharing its
 * memory with everything else. Custody's work is many small transactions that each append a
 * custody event and change an item, and reads of items that should stay in memory:
 * - a quarter of the memory as shared buffers (up to 8 GB), and the planner told that half is cache;
 * - WAL that may grow to 8 GB between checkpoints, spread over most of 15 minutes, so that a
 *   busy day does not turn into a checkpoint every few seconds (each writing every changed page
 *   again in full after it);
 * - 32 MB of WAL buffers for 32 sessions committing at once;
 * - costs for solid-state disks, as servers have.
 * An installation on its own PostgreSQL (DATABASE_URL) keeps its operator's settings.
 */
export function postgresSettings(memoryBytes: number, cores: number): Record<string, string> {
  const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);
  const megabytes = (bytes: number) => `${Math.floor(bytes / MiB)}MB`;
  return {
    shared_buffers: megabytes(clamp(memoryBytes / 4, 128 * MiB, 8 * GiB)),
    effective_cache_size: megabytes(clamp(memoryBytes / 2, 256 * MiB, 64 * GiB)),
    work_mem: megabytes(clamp(memoryBytes / 512, 4 * MiB, 64 * MiB)),
    maintenance_work_mem: megabytes(clamp(memoryBytes / 32, 64 * MiB, 2 * GiB)),
    wal_buffers: '32MB',
    max_wal_size: megabytes(clamp(memoryBytes / 2, 1 * GiB, 8 * GiB)),
    min_wal_size: '512MB',
    checkpoint_timeout: '15min',
    checkpoint_completion_target: '0.9',
    random_page_cost: '1.1',
    effective_io_concurrency: '200',
    max_worker_processes: String(Math.max(8, cores)),
    max_parallel_workers: String(Math.max(2, cores)),
    max_parallel_workers_per_gather: String(clamp(Math.floor(cores / 2), 1, 4)),
  };
}

/** The memory this process may plan for: the machine's, or its container's limit when lower. */
export function machineMemory(): number {
  const limitFile = '/sys/fs/cgroup/memory.max';
  const limit = existsSync(limitFile) ? Number(readFileSync(limitFile, 'utf8').trim()) : NaN;
  return Number.isFinite(limit) && limit > 0 ? Math.min(limit, totalmem()) : totalmem();
}

export function machineCores(): number {
  return availableParallelism();
}
