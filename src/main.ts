import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './app';
import { AppConfig, loadConfig } from './config/app-config';
import { ConfigurationError } from './config/environment';
import { EmbeddedDatabase, embeddedDatabaseOf } from './database/embedded-database';
import { DatabaseUnreachableError, prepareDatabase } from './database/prepare-database';
import { demoPassword, demoPrinters, demoUsernames } from './demo/demo';

let embedded: EmbeddedDatabase | undefined;
let app: NestFastifyApplication | undefined;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const say = (line: string) => config.logLevel !== 'silent' && process.stdout.write(`custody: ${line}\n`);
  installShutdown(say);
  if (!config.databaseUrl) {
    say(`starting the embedded PostgreSQL in ${config.dataDirectory}`);
    embedded = embeddedDatabaseOf(config);
  }
  const databaseUrl = config.databaseUrl ?? (await embedded!.start());
  await prepareDatabase(databaseUrl, { demo: config.seedsDemo ? 'if-empty' : 'never', connectTimeoutSeconds: config.databaseConnectTimeoutSeconds, log: say });
  app = await createApp(config, databaseUrl);
  await app.listen(config.port, config.host);
  announce(config, app, say);
}

function announce(config: AppConfig, app: NestFastifyApplication, say: (line: string) => void): void {
  const { port } = app.getHttpServer().address() as { port: number };
  const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  if (existsSync(join(config.webDirectory, 'index.html'))) say(`web application: ${base}/${config.seedsDemo ? '  (sign in with a demo login below)' : ''}`);
  say(`API ready at ${base}  (docs: ${base}/api/docs, OpenAPI: ${base}/api/docs-json, health: ${base}/health)`);
  if (config.seedsDemo) {
    say(`demo logins: ${demoUsernames.join(', ')}, all with the password "${demoPassword}"`);
    say(`sign in: curl -s -X POST ${base}/auth/login -H 'content-type: application/json' -d '{"username":"officer","password":"${demoPassword}"}'`);
  }
  if (config.startsPrinterEmulators) {
    say(
      `demo printers: emulated on 127.0.0.1 ports ${demoPrinters.map((printer) => printer.port).join(', ')}; what each received: GET ${base}/printers/<id>/received`,
    );
  }
  say('stop with Ctrl-C');
}

function installShutdown(say: (line: string) => void): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: finishing requests, then stopping`);
    try {
      await app?.close();
      await embedded?.stop();
      say('stopped');
      process.exit(0);
    } catch (error) {
      process.stderr.write(`custody: an error while stopping: ${(error as Error).message}\n`);
      process.exit(1);
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** A start that cannot go on ends with one clear line and a non-zero exit, not a stack trace. */
async function fail(error: unknown): Promise<never> {
  const message = error instanceof Error ? error.message : String(error);
  const address = (error as { code?: string; port?: number; address?: string }) ?? {};
  const line =
    error instanceof ConfigurationError
      ? `configuration error: ${message}`
      : error instanceof DatabaseUnreachableError
        ? message
        : address.code === 'EADDRINUSE'
          ? `port ${address.port} on ${address.address} is already in use; set PORT to a free one`
          : address.code === 'EADDRNOTAVAIL'
            ? `cannot listen on ${address.address}: no such address here; check HOST`
            : `failed to start: ${message}`;
  process.stderr.write(`custody: ${line}\n`);
  await app?.close().catch(() => undefined);
  await embedded?.stop().catch(() => undefined);
  process.exit(error instanceof ConfigurationError ? 2 : 1);
}

main().catch(fail);
