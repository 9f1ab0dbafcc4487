import { ApiProperty } from '@nestjs/swagger';
import { CustodyEventType } from '../../../libs/custody';
import { ItemCategory, ItemStatus } from '../../../libs/custody';

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
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 17,
    description: 'Position in the whole ledger, from 1, gapless in commit order; null for about a second after the step, until the integrator gives it',
  })
  sequence: number | null;
  @ApiProperty({ example: 3, description: 'Number of the event in its item’s own chain, from 1' }) itemSequence: number;
  @ApiProperty({ enum: [1, 2], description: 'The encoding its hash was made with (docs/ledger-format.md): 1 hashed `sequence`, 2 hashes `itemSequence`' })
  format: 1 | 2;
  @ApiProperty({ enum: CustodyEventType }) type: CustodyEventType;
  @ApiProperty({ example: '2026-11-23T10:15:00.000Z' }) occurredAt: string;
  @ApiProperty({ example: 'officer', description: 'The authenticated user who did it' }) actor: string;
  @ApiProperty({ type: String, nullable: true }) site: string | null;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty({ type: String, nullable: true }) transfer: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: object;
  @ApiProperty({ description: 'SHA-256 of the RFC 8785 encoding of this event, its format and previousHash' }) hash: string;
  @ApiProperty({ type: String, nullable: true, description: 'Hash of the item’s previous event' }) previousHash: string | null;
}
