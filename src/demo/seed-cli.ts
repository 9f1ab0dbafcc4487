import { loadConfig } from '../config/app-config';
import { ConfigurationError } from '../config/environment';
import { embeddedDatabaseOf } from '../database/embedded-database';
import { prepareDatabase } from '../database/prepare-database';

/** `npm run demo:seed`: the demo into the configured database (or the embedded one), keeping what exists. */
async function seed(): Promise<void> {
  const config = loadConfig(process.env);
  const embedded = embeddedDatabaseOf(config);
  try {
    const databaseUrl = config.databaseUrl ?? (await embedded!.start());
    await prepareDatabase(databaseUrl, {
      demo: 'always',
      connectTimeoutSeconds: config.databaseConnectTimeoutSeconds,
      log: (line) => console.log(`custody: ${line}`),
    });
  } finally {
    await embedded?.stop();
  }
}

seed().catch((error: unknown) => {
  console.error(`custody: ${error instanceof ConfigurationError ? 'configuration error: ' : ''}${(error as Error).message}`);
  process.exit(1);
});
