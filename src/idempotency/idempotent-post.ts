import { applyDecorators, Post as NestPost, UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * A POST route that honours `Idempotency-Key`: Nest's @Post with the idempotency interceptor bound
 * to it alone, so that reads never pay for it. Every POST route of the API is declared with this one.
 */
export function Post(path?: string): MethodDecorator {
  return applyDecorators(NestPost(path), UseInterceptors(IdempotencyInterceptor));
}
