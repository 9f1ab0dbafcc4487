import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { SignInSource } from './auth.service';

/** The second person of the two-person rule, who signs in within the same request. */
export class WitnessDto {
  @ApiProperty({ example: 'officer2' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'custody-demo', format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;

  @ApiPropertyOptional({
    example: '492039',
    description: 'For a witness with a second factor: the code their authenticator app shows now (a recovery code is for their own sign-in)',
  })
  @IsOptional()
  @IsString()
  @MinLength(6)
  @MaxLength(20)
  otp?: string;
}

/** Where a request comes from, as a sign-in records it. */
export function sourceOf(request: FastifyRequest): SignInSource {
  const agent = request.headers['user-agent'];
  // cut to what the sign-in and read records keep
  const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
  return { sourceAddress: address.slice(0, 64), userAgent: typeof agent === 'string' ? agent.slice(0, 300) : null };
}

/** The source of the request, for a handler: `@RequestSource() source: SignInSource`. */
export const RequestSource = createParamDecorator((_data: unknown, context: ExecutionContext): SignInSource =>
  sourceOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
