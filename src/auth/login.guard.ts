import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { Request } from 'express';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { fieldProblems, validationFailed } from '../common/validation';
import { LoginDto } from './dto/login.dto';

/** Checks the shape of the sign-in body (guards run before pipes), then lets passport-local check the password. */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest<Request>().body ?? {};
    const errors =
      typeof body === 'object' && !Array.isArray(body) ? validateSync(plainToInstance(LoginDto, body), { whitelist: true, forbidNonWhitelisted: true }) : [];
    const fields = typeof body === 'object' && !Array.isArray(body) ? fieldProblems(errors) : [{ field: 'body', problem: 'must be a JSON object' }];
    if (fields.length > 0) throw validationFailed(fields);
    return (await super.canActivate(context)) as boolean;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw new CustodyError(CustodyErrorCode.InvalidCredentials, 'wrong username or password');
    return user;
  }
}
