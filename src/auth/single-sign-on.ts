import { Body, Controller, Get, HttpCode, Injectable, Logger, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { BaseClient, generators, Issuer } from 'openid-client';
import { DataSource } from 'typeorm';
import { ApiAnswers, ApiErrors } from '../common/api-docs';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { Public } from './access.decorators';
import { AuthService } from './auth.service';
import { LoginResponseDoc } from './dto/auth.response';
import { sourceOf } from './witness';

const cookieName = 'custody_oidc';
const cookieMinutes = 10;
const handoffSeconds = 60;

/** What the browser keeps between leaving for the provider and coming back: the state, nonce and PKCE verifier, signed. */
interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  expires: number;
}

/**
 * Single sign-on with OpenID Connect (authorization code with PKCE, openid-client, a certified
 * relying-party library): the browser is sent to the provider with a state, a nonce and a code
 * challenge, kept in a signed HttpOnly cookie; on its return the code is traded for an ID token,
 * whose claim OIDC_USER_CLAIM names the Custody user. The browser then gets a one-time code in the
 * URL's fragment (never sent to a server, good once, for a minute), which the screens trade for a
 * token with POST /auth/oidc/exchange, giving the user's one-time code too if they enrolled one.
 */
@Injectable()
export class SingleSignOn {
  private client: Promise<BaseClient> | null = null;
  private readonly logger = new Logger('SingleSignOn');

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  /** Where the browser goes to sign in, and the cookie that remembers what it must bring back. */
  async start(secure: boolean): Promise<{ url: string; cookie: string }> {
    const client = await this.clientOf();
    const pending: PendingSignIn = {
      state: generators.state(),
      nonce: generators.nonce(),
      verifier: generators.codeVerifier(),
      expires: Date.now() + cookieMinutes * 60_000,
    };
    const url = client.authorizationUrl({
      scope: 'openid profile email',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: generators.codeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    return { url, cookie: this.cookieOf(this.sealed(pending), cookieMinutes * 60, secure) };
  }

  /** The provider's answer: a one-time code for the screens, or the reason it was refused. */
  async finish(request: FastifyRequest): Promise<string> {
    const pending = this.opened(cookieOf(request.headers.cookie, cookieName));
    if (!pending) throw new CustodyError(CustodyErrorCode.Unauthenticated, 'the sign-in took too long or did not start here: sign in again');
    const client = await this.clientOf();
    const parameters = client.callbackParams(request.url);
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.callback(this.config.oidc!.redirectUri, parameters, {
        state: pending.state,
        nonce: pending.nonce,
        code_verifier: pending.verifier,
      });
      // a provider may keep profile claims out of the ID token (OpenID Connect Core 5.4): ask its userinfo too,
      // which openid-client checks names the same subject
      claims = { ...(tokens.access_token ? await client.userinfo(tokens) : {}), ...tokens.claims() };
    } catch (error) {
      this.logger.warn({ err: error }, 'the OpenID provider’s answer was refused');
      throw new CustodyError(CustodyErrorCode.Unauthenticated, 'the identity provider’s answer could not be checked: sign in again');
    }
    const claimed = claims[this.config.oidc!.userClaim];
    const name = typeof claimed === 'string' ? claimed.trim().toLowerCase() : '';
    const source = sourceOf(request);
    const account = name ? await this.users.findForSignIn(name) : null;
    if (!account || account.disabled) {
      await this.auth.recordRefusedSignIn(name || '(no claim)', account?.id ?? null, account ? 'disabled' : 'unknown_user', source);
      throw new CustodyError(CustodyErrorCode.Forbidden, `the identity provider signed in "${name}", who has no active account here: ask an administrator`);
    }
    const code = randomBytes(32).toString('base64url');
    await this.dataSource.query('INSERT INTO sign_in_handoffs (code_hash, user_id) VALUES ($1, $2)', [hashOf(code), account.id]);
    return code;
  }

  /** The token for a one-time code, once: a second try, or one after a minute, is refused. */
  async exchange(code: string, otp: string | undefined, request: FastifyRequest) {
    const [handoff] = (await this.dataSource.query(
      `SELECT handoff.user_id AS "userId", account.username FROM sign_in_handoffs handoff JOIN users account ON account.id = handoff.user_id
        WHERE handoff.code_hash = $1 AND handoff.used_at IS NULL AND handoff.created_at > now() - make_interval(secs => $2)`,
      [hashOf(code), handoffSeconds],
    )) as { userId: string; username: string }[];
    if (!handoff) throw new CustodyError(CustodyErrorCode.Unauthenticated, 'this sign-in link was used already or is too old: sign in again');
    const source = sourceOf(request);
    let signedIn;
    try {
      signedIn = await this.auth.completeSignIn(handoff.username, handoff.userId, ['oidc'], source, otp);
    } catch (error) {
      // asked for the one-time code: the same link may be tried again with it; any other refusal uses it up
      if (!(error instanceof CustodyError && error.code === CustodyErrorCode.SecondFactorRequired)) await this.useUp(code);
      throw error;
    }
    if (!(await this.useUp(code))) throw new CustodyError(CustodyErrorCode.Unauthenticated, 'this sign-in link was used already: sign in again');
    return this.auth.issueToken(signedIn.actor, signedIn.amr);
  }

  /** The cookie that ends the pending sign-in. */
  clearedCookie(secure: boolean): string {
    return this.cookieOf('', 0, secure);
  }

  private async useUp(code: string): Promise<boolean> {
    const [, used] = (await this.dataSource.query('UPDATE sign_in_handoffs SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL', [hashOf(code)])) as [
      unknown,
      number,
    ];
    return used === 1;
  }

  private clientOf(): Promise<BaseClient> {
    const oidc = this.config.oidc;
    if (!oidc) return Promise.reject(CustodyError.notFound('single sign-on (it is not configured here)'));
    this.client ??= Issuer.discover(oidc.issuer).then(
      (issuer) =>
        new issuer.Client({ client_id: oidc.clientId, client_secret: oidc.clientSecret, redirect_uris: [oidc.redirectUri], response_types: ['code'] }),
      (error: unknown) => {
        this.client = null;
        this.logger.error({ err: error }, `the OpenID provider ${oidc.issuer} could not be reached`);
        throw new CustodyError(CustodyErrorCode.ServiceUnavailable, 'the identity provider cannot be reached; try again shortly');
      },
    );
    return this.client;
  }

  private sealed(pending: PendingSignIn): string {
    const body = Buffer.from(JSON.stringify(pending)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  private opened(value: string | null): PendingSignIn | null {
    const [body, mac] = (value ?? '').split('.');
    if (!body || !mac) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const pending = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as PendingSignIn;
    return pending.expires > Date.now() ? pending : null;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.config.jwtSecret).update(`custody oidc\n${body}`).digest('base64url');
  }

  private cookieOf(value: string, maxAgeSeconds: number, secure: boolean): string {
    return `${cookieName}=${value}; Path=/auth/oidc; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
  }
}

function hashOf(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

function cookieOf(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

export class ExchangeDto {
  @ApiProperty({ description: 'The one-time code the sign-in put in the address (#/sso/<code>)' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'must be the code of a sign-in link' })
  code: string;

  @ApiPropertyOptional({ example: '492039', description: 'For a user with a second factor: the code of their authenticator app, or a recovery code' })
  @IsOptional()
  @IsString()
  @MinLength(6)
  @MaxLength(20)
  otp?: string;
}

class SignInOptionsDoc {
  @ApiProperty({ description: 'Passwords kept by Custody are accepted (LOCAL_PASSWORDS)' }) localPasswords: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'Justice SSO', description: 'The OpenID provider’s name, when single sign-on is configured' })
  singleSignOn: string | null;
}

@ApiTags('auth')
@Controller('auth')
export class SingleSignOnController {
  private readonly logger = new Logger('SingleSignOn');

  constructor(
    private readonly singleSignOn: SingleSignOn,
    private readonly config: AppConfig,
  ) {}

  @Get('options')
  @ApiOperation({
    summary: 'How one signs in here',
    description:
      'Whether passwords kept by Custody are accepted and, when single sign-on is configured, the OpenID provider’s name: what the sign-in screen offers. Needs no token.',
  })
  @Public()
  @ApiAnswers({ status: 200, type: SignInOptionsDoc, description: 'How one signs in here: a password, single sign-on, or both' })
  options() {
    return { localPasswords: this.config.localPasswords, singleSignOn: this.config.oidc?.name ?? null };
  }

  @Get('oidc')
  @ApiOperation({
    summary: 'Start a single sign-on at the OpenID provider',
    description:
      'The browser is sent here to sign in at the OpenID provider: a redirect to its authorization endpoint, with a short-lived cookie that ties the answer to this browser. 404 when single sign-on is not configured. Needs no token.',
  })
  @Public()
  @ApiResponse({ status: 302, description: 'To the provider’s authorization endpoint (404 when single sign-on is not configured)' })
  @ApiErrors(404)
  async start(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { url, cookie } = await this.singleSignOn.start(request.protocol === 'https');
    void reply.header('set-cookie', cookie).redirect(url, 302);
  }

  /** The provider sends the browser back here; the screens get a one-time code in the fragment, or the reason in words. */
  @Get('oidc/callback')
  @ApiOperation({
    summary: 'Come back from the OpenID provider',
    description:
      'The provider’s redirect URI: checks its answer and sends the browser to the screens with a one-time code in the fragment, or with the reason it was refused. Needs no token.',
  })
  @Public()
  @ApiResponse({ status: 302, description: 'To the screens: `/#/sso/<one-time code>`, or `/#/sso-refused/<error code>`' })
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query() _query: Record<string, string>) {
    const cleared = this.singleSignOn.clearedCookie(request.protocol === 'https');
    try {
      const code = await this.singleSignOn.finish(request);
      void reply.header('set-cookie', cleared).redirect(`/#/sso/${code}`, 302);
    } catch (error) {
      // the screens say why in the user's language: no account here, a sign-in to start again, a provider out of reach
      const code = !(error instanceof CustodyError) ? CustodyErrorCode.Internal : error.code === CustodyErrorCode.Forbidden ? 'SSO_NO_ACCOUNT' : error.code;
      if (!(error instanceof CustodyError)) this.logger.error({ err: error }, 'a sign-in through the identity provider failed');
      void reply.header('set-cookie', cleared).redirect(`/#/sso-refused/${code}`, 302);
    }
  }

  @Post('oidc/exchange')
  @ApiOperation({
    summary: 'Trade a single sign-on’s one-time code for a token',
    description:
      'The screens send the one-time code they were given by the callback and get a bearer token, as a sign-in with a password does (401 `SECOND_FACTOR_REQUIRED`: send `otp` too). Needs no token.',
  })
  @HttpCode(200)
  @Public()
  @UseGuards(ThrottlerGuard)
  @ApiAnswers(
    { status: 200, type: LoginResponseDoc, description: 'The token of a sign-in through the OpenID provider (401 SECOND_FACTOR_REQUIRED: send `otp` too)' },
    400,
    401,
    429,
  )
  exchange(@Body() dto: ExchangeDto, @Req() request: FastifyRequest) {
    return this.singleSignOn.exchange(dto.code, dto.otp, request);
  }
}
