import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { Roles, SignedIn } from '../auth/access.decorators';
import { rolesThatCan, SiteAction } from '../auth/permissions';
import { CreateSeizureDto } from './dto/create-seizure.dto';
import { SeizuresService } from './seizures.service';

@ApiTags('seizures')
@ApiBearerAuth()
@Controller('seizures')
export class SeizuresController {
  constructor(private readonly seizures: SeizuresService) {}

  @Post()
  @Roles(...rolesThatCan(SiteAction.RegisterSeizure))
  register(@Actor() actor: Actor, @Body() dto: CreateSeizureDto) {
    return this.seizures.register(actor, dto);
  }

  @Get(':code')
  @SignedIn()
  get(@Actor() actor: Actor, @Param('code') code: string) {
    return this.seizures.getFor(actor, code);
  }
}
