import { DataSource, QueryRunner } from 'typeorm';
import { Session } from './verify-ledger';

/**
 * Runs `work` in one consistent, read-only snapshot of the database, on two connections that share
 * it (pg_export_snapshot), so two long reads can run side by side and still see the same ledger.
 */
export async function inReadSnapshot<T>(dataSource: DataSource, work: (session: Session, alongside: Session) => Promise<T>): Promise<T> {
  const runners = [dataSource.createQueryRunner(), dataSource.createQueryRunner()];
  try {
    await Promise.all(runners.map((runner) => runner.connect()));
    const [main, second] = runners;
    await begin(main);
    const [{ snapshot }] = await main.query('SELECT pg_export_snapshot() AS snapshot');
    await begin(second);
    await second.query(`SET TRANSACTION SNAPSHOT '${String(snapshot).replace(/'/g, '')}'`);
    const result = await work(
      (text, parameters) => main.query(text, parameters),
      (text, parameters) => second.query(text, parameters),
    );
    await Promise.all(runners.map((runner) => runner.commitTransaction()));
    return result;
  } catch (error) {
    await Promise.all(runners.map((runner) => (runner.isTransactionActive ? runner.rollbackTransaction() : undefined)));
    throw error;
  } finally {
    await Promise.all(runners.map((runner) => runner.release()));
  }
}

async function begin(runner: QueryRunner): Promise<void> {
  await runner.startTransaction('REPEATABLE READ');
  await runner.query('SET TRANSACTION READ ONLY');
}
