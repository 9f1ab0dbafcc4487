import { spawnSync } from 'node:child_process';
import { ConfigurationError } from '../config/environment';
import { loadConfig } from '../config/app-config';
import { embeddedDatabaseOf } from './embedded-database';

/**
 * Runs a command (the TypeORM CLI) with DATABASE_URL set: the configured database, or else the
 * embedded one of DATA_DIR, started for the command and stopped after it.
 */
async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfig(process.env);
  const embedded = embeddedDatabaseOf(config);
  try {
    const databaseUrl = config.databaseUrl ?? (await embedded!.start());
    const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DATABASE_URL: databaseUrl }, shell: false });
    return result.status ?? 1;
  } finally {
    await embedded?.stop();
  }
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`custody: ${error instanceof ConfigurationError ? 'configuration error: ' : ''}${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
