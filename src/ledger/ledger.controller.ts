import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { ApiAnswers } from '../common/api-docs';
import { LedgerService } from './ledger.service';

class LedgerVerdictDoc {
  @ApiProperty({ description: 'Whether every hash, chain and sequence number checks out' }) ok: boolean;
  @ApiProperty({ example: 1204, description: 'Events checked before the verdict' }) events: number;
  @ApiProperty({ required: false, nullable: true, description: 'When ok: the newest event, `{sequence, hash}`' }) head?: object;
  @ApiProperty({ required: false, description: 'When not ok: `{sequence, reason}` of the first broken event' }) firstBroken?: object;
}

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Get('verify')
  @Roles(Role.Auditor, Role.Admin)
  @ApiAnswers({ status: 200, type: LedgerVerdictDoc, description: 'The verdict on the whole ledger, recomputed from the database' }, 401, 403)
  verify() {
    return this.ledger.verify();
  }
}
