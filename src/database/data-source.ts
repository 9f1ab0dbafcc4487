import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { allMigrations } from '../../migrations';
import { SignIn } from '../auth/sign-in.entity';
import { Location } from '../locations/location.entity';
import { Organization } from '../organizations/organization.entity';
import { Site } from '../sites/site.entity';
import { UserRole } from '../users/user-role.entity';
import { User } from '../users/user.entity';
import { CustodyEvent } from '../custody/custody-event.entity';
import { LedgerHead } from '../ledger/ledger-head.entity';
import { Item } from '../items/item.entity';
import { LedgerCheckpoint } from '../ledger/ledger-checkpoint.entity';
import { LedgerEntryBundle, LedgerTile } from '../ledger/ledger-tile.entity';
import { WitnessCosignature, WitnessState } from '../ledger/witness.entity';
import { Seizure } from '../seizures/seizure.entity';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity';
import { TransferDiscrepancy } from '../transfers/transfer-discrepancy.entity';
import { TransferItem } from '../transfers/transfer-item.entity';
import { Transfer } from '../transfers/transfer.entity';
import { LabelPrintCount } from '../printing/label-print-count.entity';
import { PrintJob } from '../printing/print-job.entity';
import { Printer } from '../printing/printer.entity';
import { Checkout } from '../lifecycle/checkout.entity';
import { Disposition } from '../lifecycle/disposition.entity';
import { Audit, AuditExpectedItem, AuditScan } from '../audits/audit.entity';
import { ItemRead } from '../reads/item-read.entity';
import { SignInHandoff } from '../auth/sign-in-handoff.entity';

export const entities = [
  ItemRead,
  SignInHandoff,
  Organization,
  Site,
  Location,
  User,
  UserRole,
  SignIn,
  Seizure,
  Item,
  CustodyEvent,
  LedgerHead,
  LedgerCheckpoint,
  LedgerTile,
  LedgerEntryBundle,
  WitnessCosignature,
  WitnessState,
  Transfer,
  TransferItem,
  TransferDiscrepancy,
  IdempotencyKey,
  Printer,
  PrintJob,
  LabelPrintCount,
  Checkout,
  Disposition,
  Audit,
  AuditExpectedItem,
  AuditScan,
];

/** The one definition of Custody's database connection: used by the app, the migration CLI and the tests. */
export function dataSourceOptions(url: string, connectTimeoutSeconds = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: allMigrations,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    migrationsTableName: 'migrations',
    connectTimeoutMS: connectTimeoutSeconds * 1000,
    extra: { max: 20, application_name: 'custody' },
  };
}
