import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { Roles, SignedIn } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { CreateSiteDto, UpdateSiteDto } from './dto/site.dto';
import { SitesService } from './sites.service';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Get()
  @SignedIn()
  list(@Actor() actor: Actor) {
    return this.sites.listFor(actor);
  }

  @Get(':code')
  @SignedIn()
  get(@Actor() actor: Actor, @Param('code') code: string) {
    return this.sites.getFor(actor, code);
  }

  @Post()
  @Roles(Role.Admin)
  create(@Body() dto: CreateSiteDto) {
    return this.sites.create(dto);
  }

  @Patch(':code')
  @Roles(Role.Admin)
  update(@Param('code') code: string, @Body() dto: UpdateSiteDto) {
    return this.sites.update(code, dto);
  }
}
