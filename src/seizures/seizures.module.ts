import { Module } from '@nestjs/common';
import { CustodyModule } from '../custody/custody.module';
import { SitesModule } from '../sites/sites.module';
import { SeizuresController } from './seizures.controller';
import { SeizuresService } from './seizures.service';

@Module({
  imports: [CustodyModule, SitesModule],
  controllers: [SeizuresController],
  providers: [SeizuresService],
  exports: [SeizuresService],
})
export class SeizuresModule {}
