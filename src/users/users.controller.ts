import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { PageQuery } from '../common/pagination';
import { UuidParam } from '../common/validation';
import { CreateUserDto, SetRolesDto, UpdateUserDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles(Role.Admin, Role.Auditor)
  list(@Query() query: PageQuery) {
    return this.users.list(query);
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Auditor)
  get(@Param('id', UuidParam) id: string) {
    return this.users.get(id);
  }

  @Post()
  @Roles(Role.Admin)
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }

  @Put(':id/roles')
  @Roles(Role.Admin)
  setRoles(@Param('id', UuidParam) id: string, @Body() dto: SetRolesDto) {
    return this.users.setRoles(id, dto.roles);
  }
}
