import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { WitnessDto } from '../../auth/witness';
import { Optional, IsPastDateTime, IsQuantity, NoControlCharacters } from '../../common/validators';
import { ItemCategory } from '../../../libs/custody';
import { DispositionKind } from '../disposition.entity';

const isoDate = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CheckoutDto {
  @ApiProperty({ example: 'Me Dubois, counsel for the defence', description: 'The named person who takes it' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  person: string;

  @ApiProperty({ example: 'Hearing of 12 December, chamber 3' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @NoControlCharacters()
  purpose: string;

  @ApiProperty({ example: '2026-12-12', description: 'The date it is due back, YYYY-MM-DD' })
  @IsString()
  @Matches(isoDate, { message: 'must be a date like 2026-12-12' })
  expectedReturn: string;

  @ApiPropertyOptional({ type: WitnessDto, description: 'Required for high-risk items: a second person of the site' })
  @Optional()
  @ValidateNested()
  @Type(() => WitnessDto)
  witness?: WitnessDto;
}

export class CheckinDto {
  @ApiPropertyOptional({ example: 'L0000000019', description: 'Where it is put back; else it is at the site with no location' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  location?: string;
}

export class SampleDto {
  @ApiProperty({ example: 'Sample of 1.2 g for analysis' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  @NoControlCharacters()
  description: string;

  @ApiProperty({ example: 1.2 })
  @IsQuantity()
  @Min(0.001)
  @Max(99_999_999_999)
  quantity: number;

  @ApiProperty({ example: 'g' })
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  @NoControlCharacters()
  unit: string;

  @ApiPropertyOptional({ example: 'SEAL-S-0042' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @NoControlCharacters()
  sealNumber?: string;

  @ApiPropertyOptional({ enum: ItemCategory, description: 'Defaults to the parent’s' })
  @Optional()
  @IsEnum(ItemCategory, { message: `must be one of ${Object.values(ItemCategory).join(', ')}` })
  category?: ItemCategory;

  @ApiPropertyOptional({ type: WitnessDto, description: 'Required for high-risk items: taking a sample opens the seal' })
  @Optional()
  @ValidateNested()
  @Type(() => WitnessDto)
  witness?: WitnessDto;
}

export class SealDto {
  @ApiProperty({ example: 'SEAL-0042118' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @NoControlCharacters()
  newSealNumber: string;

  @ApiProperty({ example: 'Opened for counting before the hearing' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  @NoControlCharacters()
  reason: string;

  @ApiPropertyOptional({ type: WitnessDto })
  @Optional()
  @ValidateNested()
  @Type(() => WitnessDto)
  witness?: WitnessDto;
}

export class DispositionDto {
  @ApiProperty({ enum: DispositionKind })
  @IsEnum(DispositionKind, { message: `must be one of ${Object.values(DispositionKind).join(', ')}` })
  kind: DispositionKind;

  @ApiProperty({ example: 'Ordonnance du juge d’instruction 2026/1234', description: 'The decision that authorises it' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @NoControlCharacters()
  authority: string;

  @ApiProperty({ example: '2026-11-20T10:00:00+01:00', description: 'When it was decided; not in the future' })
  @IsString()
  @IsPastDateTime()
  decidedAt: string;

  @ApiPropertyOptional({ type: WitnessDto, description: 'Required to destroy, and for high-risk items' })
  @Optional()
  @ValidateNested()
  @Type(() => WitnessDto)
  witness?: WitnessDto;
}

export class ReviewDto {
  @ApiProperty({ type: String, nullable: true, example: '2027-02-20', description: 'The date it is due for review, or null to clear it' })
  @ValidateIf((dto: ReviewDto) => dto.reviewOn !== null)
  @IsString()
  @Matches(isoDate, { message: 'must be a date like 2027-02-20, or null' })
  reviewOn: string | null;
}

export class CheckoutQuery {
  @ApiPropertyOptional({ example: 'TPI-BRU' })
  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(20)
  site?: string;

  @ApiPropertyOptional({ description: 'Only those past their expected return' })
  @Optional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}
