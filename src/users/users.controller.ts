import { Body, Controller, Get, Param, Patch, Put, Query } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiTags } from '@nestjs/swagger';
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
  @Roles(Role.Admin, Role.Auditor)
  @ApiAnswers({ status: 200, type: pageDoc(UserDoc), description: 'Users by username' }, 401, 403)
  list(@Query() query: PageQuery) {
    return this.users.list(query);
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Auditor)
  @ApiAnswers({ status: 200, type: UserDoc, description: 'The user' }, 401, 403, 404)
  get(@Param('id', UuidParam) id: string) {
    return this.users.get(id);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiAnswers({ status: 201, type: UserDoc, description: 'Created' }, 401, 403, 409)
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiAnswers({ status: 200, type: UserDoc, description: 'Updated; disabling stops the user at their next request' }, 401, 403, 404)
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }

  @Put(':id/roles')
  @Roles(Role.Admin)
  @ApiAnswers({ status: 200, type: UserDoc, description: 'The user with exactly these roles' }, 401, 403, 404)
  setRoles(@Param('id', UuidParam) id: string, @Body() dto: SetRolesDto) {
    return this.users.setRoles(id, dto.roles);
  }
}
