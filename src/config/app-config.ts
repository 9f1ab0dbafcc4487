import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EnvironmentVariables, logLevels, readEnvironment } from './environment';
import { persistentSecret } from './secret-file';
import { Role } from '../auth/role';
import { defaultWitnessPolicy, ItemCategory, WitnessPolicy, WitnessStep } from '../../libs/custody';

/** The validated configuration of one Custody process, resolved once at start. */
export class AppConfig {
  port: number;
  host: string;
  /** Absent: Custody starts its own embedded PostgreSQL under `dataDirectory`. */
  databaseUrl?: string;
  dataDirectory: string;
  embeddedPostgresPort: number;
  /** The memory the embedded PostgreSQL is sized for; unset: the machine's (or its container's). */
  embeddedPostgresMemoryBytes?: number;
  demo: 'auto' | 'true' | 'false';
  jwtSecret: string;
  /** Fastify's trustProxy: false, a number of proxies, or the proxies' addresses. */
  trustProxy: boolean | number | string;
  jwtTtlSeconds: number;
  /** Single sign-on through an OpenID provider (all four set, or none). */
  oidc: { issuer: string; clientId: string; clientSecret: string; redirectUri: string; userClaim: string; name: string } | null;
  /** Whether users may sign in with a password kept by Custody (false only with single sign-on). */
  localPasswords: boolean;
  /** How long after a sign-in its tokens can be refreshed: then the user signs in again. */
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRateLimitPerMinute: number;
  bodyLimitKb: number;
  databaseConnectTimeoutSeconds: number;
  logLevel: (typeof logLevels)[number];
  /** The installation's Ed25519 key that signs checkpoints, kept outside the database. */
  ledgerKeyFile: string;
  /** A checkpoint is made once this many events have come since the last one (0: never for this reason). */
  checkpointEveryEvents: number;
  /** …or once this many minutes have passed with new events (0: never for this reason). */
  checkpointEveryMinutes: number;
  checkpointCheckSeconds: number;
  /** The name of this installation's log, a schema-less URL such as custody.justice.be/ledger: the first line of every checkpoint note. */
  ledgerOrigin: string;
  /** The name of the key that signs checkpoint notes (its verifier key is `name+hash+base64`); the origin unless set. */
  ledgerKeyName: string;
  /** Witnesses each new checkpoint is taken to (C2SP tlog-witness): their URL and verifier key. */
  ledgerWitnesses: { url: string; vkey: string }[];
  witnessTimeoutMs: number;
  /** How often an instance looks for events to give ledger positions (and tries to lead that work); 0: this instance never does. */
  integrateEveryMs: number;
  /** Events positioned per transaction. */
  integrateBatchSize: number;
  /** High-risk categories: dispatching them needs a second person of the site as witness. */
  witnessCategories: ItemCategory[];
  /** Roles whose holders must sign in with a one-time code as well (TOTP): they are asked to enrol one first. */
  secondFactorRoles: Role[];
  /** The steps that need a witness for those categories (destruction always needs one). */
  witnessSteps: WitnessStep[];
  /** Attempts to send a print job before it fails for good, and the first wait between them (doubling after each). */
  printMaxAttempts: number;
  printRetryDelaySeconds: number;
  /** How long a webhook receiver has to answer one delivery. */
  webhookTimeoutMs: number;
  /** Attempts to deliver a webhook before it fails for good, and the first wait between them (doubling after each). */
  webhookMaxAttempts: number;
  webhookRetryDelaySeconds: number;
  /** How often an instance looks for newly positioned events to deliver to webhooks; 0: this instance never does. */
  webhookFanOutEveryMs: number;
  printerConnectTimeoutMs: number;
  printerIdleTimeoutMs: number;
  /** The networks printers may be on (PRINTER_NETWORKS, CIDR): the print worker connects to no other address. */
  printerNetworks: string[];
  /** Emulated printers started with the server for the demo's printers (auto: when the demo is on). */
  printerEmulators: 'auto' | 'true' | 'false';
  /** The built web application (`npm run build`), served at `/`. */
  webDirectory: string;

  /** The two-person rule of this installation, as the step table applies it. */
  get witnessPolicy(): WitnessPolicy {
    return { categories: this.witnessCategories, steps: this.witnessSteps };
  }

  get startsPrinterEmulators(): boolean {
    return this.printerEmulators === 'true' || (this.printerEmulators === 'auto' && this.seedsDemo);
  }

  /** Whether an empty database gets the demo: always on the embedded default, on request otherwise. */
  get seedsDemo(): boolean {
    return this.demo === 'true' || (this.demo === 'auto' && this.databaseUrl === undefined);
  }
}

/** Loopback and the private ranges (RFC 1918, IPv6 unique local): where office printers are. */
export const defaultPrinterNetworks = '127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7';

