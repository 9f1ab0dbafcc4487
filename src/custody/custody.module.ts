import { Module } from '@nestjs/common';
import { CustodyLedger } from './custody-ledger.service';

@Module({
  providers: [CustodyLedger],
  exports: [CustodyLedger],
})
export class CustodyModule {}
