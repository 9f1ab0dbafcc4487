import { Body, Controller, Get, Param } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { RecordsItemRead } from '../reads/read-log';
import { Roles, SignedIn } from '../auth/access.decorators';
import { SiteAction } from '../../libs/custody';
import { rolesThatCan } from '../custody/access';
import { CreateSeizureDto } from './dto/create-seizure.dto';
import { SeizuresService } from './seizures.service';
import { ApiAnswers } from '../common/api-docs';
import { SeizureDoc } from './dto/seizure.response';

@ApiTags('seizures')
@Controller('seizures')
export class SeizuresController {
  constructor(private readonly seizures: SeizuresService) {}

  @Post()
  @ApiOperation({
    summary: 'Register a seizure and its items',
    description:
      'One act of seizing under a case number, with its items: each gets a barcode and a `seized` event, in custody at the site. For the site’s evidence officers.',
  })
  @Roles(...rolesThatCan(SiteAction.RegisterSeizure))
  @ApiAnswers({ status: 201, type: SeizureDoc, description: 'Registered: every item in custody at the site with its `seized` event' }, 401, 403, 404)
  register(@Actor() actor: Actor, @Body() dto: CreateSeizureDto) {
    return this.seizures.register(actor, dto);
  }

  @Get(':code')
  @ApiOperation({
    summary: 'Get a seizure',
    description: 'The seizure’s facts and its items with where each is now; items at sites the caller may not read are left out.',
  })
  @SignedIn()
  @RecordsItemRead('seizure')
  @ApiAnswers({ status: 200, type: SeizureDoc, description: 'The seizure and its items' }, 401, 404)
  get(@Actor() actor: Actor, @Param('code') code: string) {
    return this.seizures.getFor(actor, code);
  }
}
