import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Optional } from '../../common/validators';

export class MoveItemDto {
  @ApiProperty({ example: 'L0000000027', description: 'Code of a location of the item’s own site (as scanned)' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  location: string;

  @ApiPropertyOptional({ example: 'Shelf reorganisation' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason?: string;
}
