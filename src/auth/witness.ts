import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Request } from 'express';
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
}

/** Where a request comes from, as a sign-in records it. */
export const RequestSource = createParamDecorator((_data: unknown, context: ExecutionContext): SignInSource => {
  const request = context.switchToHttp().getRequest<Request>();
  return { sourceAddress: request.ip ?? request.socket.remoteAddress ?? 'unknown', userAgent: request.get('user-agent')?.slice(0, 300) ?? null };
});
