import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { Roles, SignedIn } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { CreateSiteDto, UpdateSiteDto } from './dto/site.dto';
import { SitesService } from './sites.service';
import { ApiAnswers } from '../common/api-docs';
import { SiteDirectoryEntryDoc, SiteDoc } from './dto/site.response';

@ApiTags('sites')
@Controller('sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Get()
  @SignedIn()
  @ApiAnswers({ status: 200, type: [SiteDoc], description: 'The sites you work at; every site for auditors and administrators' }, 401)
  list(@Actor() actor: Actor) {
    return this.sites.listFor(actor);
  }

  @Get('directory')
  @SignedIn()
  @ApiAnswers({ status: 200, type: [SiteDirectoryEntryDoc], description: 'Every site’s code and name, to choose where a transfer goes' }, 401)
  directory() {
    return this.sites.directory();
  }

  @Get(':code')
  @SignedIn()
  @ApiAnswers({ status: 200, type: SiteDoc, description: 'The site' }, 401, 404)
  get(@Actor() actor: Actor, @Param('code') code: string) {
    return this.sites.getFor(actor, code);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiAnswers({ status: 201, type: SiteDoc, description: 'Created' }, 401, 403, 409)
  create(@Body() dto: CreateSiteDto) {
    return this.sites.create(dto);
  }

  @Patch(':code')
  @Roles(Role.Admin)
  @ApiAnswers({ status: 200, type: SiteDoc, description: 'Updated' }, 401, 403, 404)
  update(@Param('code') code: string, @Body() dto: UpdateSiteDto) {
    return this.sites.update(code, dto);
  }
}
