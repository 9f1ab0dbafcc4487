import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { Actor, hasRole } from '../auth/actor';
import { Role } from '../auth/role';
import { loadConfig } from '../config/app-config';
import { ConfigurationError } from '../config/environment';
import { embeddedDatabaseOf } from '../database/embedded-database';
import { prepareDatabase } from '../database/prepare-database';
import { LedgerIntegrator } from '../ledger/integrator';
import { UsersService } from '../users/users.service';
import { ImportsService } from './imports.service';

const usage = 'usage: npm run import -- <file.csv> [--as <administrator>] [--report <report.json>]';

/**
 * `npm run import -- registry.csv --as admin`: the items a registry held before Custody, with
 * their history, into the configured database (or the embedded one, with the server stopped).
 * Exits 0 when every row was imported or had been already, 2 when rows were refused (listed), 1 on error.
 */
async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { as: { type: 'string', default: 'admin' }, report: { type: 'string' } } });
  if (positionals.length !== 1) throw new Error(usage);
  const text = readFileSync(positionals[0], 'utf8');
  const config = loadConfig({ ...process.env, PRINTER_EMULATORS: 'false', LEDGER_INTEGRATE_EVERY_MS: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const embedded = embeddedDatabaseOf(config);
  try {
    const databaseUrl = config.databaseUrl ?? (await embedded!.start());
    await prepareDatabase(databaseUrl, {
      demo: 'never',
      connectTimeoutSeconds: config.databaseConnectTimeoutSeconds,
      log: (line) => console.log(`custody: ${line}`),
    });
    const context = await NestFactory.createApplicationContext(AppModule.forRoot(config, databaseUrl), { logger: false });
    try {
      const actor = await administrator(context, values.as!);
      const started = Date.now();
      const report = await context.get(ImportsService).importFile(actor, basename(positionals[0]), text);
      // the imported events get their ledger positions now, not when the server next runs
      await context.get(LedgerIntegrator).integrateAll();
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `custody: ${report.source}: ${report.rows} rows; ${report.seizures.imported} seizures imported (${report.items} items, ${report.events} events) in ${seconds.toFixed(1)} s; ` +
          `${report.seizures.alreadyImported} imported before, left as they were; ${report.seizures.refused} refused`,
      );
      for (const refused of report.refused) {
        console.log(`  row ${refused.row}${refused.seizureReference ? ` (seizure ${refused.seizureReference})` : ''}: ${refused.field} ${refused.problem}`);
      }
      if (values.report) writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`);
      return report.refused.length > 0 ? 2 : 0;
    } finally {
      await context.close();
    }
  } finally {
    await embedded?.stop();
  }
}

/** The administrator the import is recorded under, as a request of theirs would be. */
async function administrator(context: INestApplicationContext, username: string): Promise<Actor> {
  const [user] = (await context.get(DataSource).query(`SELECT id FROM users WHERE username = $1`, [username])) as { id: string }[];
  const actor = user ? await context.get(UsersService).findActiveActor(user.id) : null;
  if (!actor || !hasRole(actor, Role.Admin)) throw new Error(`"${username}" is not an enabled administrator: name one with --as`);
  const { tokenVersion: _tokenVersion, ...current } = actor;
  return current;
}

main().then(
  (status) => process.exit(status),
  (error: unknown) => {
    console.error(`custody: ${error instanceof ConfigurationError ? 'configuration error: ' : ''}${(error as Error).message}`);
    process.exit(1);
  },
);
