import { ApiProperty } from '@nestjs/swagger';

export class CheckoutDoc {
  @ApiProperty({ example: 'I000000022X' }) item: string;
  @ApiProperty({ example: 'TPI-BRU' }) site: string;
  @ApiProperty() person: string;
  @ApiProperty() purpose: string;
  @ApiProperty({ example: '2026-12-12' }) expectedReturn: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty() checkedOutAt: Date;
  @ApiProperty() checkedOutBy: string;
  @ApiProperty({ type: String, nullable: true }) witness: string | null;
}
