import { applyDecorators, Post as NestPost, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { IdempotencyInterceptor } from './idempotency.interceptor';

const idempotencyKey = ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'Any unique string (a UUID): a retry with the same key and body answers the first answer and changes nothing; with another body, 422',
});

/**
 * A POST route that honours `Idempotency-Key`: Nest's @Post with the idempotency interceptor bound
 * to it alone, so that reads never pay for it. Every POST route of the API is declared with this one.
 * The API document gets the header and its refusals: 409 while the key is in use, 422 for a key used with another request.
 */
export function Post(path?: string): MethodDecorator {
  return applyDecorators(NestPost(path), UseInterceptors(IdempotencyInterceptor), idempotencyKey, ApiErrors(409, 422));
}
