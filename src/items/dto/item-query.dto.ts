import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { ItemCategory, ItemStatus } from '../../../libs/custody';
import { Optional } from '../../common/validators';

export const itemSorts = ['createdAt', '-createdAt', 'code', '-code', 'caseNumber', '-caseNumber', 'category', '-category', 'status', '-status'] as const;

export class ItemQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Case reference, exactly', example: 'BR.12.LL.123456/2026' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  caseNumber?: string;

  @ApiPropertyOptional({ description: 'Site code', example: 'POL-BRU' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  site?: string;

  @ApiPropertyOptional({ enum: ItemStatus })
  @Optional()
  @IsEnum(ItemStatus, { message: `must be one of ${Object.values(ItemStatus).join(', ')}` })
  status?: ItemStatus;

  @ApiPropertyOptional({ enum: ItemCategory })
  @Optional()
  @IsEnum(ItemCategory, { message: `must be one of ${Object.values(ItemCategory).join(', ')}` })
  category?: ItemCategory;

  @ApiPropertyOptional({ description: 'Location code: items there or anywhere below it' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  location?: string;

  @ApiPropertyOptional({ description: 'true: only items whose review date has come (today or earlier)' })
  @Optional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  reviewDue?: boolean;

  @ApiPropertyOptional({ enum: itemSorts, default: '-createdAt' })
  @Optional()
  @IsIn(itemSorts)
  sort: (typeof itemSorts)[number] = '-createdAt';
}
