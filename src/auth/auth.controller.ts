import { Body, Controller, Get, HttpCode, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { PageQuery } from '../common/pagination';
import { Actor } from './actor';
import { Public, Roles, SignedIn } from './access.decorators';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { LoginGuard } from './login.guard';
import { SessionStartedAt } from './tokens';
import { Role } from './role';
import { ApiAnswers, pageDoc } from '../common/api-docs';
import { ActorDoc, LoginResponseDoc, SignInDoc } from './dto/auth.response';
import { UpdateOwnPreferencesDto } from '../users/dto/user.dto';

/**
 * Sign-in and refresh are Nest's plain POST, not the idempotent one: a token is never stored by
 * the idempotency layer to be replayed (a repeated sign-in or refresh simply gives another token).
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(ThrottlerGuard, LoginGuard)
  @ApiBody({ type: LoginDto })
  @ApiAnswers({ status: 200, type: LoginResponseDoc, description: 'Signed in' }, 401, 429)
  login(@Actor() actor: Actor) {
    return this.auth.issueToken(actor);
  }

  @Post('refresh')
  @HttpCode(200)
  @SignedIn()
  @ApiBearerAuth()
  @ApiAnswers(
    {
      status: 200,
      type: LoginResponseDoc,
      description: 'A new token for the signed-in user, so that a desk in use stays signed in; an idle one is signed out when its token expires',
    },
    401,
  )
  refresh(@Actor() actor: Actor, @SessionStartedAt() sessionStartedAt: number) {
    return this.auth.issueToken(actor, sessionStartedAt);
  }

  @Get('me')
  @SignedIn()
  @ApiBearerAuth()
  @ApiAnswers({ status: 200, type: ActorDoc, description: 'The signed-in user and their roles' }, 401)
  me(@Actor() actor: Actor) {
    return this.auth.currentActor(actor);
  }

  @Patch('me')
  @SignedIn()
  @ApiBearerAuth()
  @ApiAnswers({ status: 200, type: ActorDoc, description: 'The signed-in user, with their new choice of language' }, 400, 401)
  updateMe(@Actor() actor: Actor, @Body() dto: UpdateOwnPreferencesDto) {
    return this.auth.setOwnLanguage(actor, dto.language);
  }

  @Get('sign-ins')
  @Roles(Role.Admin, Role.Auditor)
  @ApiBearerAuth()
  @ApiAnswers({ status: 200, type: pageDoc(SignInDoc), description: 'Sign-in attempts, newest first' }, 401, 403)
  signIns(@Query() query: PageQuery) {
    return this.auth.listSignIns(query);
  }
}
