import { ApiProperty } from '@nestjs/swagger';
import { ItemDoc } from '../../items/dto/item.response';

export class SeizureDoc {
  @ApiProperty({ example: 'S0000000219' }) code: string;
  @ApiProperty({ example: 'BR.12.LL.123456/2026' }) caseNumber: string;
  @ApiProperty() seizedAt: Date;
  @ApiProperty({ type: String, nullable: true }) seizingUnit: string | null;
  @ApiProperty({ type: String, nullable: true }) legalReference: string | null;
  @ApiProperty({ example: 'POL-BRU' }) site: string;
  @ApiProperty({ example: 'officer' }) registeredBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: [ItemDoc] }) items: ItemDoc[];
}
