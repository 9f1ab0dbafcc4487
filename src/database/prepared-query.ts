import { createHash } from 'node:crypto';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { DatabaseError } from 'pg';
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

/**
 * Runs a statement of the write path through a manager: outside a transaction, as a prepared
 * statement named after its text (the write path builds a few shapes of statement, each parsed and
 * planned once per connection rather than once per custody step); inside one, on its connection.
 */
export async function queryThrough<T>(manager: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  if (manager.queryRunner) return (await manager.query(text, values)) as T[];
  try {
    return await preparedQuery<T>(manager.connection, `w${createHash('sha256').update(text).digest('base64url').slice(0, 20)}`, text, values);
  } catch (error) {
    // a migration changed what the prepared statement returns, or a pooler dropped it: once more, unprepared
    if (error instanceof DatabaseError && staleStatement.has(error.code ?? '')) return (await manager.query(text, values)) as T[];
    // PostgreSQL's refusals as TypeORM reports them, so they read the same either way; a connection that failed stays as it is
    throw error instanceof DatabaseError ? new QueryFailedError(text, values, error) : error;
  }
}

/** cached plan must not change result type; prepared statement does not exist */
const staleStatement = new Set(['0A000', '26000']);
