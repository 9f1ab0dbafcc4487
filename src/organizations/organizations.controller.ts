import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { PageQuery } from '../common/pagination';
import { UuidParam } from '../common/validation';
import { CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @Roles(Role.Admin, Role.Auditor)
  list(@Query() query: PageQuery) {
    return this.organizations.list(query);
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Auditor)
  get(@Param('id', UuidParam) id: string) {
    return this.organizations.get(id);
  }

  @Post()
  @Roles(Role.Admin)
  create(@Body() dto: CreateOrganizationDto) {
    return this.organizations.create(dto);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateOrganizationDto) {
    return this.organizations.update(id, dto);
  }
}
