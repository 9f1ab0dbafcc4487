import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class MoveItemDto {
  @ApiProperty({ example: 'L0000000027', description: 'Code of a location of the item’s own site (as scanned)' })
  @IsString() @MinLength(1) @MaxLength(40)
  location: string;

  @ApiPropertyOptional({ example: 'Shelf reorganisation' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(500)
  reason?: string;
}
