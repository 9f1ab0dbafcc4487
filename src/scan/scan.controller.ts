import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { RecordsItemRead } from '../reads/read-log';
import { SessionCheckedByService, SignedIn } from '../auth/access.decorators';
import { ScanService } from './scan.service';
import { ApiAnswers } from '../common/api-docs';
import { ScanResultDoc } from './scan.response';

@ApiTags('scan')
@Controller('scan')
export class ScanController {
  constructor(private readonly scan: ScanService) {}

  @Get(':code')
  @ApiOperation({
    summary: 'Resolve a scanned barcode',
    description: 'Whatever the code names, an item, location, transfer or seizure, with its `kind`. An unknown code is 404, a wrong check character 400.',
  })
  @SignedIn()
  @SessionCheckedByService()
  @RecordsItemRead('scan')
  @ApiAnswers({ status: 200, type: ScanResultDoc, description: 'What the code names' }, 401, 404)
  resolve(@Actor() actor: Actor, @Param('code') code: string) {
    return this.scan.resolve(actor, code);
  }
}
