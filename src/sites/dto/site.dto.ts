import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { languages } from '../../users/language';
import { Optional, NoControlCharacters } from '../../common/validators';

export class CreateSiteDto {
  @ApiProperty({ example: 'POL-BRU', description: 'Uppercase letters and digits in dash-separated groups, 2 to 20 characters' })
  @IsString()
  @MaxLength(20)
  @Matches(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, { message: 'must be uppercase letters and digits in dash-separated groups, like POL-BRU' })
  @MinLength(2)
  code: string;

  @ApiProperty({ example: 'Evidence room, Brussels police' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  name: string;

  @ApiPropertyOptional({ example: 'Rue Royale 202A, 1000 Bruxelles' })
  @Optional()
  @IsString()
  @MaxLength(500)
  @NoControlCharacters()
  address?: string;

  @ApiProperty({ description: 'Id of the organization the site belongs to', format: 'uuid' })
  @IsUUID('all', { message: 'must be the UUID of an organization' })
  organization: string;

  @ApiPropertyOptional({
    type: [String],
    enum: languages,
    example: ['fr', 'nl'],
    default: ['en'],
    description: 'The languages of the site’s labels and documents, one or two: the first is the primary, the one labels speak',
  })
  @Optional()
  @IsArray()
  @ArrayMinSize(1, { message: 'must hold one or two languages' })
  @ArrayMaxSize(2, { message: 'must hold one or two languages' })
  @ArrayUnique({ message: 'must not name a language twice' })
  @IsIn(languages, { each: true, message: `must hold languages among ${languages.join(', ')}` })
  documentLanguages?: string[];
}

export class UpdateSiteDto {
  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  name?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MaxLength(500)
  @NoControlCharacters()
  address?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID('all', { message: 'must be the UUID of an organization' })
  organization?: string;

  @ApiPropertyOptional({
    type: [String],
    enum: languages,
    example: ['fr', 'nl'],
    default: ['en'],
    description: 'The languages of the site’s labels and documents, one or two: the first is the primary, the one labels speak',
  })
  @Optional()
  @IsArray()
  @ArrayMinSize(1, { message: 'must hold one or two languages' })
  @ArrayMaxSize(2, { message: 'must hold one or two languages' })
  @ArrayUnique({ message: 'must not name a language twice' })
  @IsIn(languages, { each: true, message: `must hold languages among ${languages.join(', ')}` })
  documentLanguages?: string[];
}
