import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { Roles, SignedIn } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { CreateLocationDto, UpdateLocationDto } from './dto/location.dto';
import { LocationsService } from './locations.service';

@ApiTags('locations')
@ApiBearerAuth()
@Controller()
export class LocationsController {
  constructor(private readonly locations: LocationsService) {}

  @Get('sites/:code/locations')
  @SignedIn()
  tree(@Actor() actor: Actor, @Param('code') siteCode: string) {
    return this.locations.treeFor(actor, siteCode);
  }

  @Post('sites/:code/locations')
  @Roles(Role.Admin)
  create(@Actor() actor: Actor, @Param('code') siteCode: string, @Body() dto: CreateLocationDto) {
    return this.locations.create(actor, siteCode, dto);
  }

  @Get('locations/:code')
  @SignedIn()
  get(@Actor() actor: Actor, @Param('code') code: string) {
    return this.locations.getFor(actor, code);
  }

  @Patch('locations/:code')
  @Roles(Role.Admin)
  rename(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: UpdateLocationDto) {
    return this.locations.rename(actor, code, dto);
  }
}
