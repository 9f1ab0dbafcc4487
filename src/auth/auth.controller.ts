import { Body, Controller, Get, HttpCode, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBody, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { PageQuery } from '../common/pagination';
import { Actor } from './actor';
import { OwnAccount, Public, Roles } from './access.decorators';
import { AuthService } from './auth.service';
import { LoginDto, OtpDto } from './dto/login.dto';
import { LoginAmr, LoginGuard } from './login.guard';
import { SessionInfo, SignedInSession } from './tokens';
import { AuthMethod, SecondFactor } from './second-factor';
import { Role } from './role';
import { ApiAnswers, pageDoc } from '../common/api-docs';
import { ActorDoc, ConfirmedEnrolmentDoc, EnrolmentDoc, LoginResponseDoc, MeDoc, SignInDoc } from './dto/auth.response';
import { UpdateOwnPreferencesDto } from '../users/dto/user.dto';

/**
 * Sign-in and refresh are Nest's plain POST, not the idempotent one: a token is never stored by
 * the idempotency layer to be replayed (a repeated sign-in or refresh simply gives another token).
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly secondFactor: SecondFactor,
  ) {}

  @Post('login')
  @ApiOperation({
    summary: 'Sign in with a username and password',
    description:
      'Answers a bearer token for `Authorization: Bearer <accessToken>` and the signed-in user. A user whose role asks a second factor gets 401 `SECOND_FACTOR_REQUIRED` until `otp` is sent too; repeated wrong passwords lock the account for a while. Needs no token.',
  })
  @HttpCode(200)
  @Public()
  @UseGuards(ThrottlerGuard, LoginGuard)
  @ApiBody({ type: LoginDto })
  @ApiAnswers({ status: 200, type: LoginResponseDoc, description: 'Signed in (401 SECOND_FACTOR_REQUIRED: send `otp` too)' }, 401, 403, 429)
  login(@Actor() actor: Actor, @LoginAmr() amr: AuthMethod[]) {
    return this.auth.issueToken(actor, amr);
  }

  @Post('refresh')
  @ApiOperation({
    summary: 'Trade the token for a fresh one',
    description: 'A desk in use calls it before its token expires, so that it stays signed in; the session keeps its start time and the way it was signed in.',
  })
  @HttpCode(200)
  @OwnAccount()
  @ApiAnswers(
    {
      status: 200,
      type: LoginResponseDoc,
      description: 'A new token for the signed-in user, so that a desk in use stays signed in; an idle one is signed out when its token expires',
    },
    401,
  )
  refresh(@Actor() actor: Actor, @SignedInSession() session: SessionInfo) {
    return this.auth.issueToken(actor, session.amr, session.startedAt);
  }

  @Post('logout')
  @ApiOperation({
    summary: 'Sign out everywhere',
    description: 'Ends every token of the signed-in user at once, on every desk: a new sign-in is needed everywhere.',
  })
  @HttpCode(204)
  @OwnAccount()
  @ApiAnswers({ status: 204, description: 'Signed out: every token of the user ends, on every desk (a new sign-in is needed everywhere)' }, 401)
  async logout(@Actor() actor: Actor) {
    await this.auth.signOut(actor);
  }

  @Get('me')
  @ApiOperation({
    summary: 'Who is signed in',
    description:
      'The signed-in user, their roles at each site, their language, and where they stand with the second factor. Open before the second factor is given, so that the screens can ask for it.',
  })
  @OwnAccount()
  @ApiAnswers({ status: 200, type: MeDoc, description: 'The signed-in user, their roles, and where they stand with the second factor' }, 401)
  async me(@Actor() actor: Actor, @SignedInSession() session: SessionInfo) {
    const status = await this.secondFactor.status(actor);
    return { ...(await this.auth.currentActor(actor)), secondFactor: { ...status, given: session.amr.includes('otp') } };
  }

  @Post('second-factor')
  @ApiOperation({
    summary: 'Begin enrolling an authenticator app',
    description:
      'Answers a new TOTP secret, as text and as a QR code; it is enabled only once POST /auth/second-factor/confirm gets a first code from the app.',
  })
  @HttpCode(200)
  @OwnAccount()
  @ApiAnswers(
    {
      status: 200,
      type: EnrolmentDoc,
      description: 'Begins enrolling an authenticator app: its secret, as text and as a QR code; POST /auth/second-factor/confirm with a first code enables it',
    },
    401,
    409,
  )
  beginSecondFactor(@Actor() actor: Actor) {
    return this.secondFactor.begin(actor);
  }

  @Post('second-factor/confirm')
  @ApiOperation({
    summary: 'Confirm the authenticator app with its first code',
    description: 'Enables the second factor, answers the recovery codes (shown this once) and a new token that carries the second factor.',
  })
  @HttpCode(200)
  @OwnAccount()
  @ApiAnswers(
    { status: 200, type: ConfirmedEnrolmentDoc, description: 'Enabled: the recovery codes (shown this once) and a new token that carries the second factor' },
    400,
    401,
    409,
  )
  async confirmSecondFactor(@Actor() actor: Actor, @Body() dto: OtpDto, @SignedInSession() session: SessionInfo) {
    const recoveryCodes = await this.secondFactor.confirm(actor, dto.otp);
    const amr: AuthMethod[] = [...session.amr.filter((method) => method !== 'otp'), 'otp'];
    return { recoveryCodes, ...(await this.auth.issueToken(actor, amr, session.startedAt)) };
  }

  @Patch('me')
  @ApiOperation({
    summary: 'Choose the language of one’s own screens',
    description: 'Sets the signed-in user’s language (French, Dutch or English) for screens and custody reports.',
  })
  @OwnAccount()
  @ApiAnswers({ status: 200, type: ActorDoc, description: 'The signed-in user, with their new choice of language' }, 400, 401)
  updateMe(@Actor() actor: Actor, @Body() dto: UpdateOwnPreferencesDto) {
    return this.auth.setOwnLanguage(actor, dto.language);
  }

  @Get('sign-ins')
  @ApiOperation({
    summary: 'List sign-in attempts',
    description: 'Every sign-in attempt, successful or not, with its source address and reason of failure, newest first. For administrators and auditors.',
  })
  @Roles(Role.Admin, Role.Auditor)
  @ApiAnswers({ status: 200, type: pageDoc(SignInDoc), description: 'Sign-in attempts, newest first' }, 401, 403)
  signIns(@Query() query: PageQuery) {
    return this.auth.listSignIns(query);
  }
}
