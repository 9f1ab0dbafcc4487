import { CallHandler, Injectable, NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { catchError, from, mergeMap, Observable, of } from 'rxjs';
import { DataSource } from 'typeorm';
import { checkSessionApart, uncheckedSession } from './request-session';

/**
 * Bound by `SessionCheckedByService` to the hot routes whose service checks the session in its own
 * first statement: makes sure it was checked before the answer leaves, whatever the handler did.
 */
@Injectable()
export class SessionCheckInterceptor implements NestInterceptor {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  intercept(_context: unknown, next: CallHandler): Observable<unknown> {
    const settle = () => checkSessionApart(this.dataSource.manager);
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
