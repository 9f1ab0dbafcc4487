import { Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module';
import { LocationsModule } from '../locations/locations.module';
import { SeizuresModule } from '../seizures/seizures.module';
import { TransfersModule } from '../transfers/transfers.module';
import { ScanController } from './scan.controller';
import { ScanService } from './scan.service';

@Module({
  imports: [ItemsModule, LocationsModule, SeizuresModule, TransfersModule],
  controllers: [ScanController],
  providers: [ScanService],
})
export class ScanModule {}
