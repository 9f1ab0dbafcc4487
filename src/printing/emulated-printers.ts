import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Dpi, mediaOf, sizeForWidth } from '../../libs/labels';
import { PrinterEmulator, ReceivedJob } from '../../printers/emulator';
import { AppConfig } from '../config/app-config';
import { CustodyError } from '../common/errors/custody-error';
import { Printer } from './printer.entity';

export interface ReceivedJobView {
  number: number;
  receivedAt: Date;
  bytes: number;
  labels: { text: string[]; barcodes: { symbology: string; data: string; from: string }[] }[];
  unknownCommands: string[];
  /** What a real printer would have printed wrong or not at all. */
  problems: string[];
}

/**
 * The demo's printers: for each registered printer on 127.0.0.1, an emulator on its port, started
 * with the server (PRINTER_EMULATORS; on by default with the demo) so labels can be printed and
 * looked at without hardware.
 */
@Injectable()
export class EmulatedPrinters implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EmulatedPrinters');
  private readonly emulators = new Map<string, PrinterEmulator>();

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.startsPrinterEmulators) return;
    const printers = await this.dataSource.manager.find(Printer, { where: [{ host: '127.0.0.1' }, { host: 'localhost' }] });
    for (const printer of printers) {
      const emulator = new PrinterEmulator({
        type: printer.type,
        port: printer.port,
        widthDots: mediaOf(sizeForWidth(printer.widthMm)!, printer.dpi as Dpi).widthDots,
      });
      try {
        await emulator.start();
        this.emulators.set(printer.id, emulator);
      } catch (error) {
        this.logger.warn(`printer "${printer.name}": port ${printer.port} is in use, so it is not emulated here (${(error as Error).message})`);
      }
    }
    if (this.emulators.size)
      this.logger.log(
        `emulating ${this.emulators.size} printer(s) on 127.0.0.1: ${[...this.emulators.values()].map((each) => `${each.type}:${each.port}`).join(', ')}`,
      );
  }

  async onApplicationShutdown(): Promise<void> {
    for (const emulator of this.emulators.values()) await emulator.stop();
  }

  received(printerId: string): ReceivedJobView[] {
    return this.emulatorOf(printerId).jobs.map(toView).reverse();
  }

  labelPng(printerId: string, number: number, label: number): Buffer {
    const job = this.emulatorOf(printerId).jobs.find((each) => each.number === number);
    const png = job?.pngs()[label - 1];
    if (!png) throw CustodyError.notFound(`label ${label} of job ${number}`);
    return png;
  }

  private emulatorOf(printerId: string): PrinterEmulator {
    const emulator = this.emulators.get(printerId);
    if (!emulator) throw CustodyError.notFound(`an emulator of printer ${printerId} on this server`);
    return emulator;
  }
}

function toView(job: ReceivedJob): ReceivedJobView {
  const decoded = job.decoded();
  return {
    number: job.number,
    receivedAt: job.receivedAt,
    bytes: job.bytes.length,
    unknownCommands: decoded.unknownCommands,
    problems: decoded.problems,
    labels: decoded.labels.map((label) => ({ text: label.text, barcodes: label.barcodes })),
  };
}
