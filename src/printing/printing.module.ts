import { Module } from '@nestjs/common';
import { CustodyModule } from '../custody/custody.module';
import { LocationsModule } from '../locations/locations.module';
import { SitesModule } from '../sites/sites.module';
import { TransfersModule } from '../transfers/transfers.module';
import { LabelContentsService } from './label-contents.service';
import { LabelPreviewsService } from './label-previews.service';
import { PrintJobsService } from './print-jobs.service';
import { PrintQueue } from './print-queue';
import { PrintWorker } from './print-worker';
import { PrintersService } from './printers.service';
import { EmulatedPrinters } from './emulated-printers';
import { PrintingController } from './printing.controller';

@Module({
  imports: [CustodyModule, SitesModule, LocationsModule, TransfersModule],
  controllers: [PrintingController],
  providers: [PrintersService, PrintJobsService, LabelContentsService, LabelPreviewsService, PrintQueue, PrintWorker, EmulatedPrinters],
  exports: [PrintersService],
})
export class PrintingModule {}
