import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNumber, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Optional } from '../../common/validators';

export class StartAuditDto {
  @ApiProperty({ example: 'POL-BRU' })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  site: string;

  @ApiPropertyOptional({ example: 'L0000000019', description: 'A location of the site: the audit covers it and everything below it. Absent: the whole site' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  location?: string;
}

export class StartRandomAuditDto {
  @ApiProperty({ example: 'POL-BRU' })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  site: string;

  @ApiPropertyOptional({ example: 0.95, default: 0.95, description: 'Confidence level, between 0.8 and 0.999' })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.8)
  @Max(0.999)
  confidence?: number;

  @ApiPropertyOptional({ example: 0.03, default: 0.03, description: 'Margin of error, between 0.005 and 0.2' })
  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.005)
  @Max(0.2)
  margin?: number;
}

export class AuditScansDto {
  @ApiProperty({ type: [String], example: ['I000000022X'], minItems: 1, maxItems: 5000, description: 'Item codes as scanned; scanning one twice counts once' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  items: string[];
}

export class AuditQuery {
  @ApiPropertyOptional({ example: 'POL-BRU' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  site?: string;
}
