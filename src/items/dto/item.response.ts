import { ApiProperty } from '@nestjs/swagger';
import { CustodyEventType } from '../../custody/custody-event.entity';
import { ItemCategory, ItemStatus } from '../item-status';

export class ItemDoc {
  @ApiProperty({ example: 'I000000022X' }) code: string;
  @ApiProperty({ enum: ItemStatus }) status: ItemStatus;
  @ApiProperty({ enum: ItemCategory }) category: ItemCategory;
  @ApiProperty({ example: 'Sachet of white powder' }) description: string;
  @ApiProperty({ example: 12.5 }) quantity: number;
  @ApiProperty({ example: 'g' }) unit: string;
  @ApiProperty({ type: String, nullable: true }) sealNumber: string | null;
  @ApiProperty({ description: 'A receipt reported its seal damaged and it has not been resealed' }) sealDamaged: boolean;
  @ApiProperty({ example: 'POL-BRU', description: 'Site the item is at (or was sent from, while in transit)' }) site: string;
  @ApiProperty({ type: String, nullable: true, description: 'Location code at its site' }) location: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Transfer code while in transit' }) transfer: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Person it is checked out to' }) custodian: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Item a sample was taken from' }) parent: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2027-02-23', description: 'Date it is due for review' }) reviewOn: string | null;
  @ApiProperty({ example: 'S0000000219' }) seizure: string;
  @ApiProperty({ example: 'BR.12.LL.123456/2026' }) caseNumber: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class HistoryEntryDoc {
  @ApiProperty({ example: 17, description: 'Position in the whole ledger, gapless in commit order' }) sequence: number;
  @ApiProperty({ enum: CustodyEventType }) type: CustodyEventType;
  @ApiProperty({ example: '2026-11-23T10:15:00.000Z' }) occurredAt: string;
  @ApiProperty({ example: 'officer', description: 'The authenticated user who did it' }) actor: string;
  @ApiProperty({ type: String, nullable: true }) site: string | null;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ type: String, nullable: true }) transfer: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: object;
  @ApiProperty({ description: 'SHA-256 of the RFC 8785 encoding of this event and previousHash' }) hash: string;
  @ApiProperty({ type: String, nullable: true, description: 'Hash of the item’s previous event' }) previousHash: string | null;
}
