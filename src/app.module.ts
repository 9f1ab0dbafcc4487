import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { ErrorFilter } from './common/errors/error.filter';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source';
import { HealthModule } from './health/health.module';
import { LocationsModule } from './locations/locations.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { SitesModule } from './sites/sites.module';
import { UsersModule } from './users/users.module';
import { CustodyModule } from './custody/custody.module';
import { ItemsModule } from './items/items.module';
import { LedgerModule } from './ledger/ledger.module';
import { ScanModule } from './scan/scan.module';
import { SeizuresModule } from './seizures/seizures.module';
import { TransfersModule } from './transfers/transfers.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { PrintingModule } from './printing/printing.module';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { AuditsModule } from './audits/audits.module';
import { StatisticsModule } from './statistics/statistics.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: requestId,
            // the request's own logger binds only its id: serialising each request up front cost a scan desk more than its query
            quietReqLogger: true,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password', 'req.body.witness.password'],
            serializers: {
              req: (request: { id: string; method: string; url: string; remoteAddress?: string }) => ({
                id: request.id,
                method: request.method,
                url: request.url,
                remoteAddress: request.remoteAddress,
              }),
              res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
            },
            // a desk's reads are not news: successful GETs are logged at debug (who read what is the read log's business)
            customLogLevel: (request, response, error) =>
              error || response.statusCode >= 500
                ? 'error'
                : response.statusCode >= 400
                  ? 'warn'
                  : request.method === 'GET' || request.method === 'HEAD'
                    ? 'debug'
                    : 'info',
          },
        }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, config.databaseConnectTimeoutSeconds), retryAttempts: 2, retryDelay: 1000 }),
        ThrottlerModule.forRoot([{ name: 'login', ttl: 60_000, limit: config.loginRateLimitPerMinute }]),
        HealthModule,
        AuthModule,
        UsersModule,
        OrganizationsModule,
        SitesModule,
        LocationsModule,
        CustodyModule,
        SeizuresModule,
        ItemsModule,
        ScanModule,
        LedgerModule,
        TransfersModule,
        PrintingModule,
        LifecycleModule,
        AuditsModule,
        StatisticsModule,
        IdempotencyModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}

/** Takes a well-formed X-Request-Id from the client (or a proxy), else makes one; echoes it back. */
function requestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && /^[A-Za-z0-9._-]{1,100}$/.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}
