import { Foundation1795460043691 } from './1795460043691-Foundation';
import { SeizuresItemsLedger1795461241025 } from './1795461241025-SeizuresItemsLedger';
import { ItemListOrderIndex1795463411450 } from './1795463411450-ItemListOrderIndex';
import { LedgerCheckpoints1795463774137 } from './1795463774137-LedgerCheckpoints';
import { TransfersAndIdempotencyKeys1795468194519 } from './1795468194519-TransfersAndIdempotencyKeys';
import { PrintersAndPrintJobs1795469760174 } from './1795469760174-PrintersAndPrintJobs';
import { CheckoutsSealsDispositions1795471220875 } from './1795471220875-CheckoutsSealsDispositions';
import { Audits1795471525668 } from './1795471525668-Audits';
import { StatisticsIndex1795471936154 } from './1795471936154-StatisticsIndex';
import { UserLanguage1795550000000 } from './1795550000000-UserLanguage';
import { OneWritePath1795600000000 } from './1795600000000-OneWritePath';
import { PrinterStatusAndSiteLanguages1795700000000 } from './1795700000000-PrinterStatusAndSiteLanguages';
import { LedgerTiles1795800000000 } from './1795800000000-LedgerTiles';
import { WitnessSignIns1795900000000 } from './1795900000000-WitnessSignIns';
import { ItemReadLog1796000000000 } from './1796000000000-ItemReadLog';
import { SecondFactor1796100000000 } from './1796100000000-SecondFactor';
import { SingleSignOn1796200000000 } from './1796200000000-SingleSignOn';
import { ReadLogOfListsAndLabels1796300000000 } from './1796300000000-ReadLogOfListsAndLabels';
import { EventFeedAndWebhooks1796400000000 } from './1796400000000-EventFeedAndWebhooks';
import { ImportedItems1796500000000 } from './1796500000000-ImportedItems';

/** Every migration, oldest first. A committed migration is never edited: add a new one below. */
export const allMigrations = [
  Foundation1795460043691,
  SeizuresItemsLedger1795461241025,
  ItemListOrderIndex1795463411450,
  LedgerCheckpoints1795463774137,
  TransfersAndIdempotencyKeys1795468194519,
  PrintersAndPrintJobs1795469760174,
  CheckoutsSealsDispositions1795471220875,
  Audits1795471525668,
  StatisticsIndex1795471936154,
  UserLanguage1795550000000,
  OneWritePath1795600000000,
  PrinterStatusAndSiteLanguages1795700000000,
  LedgerTiles1795800000000,
  WitnessSignIns1795900000000,
  ItemReadLog1796000000000,
  SecondFactor1796100000000,
  SingleSignOn1796200000000,
  ReadLogOfListsAndLabels1796300000000,
  EventFeedAndWebhooks1796400000000,
  ImportedItems1796500000000,
];
