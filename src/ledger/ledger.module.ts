import { Module } from '@nestjs/common';
import { CustodyModule } from '../custody/custody.module';
import { ItemsModule } from '../items/items.module';
import { SeizuresModule } from '../seizures/seizures.module';
import { CheckpointScheduler } from './checkpoint-scheduler';
import { LedgerIntegrator } from './integrator';
import { LedgerWitnesses } from './ledger-witnesses';
import { TileServer } from './tile-server';
import { LedgerController } from './ledger.controller';
import { LedgerService } from './ledger.service';
import { ProofBundleService } from './proof-bundle.service';

@Module({
  imports: [CustodyModule, ItemsModule, SeizuresModule],
  controllers: [LedgerController],
  providers: [LedgerService, ProofBundleService, CheckpointScheduler, LedgerIntegrator, LedgerWitnesses, TileServer],
  exports: [LedgerIntegrator],
})
export class LedgerModule {}
