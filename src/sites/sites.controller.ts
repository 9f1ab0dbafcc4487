import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
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
  @ApiOperation({
    summary: 'List the sites one works at',
    description: 'The sites where the caller holds a role, with their settings; every site for auditors and administrators.',
  })
  @SignedIn()
  @ApiAnswers({ status: 200, type: [SiteDoc], description: 'The sites you work at; every site for auditors and administrators' }, 401)
  list(@Actor() actor: Actor) {
    return this.sites.listFor(actor);
  }

  @Get('directory')
  @ApiOperation({
    summary: 'List every site’s code and name',
    description: 'All sites of the installation, code and name only: where a transfer can go. Any signed-in user.',
  })
  @SignedIn()
  @ApiAnswers({ status: 200, type: [SiteDirectoryEntryDoc], description: 'Every site’s code and name, to choose where a transfer goes' }, 401)
  directory() {
    return this.sites.directory();
  }

  @Get(':code')
  @ApiOperation({
    summary: 'Get a site',
    description:
      'One site and its settings (its organization, the languages of its labels and documents), if the caller works there (or is an auditor or administrator).',
  })
  @SignedIn()
  @ApiAnswers({ status: 200, type: SiteDoc, description: 'The site' }, 401, 404)
  get(@Actor() actor: Actor, @Param('code') code: string) {
    return this.sites.getFor(actor, code);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a site',
    description: 'A premises of an organization with its own evidence room or registry, under a short unique code. For administrators.',
  })
  @Roles(Role.Admin)
  @ApiAnswers({ status: 201, type: SiteDoc, description: 'Created' }, 401, 403, 409)
  create(@Body() dto: CreateSiteDto) {
    return this.sites.create(dto);
  }

  @Patch(':code')
  @ApiOperation({
    summary: 'Change a site',
    description: 'Its name, address, organization or the languages of its labels and documents; its code stays. For administrators.',
  })
  @Roles(Role.Admin)
  @ApiAnswers({ status: 200, type: SiteDoc, description: 'Updated' }, 401, 403, 404)
  update(@Param('code') code: string, @Body() dto: UpdateSiteDto) {
    return this.sites.update(code, dto);
  }
}
