import { ApiProperty } from '@nestjs/swagger';
import { TransferItemState } from '../../../libs/transfers';
import { ItemCategory } from '../../../libs/custody';
import { TransferStatus } from '../transfer.entity';

export class TransferLineDoc {
  @ApiProperty({ example: 'I000000022X' }) code: string;
  @ApiProperty({ enum: TransferItemState }) state: TransferItemState;
  @ApiProperty({ enum: ItemCategory }) category: ItemCategory;
  @ApiProperty() description: string;
  @ApiProperty({ example: 1 }) quantity: number;
  @ApiProperty({ example: 'piece' }) unit: string;
  @ApiProperty({ type: String, nullable: true }) sealNumber: string | null;
  @ApiProperty() caseNumber: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'As seen at receipt; null before' }) sealIntact: boolean | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: Date, nullable: true }) receivedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) receivedBy: string | null;
}

class TransferCountsDoc {
  @ApiProperty() items: number;
  @ApiProperty() inTransit: number;
  @ApiProperty() received: number;
  @ApiProperty() missing: number;
  @ApiProperty() damaged: number;
  @ApiProperty() unexpected: number;
}

class DamagedDoc {
  @ApiProperty() code: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

export class TransferSummaryDoc {
  @ApiProperty({ example: 'T0000000310' }) code: string;
  @ApiProperty({ enum: TransferStatus }) status: TransferStatus;
  @ApiProperty({ example: 'POL-BRU' }) fromSite: string;
  @ApiProperty({ example: 'TPI-BRU' }) toSite: string;
  @ApiProperty({ type: String, nullable: true }) purpose: string | null;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: String, nullable: true }) dispatchedBy: string | null;
  @ApiProperty({ type: Date, nullable: true }) dispatchedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'Second person at dispatch (two-person rule)' }) witness: string | null;
  @ApiProperty({ type: String, nullable: true }) closedBy: string | null;
  @ApiProperty({ type: Date, nullable: true }) closedAt: Date | null;
  @ApiProperty({ type: String, nullable: true }) cancelledBy: string | null;
  @ApiProperty({ type: Date, nullable: true }) cancelledAt: Date | null;
  @ApiProperty({ type: TransferCountsDoc }) counts: TransferCountsDoc;
}

export class TransferDoc extends TransferSummaryDoc {
  @ApiProperty({ type: [TransferLineDoc] }) items: TransferLineDoc[];
  @ApiProperty({ type: [String], description: 'Items not received when the transfer was closed' }) missing: string[];
  @ApiProperty({ type: [DamagedDoc], description: 'Items received with a damaged seal' }) damaged: DamagedDoc[];
  @ApiProperty({ type: [String], description: 'Codes scanned at receipt that are not on the manifest' }) unexpected: string[];
}

export class ReceiptResultDoc {
  @ApiProperty({ example: 'T0000000310' }) transfer: string;
  @ApiProperty({ enum: TransferStatus, description: '`closed` once every item arrived with its seal intact' }) status: TransferStatus;
  @ApiProperty({ type: [String], description: 'Received by this request' }) received: string[];
  @ApiProperty({ type: [String], description: 'Scanned before: nothing changed' }) alreadyReceived: string[];
  @ApiProperty({ type: [String], description: 'Not on the manifest: nothing changed' }) unexpected: string[];
  @ApiProperty({ type: [String], description: 'Received by this request with a damaged seal' }) damaged: string[];
  @ApiProperty({ description: 'Items of the manifest still expected' }) outstanding: number;
}
