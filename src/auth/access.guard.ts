import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { Actor, hasRole } from './actor';
import { publicKey, rolesKey } from './access.decorators';
import { Role } from './role';

/** The one guard of every route: a valid token of an enabled user, holding one of the route's roles. */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(publicKey, targets)) return true;
    await super.canActivate(context);
    const actor = context.switchToHttp().getRequest<{ user: Actor }>().user;
    const allowed = this.reflector.getAllAndOverride<Role[]>(rolesKey, targets) ?? [];
    if (!allowed.some((role) => hasRole(actor, role))) {
      throw new CustodyError(CustodyErrorCode.Forbidden, 'your roles do not allow this');
    }
    return true;
  }

  override handleRequest<TUser>(error: unknown, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw new CustodyError(CustodyErrorCode.Unauthenticated, 'sign in first: a valid, unexpired bearer token is required');
    return user;
  }
}
