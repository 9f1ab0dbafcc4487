import { Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { PageQuery } from '../common/pagination';
import { Actor } from './actor';
import { Public, Roles, SignedIn } from './access.decorators';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { LoginGuard } from './login.guard';
import { Role } from './role';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(ThrottlerGuard, LoginGuard)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ description: '{accessToken, tokenType, expiresIn, user}' })
  login(@Actor() actor: Actor) {
    return this.auth.issueToken(actor);
  }

  @Get('me')
  @SignedIn()
  @ApiBearerAuth()
  me(@Actor() actor: Actor) {
    return actor;
  }

  @Get('sign-ins')
  @Roles(Role.Admin, Role.Auditor)
  @ApiBearerAuth()
  signIns(@Query() query: PageQuery) {
    return this.auth.listSignIns(query);
  }
}
