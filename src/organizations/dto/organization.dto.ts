import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsString, MaxLength, MinLength } from 'class-validator';
import { OrganizationKind } from '../organization-kind';
import { Optional, NoControlCharacters } from '../../common/validators';

const kindMessage = { message: `must be one of ${Object.values(OrganizationKind).join(', ')}` };

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Zone de police Bruxelles-Capitale/Ixelles' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  name: string;

  @ApiProperty({ enum: OrganizationKind })
  @IsEnum(OrganizationKind, kindMessage)
  kind: OrganizationKind;
}

export class UpdateOrganizationDto {
  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  name?: string;

  @ApiPropertyOptional({ enum: OrganizationKind })
  @Optional()
  @IsEnum(OrganizationKind, kindMessage)
  kind?: OrganizationKind;
}
