import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiTags } from '@nestjs/swagger';
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
  @SignedIn()
  @ApiAnswers({ status: 200, type: [LocationNodeDoc], description: 'The site’s rooms, their shelves and bins, each with its code' }, 401, 404)
  tree(@Actor() actor: Actor, @Param('code') siteCode: string) {
    return this.locations.treeFor(actor, siteCode);
  }

  @Post('sites/:code/locations')
  @Roles(Role.Admin)
  @ApiAnswers({ status: 201, type: LocationDoc, description: 'Created, with a new barcode' }, 401, 403, 404, 409)
  create(@Actor() actor: Actor, @Param('code') siteCode: string, @Body() dto: CreateLocationDto) {
    return this.locations.create(actor, siteCode, dto);
  }

  @Get('locations/:code')
  @SignedIn()
  @ApiAnswers({ status: 200, type: LocationDoc, description: 'The location' }, 401, 404)
  get(@Actor() actor: Actor, @Param('code') code: string) {
    return this.locations.getFor(actor, code);
  }

  @Patch('locations/:code')
  @Roles(Role.Admin)
  @ApiAnswers({ status: 200, type: LocationDoc, description: 'Renamed; its code stays' }, 401, 403, 404, 409)
  rename(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: UpdateLocationDto) {
    return this.locations.rename(actor, code, dto);
  }
}
