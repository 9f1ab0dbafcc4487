import { Module } from '@nestjs/common';
import { CustodyModule } from '../custody/custody.module';
import { LocationsModule } from '../locations/locations.module';
import { SitesModule } from '../sites/sites.module';
import { ItemsController } from './items.controller';
import { ItemsService } from './items.service';

@Module({
  imports: [CustodyModule, SitesModule, LocationsModule],
  controllers: [ItemsController],
  providers: [ItemsService],
  exports: [ItemsService],
})
export class ItemsModule {}
