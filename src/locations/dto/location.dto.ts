import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsString, MaxLength, MinLength } from 'class-validator';
import { LocationKind } from '../location.entity';
import { Optional, NoControlCharacters } from '../../common/validators';

export class CreateLocationDto {
  @ApiProperty({ example: 'Shelf 3' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @NoControlCharacters()
  name: string;

  @ApiProperty({ enum: LocationKind, description: 'room (top level), shelf (in a room) or bin (on a shelf)' })
  @IsEnum(LocationKind, { message: `must be one of ${Object.values(LocationKind).join(', ')}` })
  kind: LocationKind;

  @ApiPropertyOptional({ description: 'Code of the parent location; absent for a room', example: 'L000000012X' })
  @Optional()
  @IsString()
  @MaxLength(40)
  parent?: string;
}

export class UpdateLocationDto {
  @ApiProperty({ example: 'Shelf 3 (firearms)' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @NoControlCharacters()
  name: string;
}
