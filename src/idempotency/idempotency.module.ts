import { Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/** The Idempotency-Key of POST requests: the interceptor that `Post` (idempotent-post.ts) binds to every POST route. */
@Module({
  providers: [IdempotencyInterceptor],
  exports: [IdempotencyInterceptor],
})
export class IdempotencyModule {}
