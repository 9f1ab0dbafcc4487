import { plainToInstance, Transform } from 'class-transformer';
import { mainProblem } from '../common/main-problem';
import { itemCategories, witnessSteps } from '../../libs/custody';
import { allRoles } from '../auth/role';
import { isIP } from 'node:net';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  validateSync,
  ValidationOptions,
} from 'class-validator';

/** A comma-separated list of these names, or "none". */
function listOf(names: readonly string[]): RegExp {
  const name = `(${names.join('|')})`;
  return new RegExp(`^(none|(${name}(,${name})*))$`);
}

const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value);

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every environment variable Custody reads, with its rules. Nothing else reads `process.env`. */
export class EnvironmentVariables {
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  HOST?: string;

  @IsOptional()
  // not "true": it would believe any X-Forwarded-For a client writes (the throttles, the sign-in and read records)
  @Matches(/^(false|\d{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/, {
    message: 'must be false, a number of proxies, or a comma-separated list of proxy addresses or networks',
  })
  TRUST_PROXY?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a URL like postgres://user:password@host:5432/database' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(65535)
  EMBEDDED_POSTGRES_PORT?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(256)
  EMBEDDED_POSTGRES_MEMORY_MB?: number;

  @IsOptional()
  @IsIn(['auto', 'true', 'false'])
  DEMO?: 'auto' | 'true' | 'false';

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters long' })
  @MaxLength(1024)
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(86400)
  JWT_TTL_SECONDS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(720)
  SESSION_MAX_HOURS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(1440)
  LOGIN_LOCK_MINUTES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(100000)
  LOGIN_RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(102400)
  BODY_LIMIT_KB?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(300)
  DATABASE_CONNECT_TIMEOUT_SECONDS?: number;

  @IsOptional()
  @IsString()
  @MinLength(1)
  LEDGER_KEY_FILE?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(100_000_000)
  CHECKPOINT_EVERY_EVENTS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(525_600)
  CHECKPOINT_EVERY_MINUTES?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(3600)
  CHECKPOINT_CHECK_SECONDS?: number;

  @IsOptional()
  @Matches(/^[a-z0-9.-]+(:[0-9]+)?(\/[A-Za-z0-9._~-]+)*$/, { message: 'must be a schema-less URL naming the log, like custody.justice.be/ledger' })
  @MaxLength(200)
  LEDGER_ORIGIN?: string;

  @IsOptional()
  @Matches(/^[^\s+]{1,200}$/, { message: 'must be a key name without spaces or "+"' })
  LEDGER_KEY_NAME?: string;

  @IsOptional()
  @Matches(/^\s*(https?:\/\/[^\s=,]+=[^\s=,+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+(\s*,\s*|\s+|\s*$))*$/, {
    message: 'must be witnesses separated by commas, each its URL, "=", and its verifier key: http://witness.example/=witness.example+1a2b3c4d+AQ…',
  })
  LEDGER_WITNESSES?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(100)
  @Max(60_000)
  WITNESS_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(10_000)
  LEDGER_INTEGRATE_EVERY_MS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(50_000)
  LEDGER_INTEGRATE_BATCH?: number;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be the URL of an OpenID provider, like https://login.justice.be/realms/custody' })
  OIDC_ISSUER?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  OIDC_CLIENT_ID?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  OIDC_CLIENT_SECRET?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+\/auth\/oidc\/callback$/, {
    message: 'must be the URL of /auth/oidc/callback as the browser reaches it, like https://custody.justice.be/auth/oidc/callback',
  })
  OIDC_REDIRECT_URI?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:-]{1,100}$/, { message: 'must be the name of a claim, like preferred_username or email' })
  OIDC_USER_CLAIM?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  OIDC_NAME?: string;

  @IsOptional()
  @IsIn(['true', 'false'])
  LOCAL_PASSWORDS?: string;

  @IsOptional()
  @Matches(listOf(allRoles), { message: `must be "none" or roles separated by commas, like admin,auditor (roles: ${allRoles.join(', ')})` })
  SECOND_FACTOR_ROLES?: string;

  @IsOptional()
  @Matches(listOf(itemCategories), { message: 'must be "none" or item categories separated by commas, like drugs,cash,firearm,valuables' })
  WITNESS_CATEGORIES?: string;

  @IsOptional()
  @Matches(listOf(witnessSteps), { message: `must be "none" or steps separated by commas, like ${witnessSteps.join(',')}` })
  WITNESS_STEPS?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(50)
  PRINT_MAX_ATTEMPTS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(3600)
  PRINT_RETRY_DELAY_SECONDS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(100)
  @Max(60_000)
  WEBHOOK_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(20)
  WEBHOOK_MAX_ATTEMPTS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(1)
  @Max(3600)
  WEBHOOK_RETRY_DELAY_SECONDS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(0)
  @Max(60_000)
  WEBHOOK_FAN_OUT_EVERY_MS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(100)
  @Max(120_000)
  PRINTER_CONNECT_TIMEOUT_MS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: 'must be a whole number' })
  @Min(100)
  @Max(600_000)
  PRINTER_IDLE_TIMEOUT_MS?: number;

  @IsOptional()
  @IsIn(['auto', 'true', 'false'])
  PRINTER_EMULATORS?: 'auto' | 'true' | 'false';

  @IsOptional()
  @IsNetworkList({ message: 'must be IP networks (CIDR) or addresses separated by commas, like 127.0.0.0/8,10.0.0.0/8,192.168.1.20' })
  PRINTER_NETWORKS?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  WEB_DIRECTORY?: string;

  @IsOptional()
  @IsIn(logLevels)
  LOG_LEVEL?: (typeof logLevels)[number];
}

/** A comma-separated list of IP networks in CIDR notation, or single addresses. */
function IsNetworkList(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNetworkList',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          value.split(',').every((entry) => {
            const [address, prefix, ...rest] = entry.trim().split('/');
            const family = isIP(address);
            return family !== 0 && rest.length === 0 && (prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32)));
          }),
      },
    });
}

export class ConfigurationError extends Error {}

/** Validates the variables Custody knows; the first problem is reported in one line. */
export function readEnvironment(environment: Record<string, string | undefined>): EnvironmentVariables {
  const given = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const variables = plainToInstance(EnvironmentVariables, given);
  // whitelist drops every variable that is not Custody's, so the rest of the environment is never read
  const [firstError] = validateSync(variables, { whitelist: true, forbidUnknownValues: false });
  if (firstError) {
    const problem = mainProblem(firstError.constraints ?? {})?.replace(`${firstError.property} `, '') ?? 'is not valid';
    const shown = /SECRET/.test(firstError.property) ? '(not shown)' : `(got ${JSON.stringify(given[firstError.property])})`;
    throw new ConfigurationError(`${firstError.property} ${problem} ${shown}`);
  }
  const singleSignOn = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URI'] as const;
  const missing = singleSignOn.filter((name) => variables[name] === undefined);
  if (missing.length > 0 && missing.length < singleSignOn.length) {
    throw new ConfigurationError(`single sign-on needs ${singleSignOn.join(', ')} together: ${missing.join(', ')} missing`);
  }
  if (variables.LOCAL_PASSWORDS === 'false' && missing.length > 0) {
    throw new ConfigurationError('LOCAL_PASSWORDS=false needs single sign-on (OIDC_ISSUER and the rest): nobody could sign in');
  }
  return variables;
}
