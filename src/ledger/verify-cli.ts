import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { ConfigurationError } from '../config/environment';
import { dataSourceOptions } from '../database/data-source';
import { embeddedDatabaseOf } from '../database/embedded-database';
import { inReadSnapshot } from './read-snapshot';
import { newestSignedAnchor, verifyLedger } from './verify-ledger';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/** `npm run ledger:verify`: the check of GET /ledger/verify, for operators, on the configured or embedded database. */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const embedded = embeddedDatabaseOf(config);
  try {
    const dataSource = new DataSource({ ...dataSourceOptions(config.databaseUrl ?? (await embedded!.start())), extra: { max: 2 } });
    await dataSource.initialize();
    try {
      // without the installation's key file here, the checkpoints in the database cannot be trusted, so none is used
      const publicKey = existsSync(config.ledgerKeyFile) ? createPublicKey(createPrivateKey(readFileSync(config.ledgerKeyFile))) : null;
      const verdict = await inReadSnapshot(dataSource, async (session, alongside) =>
        verifyLedger(session, alongside, publicKey ? await newestSignedAnchor(session, publicKey) : null),
      );
      const broken = verdict.ok ? null : verdict.firstBroken;
      console.log(
        !broken
          ? `ledger verified: ${verdict.events} events, every hash, chain and position checks out${verdict.ok && verdict.head ? `; head ${verdict.head.sequence} ${verdict.head.hash}` : ''}${verdict.pending ? `; ${verdict.pending} newer events wait for their position` : ''}`
          : `LEDGER BROKEN at ${broken.sequence === null ? `event ${broken.itemSequence} of item ${broken.item}, not yet positioned` : `event ${broken.sequence}`}: ${broken.reason} (${verdict.events} events before it verified)`,
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
