import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { ConfigurationError } from '../config/environment';
import { dataSourceOptions } from '../database/data-source';
import { EmbeddedDatabase } from '../database/embedded-database';
import { inReadSnapshot } from './read-snapshot';
import { verifyLedger } from './verify-ledger';

/** `npm run ledger:verify`: the check of GET /ledger/verify, for operators, on the configured or embedded database. */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const embedded = config.databaseUrl ? undefined : new EmbeddedDatabase(config.dataDirectory, { port: config.embeddedPostgresPort });
  try {
    const dataSource = new DataSource({ ...dataSourceOptions(config.databaseUrl ?? (await embedded!.start())), extra: { max: 2 } });
    await dataSource.initialize();
    try {
      const verdict = await inReadSnapshot(dataSource, verifyLedger);
      console.log(
        verdict.ok
          ? `ledger verified: ${verdict.events} events, every hash, chain and sequence number checks out${verdict.head ? `; head ${verdict.head.sequence} ${verdict.head.hash}` : ''}`
          : `LEDGER BROKEN at event ${verdict.firstBroken.sequence}: ${verdict.firstBroken.reason} (${verdict.events} events before it verified)`,
      );
      return verdict.ok ? 0 : 1;
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await embedded?.stop();
  }
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`custody: ${error instanceof ConfigurationError ? 'configuration error: ' : ''}${(error as Error).message}`);
    process.exit(2);
  },
);
