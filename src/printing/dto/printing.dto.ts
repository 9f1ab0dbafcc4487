import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { dpis, LabelSize } from '../../../libs/labels';
import { PageQuery } from '../../common/pagination';
import { PrintJobStatus } from '../print-job.entity';
import { PrinterConfirmation, PrinterType } from '../printer.entity';
import { Optional, NoControlCharacters } from '../../common/validators';

const hostPattern = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\[?[0-9A-Fa-f:.]+\]?$/;
export const printerWidths = [58, 80, 51, 102] as const;

export class CreatePrinterDto {
  @ApiProperty({ example: 'POL-BRU', description: 'Code of the site the printer stands at' })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  site: string;

  @ApiProperty({ example: 'Evidence desk' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @NoControlCharacters()
  name: string;

  @ApiProperty({ example: '10.12.0.31', description: 'Host name or IP address' })
  @IsString()
  @Matches(hostPattern, { message: 'must be a host name or an IP address' })
  host: string;

  @ApiPropertyOptional({ example: 9100, default: 9100 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @ApiProperty({
    enum: PrinterType,
    description:
      'epson and star speak ESC/POS (receipt rolls); zpl is a Zebra label printer. Other node-thermal-printer types drop barcode commands and are refused.',
  })
  @IsEnum(PrinterType, { message: `must be one of ${Object.values(PrinterType).join(', ')}` })
  type: PrinterType;

  @ApiPropertyOptional({
    enum: printerWidths,
    description: 'Paper: 58 or 80 mm rolls (epson, star; default 80), 51 or 102 mm = 2 or 4 inch labels (zpl; default 102)',
  })
  @Optional()
  @IsIn(printerWidths, { message: 'must be 58 or 80 (mm rolls) or 51 or 102 (2 and 4 inch labels)' })
  widthMm?: number;

  @ApiPropertyOptional({ enum: dpis, default: 203 })
  @Optional()
  @IsIn(dpis, { message: 'must be 203 or 300' })
  dpi?: number;

  @ApiPropertyOptional({
    enum: PrinterConfirmation,
    default: PrinterConfirmation.Status,
    description:
      'status: a job is printed when the printer answers its status request "ready"; send: for a printer that cannot answer, its jobs end "sent" (not confirmed)',
  })
  @Optional()
  @IsEnum(PrinterConfirmation, { message: `must be one of ${Object.values(PrinterConfirmation).join(', ')}` })
  confirmation?: PrinterConfirmation;
}

export class UpdatePrinterDto {
  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @NoControlCharacters()
  name?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsString()
  @Matches(hostPattern, { message: 'must be a host name or an IP address' })
  host?: string;

  @ApiPropertyOptional()
  @Optional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @ApiPropertyOptional({ enum: PrinterType })
  @Optional()
  @IsEnum(PrinterType, { message: `must be one of ${Object.values(PrinterType).join(', ')}` })
  type?: PrinterType;

  @ApiPropertyOptional({ enum: printerWidths })
  @Optional()
  @IsIn(printerWidths, { message: 'must be 58 or 80 (mm rolls) or 51 or 102 (2 and 4 inch labels)' })
  widthMm?: number;

  @ApiPropertyOptional({ enum: dpis })
  @Optional()
  @IsIn(dpis, { message: 'must be 203 or 300' })
  dpi?: number;

  @ApiPropertyOptional({ enum: PrinterConfirmation })
  @Optional()
  @IsEnum(PrinterConfirmation, { message: `must be one of ${Object.values(PrinterConfirmation).join(', ')}` })
  confirmation?: PrinterConfirmation;

  @ApiPropertyOptional({ description: 'A disabled printer takes no new jobs' })
  @Optional()
  @IsBoolean()
  disabled?: boolean;
}

export class PrinterQuery {
  @ApiPropertyOptional({ example: 'POL-BRU' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  site?: string;
}

export const maxCodesPerJob = 1000;

export class CreatePrintJobDto {
  @ApiProperty({ format: 'uuid', description: 'The printer, one of your site’s' })
  @IsUUID('all', { message: 'must be the UUID of a printer' })
  printer: string;

  @ApiProperty({
    type: [String],
    example: ['I000000022X'],
    description: 'Item, location or transfer codes; each prints a label',
    minItems: 1,
    maxItems: maxCodesPerJob,
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(maxCodesPerJob)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  codes: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 20, default: 1 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(20)
  copies?: number;
}

export class PrintJobQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @Optional()
  @IsUUID('all', { message: 'must be the UUID of a printer' })
  printer?: string;

  @ApiPropertyOptional({ enum: PrintJobStatus })
  @Optional()
  @IsEnum(PrintJobStatus, { message: `must be one of ${Object.values(PrintJobStatus).join(', ')}` })
  status?: PrintJobStatus;
}

export class LabelPreviewQuery {
  @ApiPropertyOptional({ enum: LabelSize, default: LabelSize.Label4x2 })
  @Optional()
  @IsEnum(LabelSize, { message: `must be one of ${Object.values(LabelSize).join(', ')}` })
  size?: LabelSize;

  @ApiPropertyOptional({ enum: dpis, default: 203 })
  @Optional()
  @Type(() => Number)
  @IsIn(dpis, { message: 'must be 203 or 300' })
  dpi?: number;
}
