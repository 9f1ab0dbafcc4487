import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { WitnessDto } from '../../auth/witness';
import { PageQuery } from '../../common/pagination';
import { TransferStatus } from '../transfer.entity';
import { Optional, NoControlCharacters } from '../../common/validators';

export const maxItemsPerTransfer = 5000;

export class CreateTransferDto {
  @ApiProperty({ example: 'TPI-BRU', description: 'Code of the receiving site' })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  toSite: string;

  @ApiPropertyOptional({ example: 'POL-BRU', description: 'Code of the sending site; needed only when you work at several sites' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  fromSite?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['I000000022X'],
    maxItems: maxItemsPerTransfer,
    description: 'Item codes, as scanned; more can be added while it is a draft',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(maxItemsPerTransfer)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  items?: string[];

  @ApiPropertyOptional({ example: 'For the hearing of 12 December', maxLength: 500 })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @NoControlCharacters()
  purpose?: string;
}

export class TransferItemsDto {
  @ApiProperty({ type: [String], example: ['I000000022X'], minItems: 1, maxItems: maxItemsPerTransfer })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(maxItemsPerTransfer)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  items: string[];
}

export class DispatchTransferDto {
  @ApiPropertyOptional({
    type: WitnessDto,
    description: 'Required when the manifest holds drugs, cash, firearms or valuables: a second person of the sending site',
  })
  @Optional()
  @ValidateNested()
  @Type(() => WitnessDto)
  witness?: WitnessDto;
}

class ReceiptLineDoc {
  @ApiProperty({ example: 'I000000022X' }) code: string;
  @ApiPropertyOptional({ default: true, description: 'false when the seal is damaged or broken' }) sealIntact?: boolean;
  @ApiPropertyOptional({ example: 'Seal torn at the top', description: 'Required when sealIntact is false' }) note?: string;
}

export class ReceiptDto {
  @ApiProperty({
    description: 'What was scanned: item codes, or `{code, sealIntact, note}` to report a seal',
    type: 'array',
    minItems: 1,
    maxItems: maxItemsPerTransfer,
    items: { oneOf: [{ type: 'string', example: 'I000000022X' }, { $ref: '#/components/schemas/ReceiptLineDoc' }] },
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(maxItemsPerTransfer)
  items: unknown[];
}
export { ReceiptLineDoc };

export const transferDirections = ['incoming', 'outgoing'] as const;
export const transferSorts = ['-createdAt', 'createdAt', '-dispatchedAt', 'dispatchedAt'] as const;

export class TransferQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Site code: transfers from or to it', example: 'TPI-BRU' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  site?: string;

  @ApiPropertyOptional({ enum: transferDirections, description: 'incoming: addressed to the site (or your sites); outgoing: sent from it' })
  @Optional()
  @IsIn(transferDirections, { message: `must be one of ${transferDirections.join(', ')}` })
  direction?: (typeof transferDirections)[number];

  @ApiPropertyOptional({ enum: TransferStatus })
  @Optional()
  @IsIn(Object.values(TransferStatus), { message: `must be one of ${Object.values(TransferStatus).join(', ')}` })
  status?: TransferStatus;

  @ApiPropertyOptional({ enum: transferSorts, default: '-createdAt' })
  @Optional()
  @IsIn(transferSorts, { message: `must be one of ${transferSorts.join(', ')}` })
  sort: (typeof transferSorts)[number] = '-createdAt';
}
