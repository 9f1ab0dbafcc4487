import { Module } from '@nestjs/common';
import { CustodyModule } from '../custody/custody.module';
import { ItemsModule } from '../items/items.module';
import { SitesModule } from '../sites/sites.module';
import { LifecycleController } from './lifecycle.controller';
import { LifecycleService } from './lifecycle.service';

@Module({
  imports: [CustodyModule, ItemsModule, SitesModule],
  controllers: [LifecycleController],
  providers: [LifecycleService],
})
export class LifecycleModule {}
