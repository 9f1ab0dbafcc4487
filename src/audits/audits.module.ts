import { Module } from '@nestjs/common';
import { CustodyModule } from '../custody/custody.module';
import { LocationsModule } from '../locations/locations.module';
import { SitesModule } from '../sites/sites.module';
import { AuditsController } from './audits.controller';
import { AuditsService } from './audits.service';

@Module({
  imports: [CustodyModule, SitesModule, LocationsModule],
  controllers: [AuditsController],
  providers: [AuditsService],
})
export class AuditsModule {}
