import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { Roles, SignedIn } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { CreateLocationDto, UpdateLocationDto } from './dto/location.dto';
import { LocationsService } from './locations.service';
import { ApiAnswers } from '../common/api-docs';
import { LocationDoc, LocationNodeDoc } from './dto/location.response';

@ApiTags('locations')
@Controller()
export class LocationsController {
  constructor(private readonly locations: LocationsService) {}

  @Get('sites/:code/locations')
  @ApiOperation({ summary: 'Get a site’s storage locations', description: 'The site’s rooms, their shelves and bins as a tree, each with its barcode code.' })
  @SignedIn()
  @ApiAnswers({ status: 200, type: [LocationNodeDoc], description: 'The site’s rooms, their shelves and bins, each with its code' }, 401, 404)
  tree(@Actor() actor: Actor, @Param('code') siteCode: string) {
    return this.locations.treeFor(actor, siteCode);
  }

  @Post('sites/:code/locations')
  @ApiOperation({
    summary: 'Add a storage location',
    description: 'A room, shelf or bin at the site, optionally inside another location, with a new barcode. For administrators.',
  })
  @Roles(Role.Admin)
  @ApiAnswers({ status: 201, type: LocationDoc, description: 'Created, with a new barcode' }, 401, 403, 404, 409)
  create(@Actor() actor: Actor, @Param('code') siteCode: string, @Body() dto: CreateLocationDto) {
    return this.locations.create(actor, siteCode, dto);
  }

  @Get('locations/:code')
  @ApiOperation({ summary: 'Get a storage location', description: 'One location by its code, with its site and its parent.' })
  @SignedIn()
  @ApiAnswers({ status: 200, type: LocationDoc, description: 'The location' }, 401, 404)
  get(@Actor() actor: Actor, @Param('code') code: string) {
    return this.locations.getFor(actor, code);
  }

  @Patch('locations/:code')
  @ApiOperation({ summary: 'Rename a storage location', description: 'A new name; its code and barcode stay. For administrators.' })
  @Roles(Role.Admin)
  @ApiAnswers({ status: 200, type: LocationDoc, description: 'Renamed; its code stays' }, 401, 403, 404, 409)
  rename(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: UpdateLocationDto) {
    return this.locations.rename(actor, code, dto);
  }
}
