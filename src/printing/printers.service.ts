import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { BlockList } from 'node:net';
import { DataSource, EntityManager, In } from 'typeorm';
import { LabelSize, sizeForWidth } from '../../libs/labels';
import { Actor } from '../auth/actor';
import { mayReadSite, siteScope } from '../custody/access';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { AppConfig } from '../config/app-config';
import { markRequestApplied } from '../idempotency/idempotency-context';
import { SitesService } from '../sites/sites.service';
import { CreatePrinterDto, PrinterQuery, UpdatePrinterDto } from './dto/printing.dto';
import { PrinterState, stateErrorCode } from '../../printers/status';
import { allowedAddressOf, PrinterProblem, printerNetworks, probePrinter, targetOf } from './printer-connection';
import { Printer, PrinterConfirmation, PrinterType } from './printer.entity';

export interface PrinterStatusView {
  printer: string;
  /** Whether it took a connection just now. */
  reachable: boolean;
  state: PrinterState;
  /** The stable code a print job would fail with in this state (PRINTER_PAPER_OUT…); null when ready. */
  errorCode: string | null;
  error: string | null;
  latencyMs: number | null;
  checkedAt: Date;
}

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
  confirmation: PrinterConfirmation;
  /** What the printer was last seen to be, by a print job or a status check (ready, paper_out, unreachable…); null before either. */
  lastState: string | null;
  lastStateAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const defaultWidth: Record<PrinterType, number> = { [PrinterType.Epson]: 80, [PrinterType.Star]: 80, [PrinterType.Zpl]: 102 };
const widthsOf: Record<PrinterType, number[]> = { [PrinterType.Epson]: [58, 80], [PrinterType.Star]: [58, 80], [PrinterType.Zpl]: [51, 102] };

@Injectable()
export class PrintersService {
  private readonly networks: BlockList;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sites: SitesService,
    private readonly config: AppConfig,
  ) {
    this.networks = printerNetworks(config.printerNetworks);
  }

  async create(dto: CreatePrinterDto): Promise<PrinterView> {
    await this.requireAllowedHost(dto.host);
    const id = await this.dataSource.transaction(async (manager) => {
      const siteId = await this.sites.findIdByCode(dto.site, manager);
      if (!siteId) throw CustodyError.invalid('site', `names no site: "${dto.site}"`);
      const widthMm = dto.widthMm ?? defaultWidth[dto.type];
      requireWidth(dto.type, widthMm);
      await requireFreeName(manager, siteId, dto.name);
      const printer = manager.create(Printer, {
        siteId,
        name: dto.name,
        host: dto.host,
        port: dto.port ?? 9100,
        type: dto.type,
        widthMm,
        dpi: dto.dpi ?? 203,
        confirmation: dto.confirmation ?? PrinterConfirmation.Status,
      });
      await manager.insert(Printer, printer);
      await markRequestApplied(manager);
      return printer.id;
    });
    return this.view(await this.load(this.dataSource.manager, id));
  }

  async update(id: string, dto: UpdatePrinterDto): Promise<PrinterView> {
    if (dto.host !== undefined) await this.requireAllowedHost(dto.host);
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

  /**
   * Asks the printer for its status now, as the print worker would reach it (administrators), and
   * keeps the answer as its last known state, which everyone sees with the printer.
   */
  async checkStatus(id: string): Promise<PrinterStatusView> {
    const printer = await this.dataSource.manager.findOneBy(Printer, { id });
    if (!printer) throw CustodyError.notFound(`printer ${id}`);
    const probe = await probePrinter(targetOf(printer), {
      connectTimeoutMs: this.config.printerConnectTimeoutMs,
      idleTimeoutMs: this.config.printerIdleTimeoutMs,
      networks: this.networks,
    });
    // an UPDATE … RETURNING answers [rows, count]
    const [[{ checkedAt }]] = (await this.dataSource.query(
      `UPDATE printers SET last_state = $2, last_state_at = now() WHERE id = $1 RETURNING last_state_at AS "checkedAt"`,
      [printer.id, probe.state],
    )) as [{ checkedAt: Date }[], number];
    const ready = probe.state === PrinterState.Ready;
    return {
      printer: printer.id,
      reachable: ![PrinterState.Unreachable, PrinterState.NotAllowed].includes(probe.state),
      state: probe.state,
      errorCode: ready ? null : stateErrorCode(probe.state),
      error: ready ? null : probe.detail,
      latencyMs: probe.latencyMs,
      checkedAt,
    };
  }

  /** A printer's address must be on PRINTER_NETWORKS: an IP address there, or a host name whose every address is. */
  private async requireAllowedHost(host: string): Promise<void> {
    try {
      await allowedAddressOf(host, this.networks);
    } catch (error) {
      if (!(error instanceof PrinterProblem)) throw error;
      throw CustodyError.invalid(
        'host',
        error.state === PrinterState.NotAllowed ? 'is outside the networks printers may be on (PRINTER_NETWORKS)' : 'is a host name that is not known',
      );
    }
  }

  /** A printer of a site the actor may see; any other answers 404. */
  async readable(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<Printer> {
    const printer = await manager.findOne(Printer, { where: { id }, relations: { site: true } });
    if (!printer || !mayReadSite(actor, printer.siteId)) throw CustodyError.notFound(`printer ${id}`);
    return printer;
  }

  view(printer: Printer): PrinterView {
    const { id, name, host, port, type, widthMm, dpi, disabled, confirmation, lastState, lastStateAt, createdAt, updatedAt } = printer;
    return {
      id,
      site: printer.site.code,
      name,
      host,
      port,
      type,
      widthMm,
      dpi,
      size: sizeForWidth(widthMm)!,
      disabled,
      confirmation,
      lastState,
      lastStateAt,
      createdAt,
      updatedAt,
    };
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
