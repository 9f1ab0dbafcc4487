import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { SignedIn } from '../auth/access.decorators';
import { ScanService } from './scan.service';

@ApiTags('scan')
@ApiBearerAuth()
@Controller('scan')
export class ScanController {
  constructor(private readonly scan: ScanService) {}

  @Get(':code')
  @SignedIn()
  resolve(@Actor() actor: Actor, @Param('code') code: string) {
    return this.scan.resolve(actor, code);
  }
}
