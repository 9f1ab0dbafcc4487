import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CustodyModule } from '../custody/custody.module';
import { ItemsModule } from '../items/items.module';
import { LocationsModule } from '../locations/locations.module';
import { SitesModule } from '../sites/sites.module';
import { LifecycleController } from './lifecycle.controller';
import { LifecycleService } from './lifecycle.service';

@Module({
  imports: [AuthModule, CustodyModule, ItemsModule, LocationsModule, SitesModule],
  controllers: [LifecycleController],
  providers: [LifecycleService],
})
export class LifecycleModule {}
