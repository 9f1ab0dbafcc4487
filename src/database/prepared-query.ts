import { DataSource } from 'typeorm';
import type { Pool } from 'pg';

/**
 * Runs a read that every request makes as a named prepared statement, planned once per connection
 * instead of on every call: for a query with several joins, planning costs more than running it.
 */
export async function preparedQuery<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const result = await pool.query({ name, text, values });
  return result.rows as T[];
}
