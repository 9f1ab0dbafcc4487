import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { fieldProblems, validationFailed } from '../common/validation';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { AppConfig } from '../config/app-config';
import { Actor } from './actor';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { sourceOf } from './witness';
import { AuthMethod } from './second-factor';

/** Checks the shape of the sign-in body (guards run before pipes), then the password; the signed-in actor becomes the request's. */
@Injectable()
export class LoginGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.config.localPasswords) {
      throw new CustodyError(CustodyErrorCode.Forbidden, 'passwords are not used here: sign in through the identity provider');
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Actor; amr?: AuthMethod[] }>();
    const body: unknown = request.body ?? {};
    const object = typeof body === 'object' && !Array.isArray(body);
    const fields = object
      ? fieldProblems(validateSync(plainToInstance(LoginDto, body), { whitelist: true, forbidNonWhitelisted: true }))
      : [{ field: 'body', problem: 'must be a JSON object' }];
    if (fields.length > 0) throw validationFailed(fields);
    const { username, password, otp } = body as LoginDto;
    const signedIn = await this.auth.verifyCredentials(username, password, sourceOf(request), otp);
    request.user = signedIn.actor;
    request.amr = signedIn.amr;
    return true;
  }
}

/** How the sign-in was proven, for the login handler: `@LoginAmr() amr`. */
export const LoginAmr = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthMethod[] => context.switchToHttp().getRequest<{ amr: AuthMethod[] }>().amr,
);
