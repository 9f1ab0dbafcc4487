import { ApiProperty } from '@nestjs/swagger';
import { AuditKind, AuditStatus } from '../audit.entity';

export class AuditReportDoc {
  @ApiProperty({ type: [String], description: 'Scanned, and recorded where they were found (each got an `audited` event)' }) found: string[];
  @ApiProperty({ type: [String], description: 'Scanned here, but recorded at another location of the site' }) misplaced: string[];
  @ApiProperty({ type: [String], description: 'Expected, not scanned' }) missing: string[];
  @ApiProperty({ type: [String], description: 'Unknown codes, or items of another site, in transit, checked out or disposed' }) unexpected: string[];
}

export class FinishedAuditDoc extends AuditReportDoc {
  @ApiProperty({ format: 'uuid' }) audit: string;
}

export class AuditDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: AuditKind }) kind: AuditKind;
  @ApiProperty({ enum: AuditStatus }) status: AuditStatus;
  @ApiProperty({ example: 'POL-BRU' }) site: string;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
  @ApiProperty() startedBy: string;
  @ApiProperty() startedAt: Date;
  @ApiProperty({ type: String, nullable: true }) finishedBy: string | null;
  @ApiProperty({ type: Date, nullable: true }) finishedAt: Date | null;
  @ApiProperty({ description: 'Items expected when it began (or drawn)' }) expected: number;
  @ApiProperty({ description: 'Codes scanned so far' }) scanned: number;
  @ApiProperty({ type: Number, nullable: true }) population: number | null;
  @ApiProperty({ type: Number, nullable: true }) sampleSize: number | null;
  @ApiProperty({ type: AuditReportDoc, nullable: true }) report: AuditReportDoc | null;
}

export class RandomAuditDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Items in custody at the site' }) population: number;
  @ApiProperty({ example: 965 }) sampleSize: number;
  @ApiProperty({ example: 0.95 }) confidence: number;
  @ApiProperty({ example: 0.03 }) margin: number;
  @ApiProperty({ type: [String], description: 'The items drawn, to be found and scanned' }) items: string[];
}

export class AuditScanResultDoc {
  @ApiProperty({ format: 'uuid' }) audit: string;
  @ApiProperty({ description: 'Codes new to this audit' }) added: number;
  @ApiProperty({ type: [String] }) alreadyScanned: string[];
  @ApiProperty({ description: 'Codes scanned in this audit so far' }) scanned: number;
}

export class MisplacedMovesDoc {
  @ApiProperty({ format: 'uuid' }) audit: string;
  @ApiProperty({ type: [String] }) moved: string[];
}
