import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CustodyController } from './custody.controller';
import { CustodyEngine } from './custody-engine.service';
import { CustodyHistory } from './custody-history.service';
import { EventsAppended, LedgerAppend } from './ledger-append';
import { WitnessService } from './witness.service';

/** The one write path of custody steps, the access module (access.ts), and the reading of items and their events. */
@Module({
  imports: [AuthModule],
  controllers: [CustodyController],
  providers: [CustodyEngine, CustodyHistory, LedgerAppend, EventsAppended, WitnessService],
  exports: [CustodyEngine, CustodyHistory, WitnessService, EventsAppended],
})
export class CustodyModule {}
