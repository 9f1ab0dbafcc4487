import { ApiProperty } from '@nestjs/swagger';
import { LocationKind } from '../location.entity';

export class LocationDoc {
  @ApiProperty({ example: 'L0000000026', description: 'Barcode of the location' }) code: string;
  @ApiProperty({ example: 'Shelf A' }) name: string;
  @ApiProperty({ enum: LocationKind }) kind: LocationKind;
  @ApiProperty({ example: 'POL-BRU' }) site: string;
  @ApiProperty({ type: String, nullable: true, example: 'L0000000018' }) parent: string | null;
  @ApiProperty({ example: 'Evidence room › Shelf A' }) path: string;
}

export class LocationNodeDoc {
  @ApiProperty({ example: 'L0000000018' }) code: string;
  @ApiProperty({ example: 'Evidence room' }) name: string;
  @ApiProperty({ enum: LocationKind }) kind: LocationKind;
  @ApiProperty({ type: () => [LocationNodeDoc] }) children: LocationNodeDoc[];
}
