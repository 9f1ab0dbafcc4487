import { Body, Controller, Get, Param, Patch, Put, Query } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { PageQuery } from '../common/pagination';
import { UuidParam } from '../common/validation';
import { CreateUserDto, SetRolesDto, UpdateUserDto } from './dto/user.dto';
import { UsersService } from './users.service';
import { ApiAnswers, pageDoc } from '../common/api-docs';
import { UserDoc } from './dto/user.response';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List users', description: 'Every user, by username, a page at a time. For administrators and auditors.' })
  @Roles(Role.Admin, Role.Auditor)
  @ApiAnswers({ status: 200, type: pageDoc(UserDoc), description: 'Users by username' }, 401, 403)
  list(@Query() query: PageQuery) {
    return this.users.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a user', description: 'One user, with their roles at each site. For administrators and auditors.' })
  @Roles(Role.Admin, Role.Auditor)
  @ApiAnswers({ status: 200, type: UserDoc, description: 'The user' }, 401, 403, 404)
  get(@Param('id', UuidParam) id: string) {
    return this.users.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user', description: 'A new user with their roles at their sites and a first password. For administrators.' })
  @Roles(Role.Admin)
  @ApiAnswers({ status: 201, type: UserDoc, description: 'Created' }, 401, 403, 409)
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a user',
    description:
      'Their display name, language, password, whether they are disabled, or a reset of their second factor; disabling or a new password ends every token they hold. For administrators.',
  })
  @Roles(Role.Admin)
  @ApiAnswers({ status: 200, type: UserDoc, description: 'Updated; disabling stops the user at their next request' }, 401, 403, 404)
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }

  @Put(':id/roles')
  @ApiOperation({
    summary: 'Set a user’s roles',
    description: 'Replaces the user’s roles with exactly these (a role at a site, or a role across all sites); their tokens end at once. For administrators.',
  })
  @Roles(Role.Admin)
  @ApiAnswers({ status: 200, type: UserDoc, description: 'The user with exactly these roles' }, 401, 403, 404)
  setRoles(@Param('id', UuidParam) id: string, @Body() dto: SetRolesDto) {
    return this.users.setRoles(id, dto.roles);
  }
}
