import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'officer' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'custody-demo' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;

  @ApiPropertyOptional({ example: '492039', description: 'For a user with a second factor: the code of their authenticator app, or an unused recovery code' })
  @IsOptional()
  @IsString()
  @MinLength(6)
  @MaxLength(20)
  otp?: string;
}

/** A one-time code of the authenticator app being enrolled. */
export class OtpDto {
  @ApiProperty({ example: '492039' })
  @IsString()
  @MinLength(6)
  @MaxLength(6)
  otp: string;
}
