import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
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
import { ReadLogModule } from './reads/read-log';
import { IntegrationsModule } from './integrations/integrations.module';
import { ImportsModule } from './imports/imports.controller';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, config.databaseConnectTimeoutSeconds), retryAttempts: 2, retryDelay: 1000 }),
        ThrottlerModule.forRoot([{ name: 'login', ttl: 60_000, limit: config.loginRateLimitPerMinute }]),
        HealthModule,
        ReadLogModule,
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
        IntegrationsModule,
        ImportsModule,
        IdempotencyModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
