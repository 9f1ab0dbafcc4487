import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { PageQuery } from '../common/pagination';
import { UuidParam } from '../common/validation';
import { CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';
import { ApiAnswers, pageDoc } from '../common/api-docs';
import { OrganizationDoc } from './dto/organization.response';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({
    summary: 'List organizations',
    description: 'Police zones, courts, the confiscation office and labs, by name, a page at a time. For administrators and auditors.',
  })
  @Roles(Role.Admin, Role.Auditor)
  @ApiAnswers({ status: 200, type: pageDoc(OrganizationDoc), description: 'Organizations by name' }, 401, 403)
  list(@Query() query: PageQuery) {
    return this.organizations.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an organization', description: 'One organization and its kind. For administrators and auditors.' })
  @Roles(Role.Admin, Role.Auditor)
  @ApiAnswers({ status: 200, type: OrganizationDoc, description: 'The organization' }, 401, 403, 404)
  get(@Param('id', UuidParam) id: string) {
    return this.organizations.get(id);
  }

  @Post()
  @ApiOperation({
    summary: 'Create an organization',
    description: 'A police zone, court, confiscation office or lab, which sites then belong to. For administrators.',
  })
  @Roles(Role.Admin)
  @ApiAnswers({ status: 201, type: OrganizationDoc, description: 'Created' }, 401, 403)
  create(@Body() dto: CreateOrganizationDto) {
    return this.organizations.create(dto);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an organization', description: 'Its name or kind. For administrators.' })
  @Roles(Role.Admin)
  @ApiAnswers({ status: 200, type: OrganizationDoc, description: 'Updated' }, 401, 403, 404)
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateOrganizationDto) {
    return this.organizations.update(id, dto);
  }
}
