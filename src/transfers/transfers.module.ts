import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CustodyModule } from '../custody/custody.module';
import { SitesModule } from '../sites/sites.module';
import { TransferReceiptsService } from './transfer-receipts.service';
import { TransfersController } from './transfers.controller';
import { TransfersService } from './transfers.service';

@Module({
  imports: [AuthModule, CustodyModule, SitesModule],
  controllers: [TransfersController],
  providers: [TransfersService, TransferReceiptsService],
  exports: [TransfersService],
})
export class TransfersModule {}
