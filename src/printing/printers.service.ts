import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { LabelSize, sizeForWidth } from '../../libs/labels';
import { Actor } from '../auth/actor';
import { mayReadSite, siteScope } from '../custody/access';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { AppConfig } from '../config/app-config';
import { markRequestApplied } from '../idempotency/idempotency-context';
import { SitesService } from '../sites/sites.service';
import { CreatePrinterDto, PrinterQuery, UpdatePrinterDto } from './dto/printing.dto';
import { probePrinter } from './printer-connection';
import { Printer, PrinterType } from './printer.entity';

export interface PrinterView {
  id: string;
  site: string;
  name: string;
  host: string;
  port: number;
  type: PrinterType;
  widthMm: number;
  dpi: number;
  size: LabelSize;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const defaultWidth: Record<PrinterType, number> = { [PrinterType.Epson]: 80, [PrinterType.Star]: 80, [PrinterType.Zpl]: 102 };
const widthsOf: Record<PrinterType, number[]> = { [PrinterType.Epson]: [58, 80], [PrinterType.Star]: [58, 80], [PrinterType.Zpl]: [51, 102] };

@Injectable()
export class PrintersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sites: SitesService,
    private readonly config: AppConfig,
  ) {}

  async create(dto: CreatePrinterDto): Promise<PrinterView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const siteId = await this.sites.findIdByCode(dto.site, manager);
      if (!siteId) throw CustodyError.invalid('site', `names no site: "${dto.site}"`);
      const widthMm = dto.widthMm ?? defaultWidth[dto.type];
      requireWidth(dto.type, widthMm);
      await requireFreeName(manager, siteId, dto.name);
      const printer = manager.create(Printer, { siteId, name: dto.name, host: dto.host, port: dto.port ?? 9100, type: dto.type, widthMm, dpi: dto.dpi ?? 203 });
      await manager.insert(Printer, printer);
      await markRequestApplied(manager);
      return printer.id;
    });
    return this.view(await this.load(this.dataSource.manager, id));
  }

  async update(id: string, dto: UpdatePrinterDto): Promise<PrinterView> {
    await this.dataSource.transaction(async (manager) => {
      const printer = await manager.findOne(Printer, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!printer) throw CustodyError.notFound(`printer ${id}`);
      if (dto.name !== undefined && dto.name !== printer.name) await requireFreeName(manager, printer.siteId, dto.name);
      Object.assign(printer, Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)));
      // a printer that changes command language takes that language's default paper, unless told
      if (dto.type !== undefined && dto.widthMm === undefined && !widthsOf[printer.type].includes(printer.widthMm))
        printer.widthMm = defaultWidth[printer.type];
      requireWidth(printer.type, printer.widthMm);
      await manager.save(Printer, printer);
    });
    return this.view(await this.load(this.dataSource.manager, id));
  }

  async list(actor: Actor, query: PrinterQuery): Promise<PrinterView[]> {
    const siteIds = query.site !== undefined ? [(await this.sites.requireReadable(actor, query.site)).id] : siteScope(actor);
    const printers = await this.dataSource.manager.find(Printer, {
      where: siteIds ? { siteId: In(siteIds) } : {},
      relations: { site: true },
      order: { name: 'ASC' },
    });
    return printers.map((printer) => this.view(printer));
  }

  async getFor(actor: Actor, id: string): Promise<PrinterView> {
    return this.view(await this.readable(actor, id));
  }

  /** Whether the printer answers now, as the print worker would reach it. */
  async statusFor(actor: Actor, id: string): Promise<{ printer: string; reachable: boolean; latencyMs: number | null; error: string | null; checkedAt: Date }> {
    const printer = await this.readable(actor, id);
    const probe = await probePrinter(printer, this.config.printerConnectTimeoutMs);
    return { printer: printer.id, ...probe, checkedAt: new Date() };
  }

  /** A printer of a site the actor may see; any other answers 404. */
  async readable(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<Printer> {
    const printer = await manager.findOne(Printer, { where: { id }, relations: { site: true } });
    if (!printer || !mayReadSite(actor, printer.siteId)) throw CustodyError.notFound(`printer ${id}`);
    return printer;
  }

  view(printer: Printer): PrinterView {
    const { id, name, host, port, type, widthMm, dpi, disabled, createdAt, updatedAt } = printer;
    return { id, site: printer.site.code, name, host, port, type, widthMm, dpi, size: sizeForWidth(widthMm)!, disabled, createdAt, updatedAt };
  }

  private load(manager: EntityManager, id: string): Promise<Printer> {
    return manager.findOneOrFail(Printer, { where: { id }, relations: { site: true } });
  }
}

function requireWidth(type: PrinterType, widthMm: number): void {
  if (!widthsOf[type].includes(widthMm)) {
    throw CustodyError.invalid(
      'widthMm',
      type === PrinterType.Zpl ? 'must be 51 or 102 for a Zebra printer (2 or 4 inch labels)' : `must be 58 or 80 for a ${type} printer (mm rolls)`,
    );
  }
}

async function requireFreeName(manager: EntityManager, siteId: string, name: string): Promise<void> {
  if (await manager.existsBy(Printer, { siteId, name })) {
    throw new CustodyError(CustodyErrorCode.Conflict, `the site already has a printer named "${name}"`, [{ field: 'name', problem: 'is taken at this site' }]);
  }
}