export function loadConfig(environment: Record<string, string | undefined>): AppConfig {
  const variables: EnvironmentVariables = readEnvironment(environment);
  const config = new AppConfig();
  config.port = variables.PORT ?? 3000;
  config.host = variables.HOST ?? '127.0.0.1';
  config.databaseUrl = variables.DATABASE_URL;
  config.dataDirectory = resolve(variables.DATA_DIR ?? 'data');
  config.embeddedPostgresPort = variables.EMBEDDED_POSTGRES_PORT ?? 0;
  config.embeddedPostgresMemoryBytes = variables.EMBEDDED_POSTGRES_MEMORY_MB === undefined ? undefined : variables.EMBEDDED_POSTGRES_MEMORY_MB * 1024 * 1024;
  config.demo = variables.DEMO ?? 'auto';
  config.trustProxy = trustProxyOf(variables.TRUST_PROXY ?? 'false');
  config.jwtTtlSeconds = variables.JWT_TTL_SECONDS ?? 900;
  config.oidc = variables.OIDC_ISSUER
    ? {
        issuer: variables.OIDC_ISSUER,
        clientId: variables.OIDC_CLIENT_ID!,
        clientSecret: variables.OIDC_CLIENT_SECRET!,
        redirectUri: variables.OIDC_REDIRECT_URI!,
        userClaim: variables.OIDC_USER_CLAIM ?? 'preferred_username',
        name: variables.OIDC_NAME ?? 'single sign-on',
      }
    : null;
  config.localPasswords = variables.LOCAL_PASSWORDS !== 'false';
  config.sessionMaxHours = variables.SESSION_MAX_HOURS ?? 12;
  config.loginMaxFailures = variables.LOGIN_MAX_FAILURES ?? 5;
  config.loginLockMinutes = variables.LOGIN_LOCK_MINUTES ?? 15;
  config.loginRateLimitPerMinute = variables.LOGIN_RATE_LIMIT_PER_MINUTE ?? 20;
  config.bodyLimitKb = variables.BODY_LIMIT_KB ?? 1024;
  config.databaseConnectTimeoutSeconds = variables.DATABASE_CONNECT_TIMEOUT_SECONDS ?? 10;
  config.logLevel = variables.LOG_LEVEL ?? 'info';
  config.ledgerKeyFile = resolve(variables.LEDGER_KEY_FILE ?? join(config.dataDirectory, 'ledger-signing-key.pem'));
  config.checkpointEveryEvents = variables.CHECKPOINT_EVERY_EVENTS ?? 1000;
  config.checkpointEveryMinutes = variables.CHECKPOINT_EVERY_MINUTES ?? 60;
  config.checkpointCheckSeconds = variables.CHECKPOINT_CHECK_SECONDS ?? 30;
  config.ledgerOrigin = variables.LEDGER_ORIGIN ?? 'custody.local/ledger';
  config.ledgerKeyName = variables.LEDGER_KEY_NAME ?? config.ledgerOrigin;
  config.ledgerWitnesses = (variables.LEDGER_WITNESSES ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => ({ url: entry.slice(0, entry.indexOf('=')), vkey: entry.slice(entry.indexOf('=') + 1) }));
  config.witnessTimeoutMs = variables.WITNESS_TIMEOUT_MS ?? 5000;
  config.integrateEveryMs = variables.LEDGER_INTEGRATE_EVERY_MS ?? 200;
  config.integrateBatchSize = variables.LEDGER_INTEGRATE_BATCH ?? 2000;
  config.secondFactorRoles = (variables.SECOND_FACTOR_ROLES ?? 'admin,auditor').split(',').filter((name) => name !== 'none') as Role[];
  config.witnessCategories = (variables.WITNESS_CATEGORIES ?? defaultWitnessPolicy.categories.join(','))
    .split(',')
    .filter((name) => name !== 'none') as ItemCategory[];
  config.witnessSteps = (variables.WITNESS_STEPS ?? defaultWitnessPolicy.steps.join(',')).split(',').filter((name) => name !== 'none') as WitnessStep[];
  config.printMaxAttempts = variables.PRINT_MAX_ATTEMPTS ?? 5;
  config.printRetryDelaySeconds = variables.PRINT_RETRY_DELAY_SECONDS ?? 2;
  config.webhookTimeoutMs = variables.WEBHOOK_TIMEOUT_MS ?? 10_000;
  config.webhookMaxAttempts = variables.WEBHOOK_MAX_ATTEMPTS ?? 8;
  config.webhookRetryDelaySeconds = variables.WEBHOOK_RETRY_DELAY_SECONDS ?? 30;
  config.webhookFanOutEveryMs = variables.WEBHOOK_FAN_OUT_EVERY_MS ?? 500;
  config.printerConnectTimeoutMs = variables.PRINTER_CONNECT_TIMEOUT_MS ?? 3000;
  config.printerIdleTimeoutMs = variables.PRINTER_IDLE_TIMEOUT_MS ?? 10_000;
  config.printerEmulators = variables.PRINTER_EMULATORS ?? 'auto';
  config.printerNetworks = (variables.PRINTER_NETWORKS ?? defaultPrinterNetworks)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  config.webDirectory = resolve(variables.WEB_DIRECTORY ?? join(packageRoot(), 'dist', 'web'));
  config.jwtSecret = variables.JWT_SECRET ?? persistentSecret(config.dataDirectory, 'jwt-secret');
  return config;
}

/** The folder of Custody's package.json, whether running from src/ (ts-node, tests) or dist/src/ (npm start). */
function packageRoot(): string {
  let folder = __dirname;
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

function trustProxyOf(value: string): boolean | number | string {
  if (value === 'false') return false;
  return /^\d+$/.test(value) ? Number(value) : value;
}
