import { DataSource } from 'typeorm';
import { Session } from './verify-ledger';

/** Runs `work` on one connection in a read-only REPEATABLE READ transaction: one consistent snapshot of the ledger. */
export async function inReadSnapshot<T>(dataSource: DataSource, work: (session: Session) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query('SET TRANSACTION READ ONLY');
    const result = await work((text, parameters) => runner.query(text, parameters));
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}
