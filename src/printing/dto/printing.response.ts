import { ApiProperty } from '@nestjs/swagger';
import { LabelSize } from '../../../libs/labels';
import { PrintJobStatus } from '../print-job.entity';
import { PrinterType } from '../printer.entity';

export class PrinterDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'POL-BRU' }) site: string;
  @ApiProperty({ example: 'Evidence desk' }) name: string;
  @ApiProperty({ example: '10.12.0.31' }) host: string;
  @ApiProperty({ example: 9100 }) port: number;
  @ApiProperty({ enum: PrinterType }) type: PrinterType;
  @ApiProperty({ example: 80 }) widthMm: number;
  @ApiProperty({ example: 203 }) dpi: number;
  @ApiProperty({ enum: LabelSize, description: 'The paper its labels are laid out for' }) size: LabelSize;
  @ApiProperty() disabled: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class PrinterStatusDoc {
  @ApiProperty({ format: 'uuid' }) printer: string;
  @ApiProperty({ description: 'Whether it accepted a connection just now' }) reachable: boolean;
  @ApiProperty({ type: Number, nullable: true }) latencyMs: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'the printer at 10.12.0.31:9100 refused the connection (is it switched on?)' }) error: string | null;
  @ApiProperty() checkedAt: Date;
}

class ReceivedLabelDoc {
  @ApiProperty({ type: [String] }) text: string[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', properties: { symbology: { type: 'string' }, data: { type: 'string' }, from: { type: 'string', enum: ['command', 'raster'] } } },
  })
  barcodes: { symbology: string; data: string; from: string }[];
}

export class ReceivedJobDoc {
  @ApiProperty() number: number;
  @ApiProperty() receivedAt: Date;
  @ApiProperty() bytes: number;
  @ApiProperty({ type: [ReceivedLabelDoc] }) labels: ReceivedLabelDoc[];
  @ApiProperty({ type: [String] }) unknownCommands: string[];
}

export class PrintJobDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PrintJobStatus }) status: PrintJobStatus;
  @ApiProperty({ format: 'uuid' }) printer: string;
  @ApiProperty() printerName: string;
  @ApiProperty({ example: 'POL-BRU' }) site: string;
  @ApiProperty({ type: [String] }) codes: string[];
  @ApiProperty() copies: number;
  @ApiProperty({ description: 'Attempts to send it so far' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed' }) error: string | null;
  @ApiProperty({ type: Number, nullable: true }) bytesSent: number | null;
  @ApiProperty() requestedBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ type: Date, nullable: true }) printedAt: Date | null;
}
