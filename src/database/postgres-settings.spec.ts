import { postgresSettings } from './postgres-settings';

const GiB = 1024 ** 3;

describe('the embedded PostgreSQL sized for the machine', () => {
  it('gives a quarter of the memory to shared buffers, up to 8 GB, and lets WAL grow between checkpoints', () => {
    expect(postgresSettings(24 * GiB, 2)).toMatchObject({
      shared_buffers: '6144MB',
      effective_cache_size: '12288MB',
      maintenance_work_mem: '768MB',
      work_mem: '48MB',
      max_wal_size: '8192MB',
      checkpoint_timeout: '15min',
      max_parallel_workers_per_gather: '1',
    });
    expect(postgresSettings(256 * GiB, 64)).toMatchObject({
      shared_buffers: '8192MB',
      work_mem: '64MB',
      maintenance_work_mem: '2048MB',
      max_worker_processes: '64',
    });
  });

  it('stays within what a small machine has, never below PostgreSQL’s own defaults', () => {
    expect(postgresSettings(512 * 1024 ** 2, 1)).toMatchObject({
      shared_buffers: '128MB',
      effective_cache_size: '256MB',
      work_mem: '4MB',
      maintenance_work_mem: '64MB',
      max_wal_size: '1024MB',
      max_parallel_workers_per_gather: '1',
    });
  });
});
