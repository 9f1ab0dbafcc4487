import { ApiProperty } from '@nestjs/swagger';
import { LabelSize } from '../../../libs/labels';
import { PrintJobStatus } from '../print-job.entity';
import { PrinterState } from '../../../printers/status';
import { PrinterConfirmation, PrinterType } from '../printer.entity';

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
  @ApiProperty({ enum: PrinterConfirmation, description: 'status: jobs are printed when the printer answers "ready"; send: jobs end "sent" (not confirmed)' })
  confirmation: PrinterConfirmation;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: [...Object.values(PrinterState), null],
    description: 'What the printer was last seen to be, by a print job or a status check; null before either',
  })
  lastState: PrinterState | null;
  @ApiProperty({ type: Date, nullable: true }) lastStateAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class PrinterStatusDoc {
  @ApiProperty({ format: 'uuid' }) printer: string;
  @ApiProperty({ description: 'Whether it accepted a connection just now' }) reachable: boolean;
  @ApiProperty({ enum: PrinterState, description: 'What its status answer says (ready, paper_out, cover_open, head_open, paused, error…)' })
  state: PrinterState;
  @ApiProperty({ type: String, nullable: true, example: 'PRINTER_PAPER_OUT', description: 'The code a print job would fail with; null when ready' })
  errorCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'the printer at 10.12.0.31:9100 refused the connection (is it switched on?)' }) error: string | null;
  @ApiProperty({ type: Number, nullable: true }) latencyMs: number | null;
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
  @ApiProperty({ type: [String], description: 'What a real printer would have printed wrong or not at all (a barcode wider than the print area…)' })
  problems: string[];
}

export class PrintJobDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PrintJobStatus, description: '`sent`: taken by a printer that confirms on send, not confirmed' }) status: PrintJobStatus;
  @ApiProperty({ format: 'uuid' }) printer: string;
  @ApiProperty() printerName: string;
  @ApiProperty({ example: 'POL-BRU' }) site: string;
  @ApiProperty({ type: [String] }) codes: string[];
  @ApiProperty() copies: number;
  @ApiProperty({ description: 'Attempts to send it so far' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why the last attempt failed, while retried or once failed; null once printed' }) error:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'PRINTER_UNREACHABLE',
    description:
      'The same as a stable code: PRINTER_UNREACHABLE, PRINTER_NOT_ANSWERING, PRINTER_BAD_ANSWER, PRINTER_CONNECTION_LOST, PRINTER_NOT_ALLOWED, PRINTER_PAPER_OUT, PRINTER_COVER_OPEN, PRINTER_HEAD_OPEN, PRINTER_PAUSED, PRINTER_ERROR, PRINTER_DISABLED, LABEL_DOES_NOT_FIT, LABEL_NOT_DRAWN',
  })
  errorCode: string | null;
  @ApiProperty({ type: Number, nullable: true }) bytesSent: number | null;
  @ApiProperty() requestedBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ type: Date, nullable: true }) printedAt: Date | null;
}
