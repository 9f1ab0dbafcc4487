import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Optional, IsPastDateTime, IsQuantity, NoControlCharacters } from '../../common/validators';
import { ItemCategory } from '../../../libs/custody';

export const maxItemsPerSeizure = 500;

export class SeizedItemDto {
  @ApiProperty({ enum: ItemCategory })
  @IsEnum(ItemCategory, { message: `must be one of ${Object.values(ItemCategory).join(', ')}` })
  category: ItemCategory;

  @ApiProperty({ example: 'Sachet of white powder, sealed', maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @NoControlCharacters()
  description: string;

  @ApiProperty({ example: 12.5, description: 'Greater than 0, at most three decimals' })
  @IsQuantity()
  @Min(0.001)
  @Max(99_999_999_999)
  quantity: number;

  @ApiProperty({ example: 'g', description: 'piece, g, kg, ml, EUR…' })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  @NoControlCharacters()
  unit: string;

  @ApiPropertyOptional({ example: 'SEAL-0042117' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @NoControlCharacters()
  sealNumber?: string;
}

export class CreateSeizureDto {
  @ApiProperty({ example: 'POL-BRU', description: 'Code of the site that registers the seizure' })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  site: string;

  @ApiProperty({ example: 'BR.12.LL.123456/2026', description: 'The case reference: the police report (PV) number' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 ./_-]{0,63}$/, {
    message: 'must be 1 to 64 letters, digits, spaces, dots, slashes, dashes or underscores, starting with a letter or digit',
  })
  caseNumber: string;

  @ApiProperty({ example: '2026-11-23T14:30:00+01:00', description: 'When the items were seized; not in the future' })
  @IsString()
  @IsPastDateTime()
  seizedAt: string;

  @ApiPropertyOptional({ example: 'Brigade des stupéfiants' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  seizingUnit?: string;

  @ApiPropertyOptional({ example: 'Art. 35 Code d’instruction criminelle' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  legalReference?: string;

  @ApiProperty({ type: [SeizedItemDto], minItems: 1, maxItems: maxItemsPerSeizure })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(maxItemsPerSeizure)
  @ValidateNested({ each: true })
  @Type(() => SeizedItemDto)
  items: SeizedItemDto[];
}
