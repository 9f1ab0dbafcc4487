import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Role } from '../../auth/role';
import { Optional, NoControlCharacters } from '../../common/validators';
import { Language, languages } from '../language';

const languageRule = IsEnum(Language, { message: `must be one of ${languages.join(', ')}` });

export class RoleAssignmentDto {
  @ApiProperty({ enum: Role })
  @IsEnum(Role, { message: `must be one of ${Object.values(Role).join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ description: 'Site code; required for site roles, absent for auditor and admin', example: 'POL-BRU' })
  @Optional()
  @IsString()
  @MaxLength(20)
  site?: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'jdupont', description: 'Lowercase letters, digits, dot, dash, underscore' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,63}$/, { message: 'must be 2 to 64 lowercase letters, digits, dots, dashes or underscores' })
  username: string;

  @ApiProperty({ example: 'Jeanne Dupont' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  displayName: string;

  @ApiProperty({ minLength: 12, maxLength: 256 })
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password: string;

  @ApiProperty({ type: [RoleAssignmentDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RoleAssignmentDto)
  roles: RoleAssignmentDto[];

  @ApiPropertyOptional({ enum: Language, default: Language.English, description: 'The language of the user’s screens' })
  @Optional()
  @languageRule
  language?: Language;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  displayName?: string;

  @ApiPropertyOptional({ minLength: 12, maxLength: 256 })
  @Optional()
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password?: string;

  @ApiPropertyOptional({ description: 'A disabled user cannot sign in, and their tokens stop working at once' })
  @Optional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ enum: Language })
  @Optional()
  @languageRule
  language?: Language;

  @ApiPropertyOptional({
    description: 'true: forget the user’s authenticator app and recovery codes (lost phone); they enrol again at their next sign-in, and their tokens end',
  })
  @Optional()
  @IsBoolean()
  resetSecondFactor?: boolean;
}

/** What signed-in users may change about themselves. */
export class UpdateOwnPreferencesDto {
  @ApiProperty({ enum: Language, description: 'The language of the user’s screens' })
  @languageRule
  language: Language;
}

export class SetRolesDto {
  @ApiProperty({ type: [RoleAssignmentDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => RoleAssignmentDto)
  roles: RoleAssignmentDto[];
}
