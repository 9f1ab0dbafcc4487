import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, Observable, of } from 'rxjs';
import { sessionFoldedKey } from './access.decorators';
import { UsersService } from '../users/users.service';
import { settleSession, uncheckedSession } from './request-session';

/** Makes sure the session of a route marked `SessionCheckedByService` was checked before its answer leaves, whatever the handler did. */
@Injectable()
export class SessionCheckInterceptor implements NestInterceptor {
  constructor(
    private readonly users: UsersService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // every other route had its session checked by the guard
    if (!this.reflector.get<boolean>(sessionFoldedKey, context.getHandler())) return next.handle();
    const settle = async () => {
      const session = uncheckedSession();
      if (session) settleSession(await this.users.sessionIsLive(session.userId, session.tokenVersion));
    };
    return next.handle().pipe(
      mergeMap((body) => (uncheckedSession() ? from(settle().then(() => body)) : of(body))),
      catchError((error: unknown) =>
        from(
          settle().then(() => {
            throw error;
          }),
        ),
      ),
    );
  }
}
