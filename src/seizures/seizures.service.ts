import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CodeKind } from '../../libs/codes';
import { Actor, canReadSite } from '../auth/actor';
import { canActAt, SiteAction } from '../auth/permissions';
import { nextCodes } from '../common/barcode-numbers';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { requireCode } from '../common/scanned-code';
import { CustodyEventType } from '../custody/custody-event.entity';
import { CustodyLedger } from '../custody/custody-ledger.service';
import { markRequestApplied } from '../idempotency/idempotency-context';
import { ItemStatus } from '../items/item-status';
import { Item } from '../items/item.entity';
import { ItemView, selectItemRows, toItemView } from '../items/item-views';
import { Site } from '../sites/site.entity';
import { SitesService } from '../sites/sites.service';
import { CreateSeizureDto } from './dto/create-seizure.dto';
import { Seizure } from './seizure.entity';

export interface SeizureView {
  code: string;
  caseNumber: string;
  seizedAt: Date;
  seizingUnit: string | null;
  legalReference: string | null;
  site: string;
  registeredBy: string;
  createdAt: Date;
  items: ItemView[];
}

// Rows per INSERT of items, well under PostgreSQL's 65,535 parameters.
const insertBatch = 2000;

@Injectable()
export class SeizuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: CustodyLedger,
    private readonly sites: SitesService,
  ) {}

  /** Registers a seizure and all its items, each with its `seized` event, all or nothing. */
  async register(actor: Actor, dto: CreateSeizureDto): Promise<SeizureView> {
    const [code] = await this.dataSource.transaction(async (manager) => {
      const site = await this.siteToRegisterAt(manager, actor, dto.site);
      const codes = await this.registerAll(manager, actor, site, [dto]);
      await markRequestApplied(manager);
      return codes;
    });
    return this.getFor(actor, code);
  }

  /**
   * The bulk path: many seizures in one transaction, through exactly the steps of `register`
   * (codes, `seized` events with their hashes, items). Used by imports and benchmarks.
   */
  async registerAll(manager: EntityManager, actor: Actor, site: Site, seizures: CreateSeizureDto[]): Promise<string[]> {
    const seizureCodes = await nextCodes(manager, CodeKind.Seizure, seizures.length);
    const itemCodes = await nextCodes(
      manager,
      CodeKind.Item,
      seizures.reduce((count, seizure) => count + seizure.items.length, 0),
    );
    const seizureRows = seizures.map((dto, index) =>
      manager.create(Seizure, {
        id: randomUUID(),
        code: seizureCodes[index],
        caseNumber: dto.caseNumber,
        seizedAt: new Date(dto.seizedAt),
        seizingUnit: dto.seizingUnit ?? null,
        legalReference: dto.legalReference ?? null,
        siteId: site.id,
        registeredById: actor.userId,
      }),
    );
    await manager.insert(Seizure, seizureRows);

    let nextItemCode = 0;
    const items = seizures.flatMap((dto, seizureIndex) =>
      dto.items.map((entry) => ({
        id: randomUUID(),
        code: itemCodes[nextItemCode++],
        seizureId: seizureRows[seizureIndex].id,
        seizureCode: seizureRows[seizureIndex].code,
        caseNumber: dto.caseNumber,
        parentId: null,
        category: entry.category,
        description: entry.description,
        quantity: entry.quantity.toFixed(3),
        unit: entry.unit,
        sealNumber: entry.sealNumber ?? null,
      })),
    );
    // the item rows follow their events: the events' foreign key is checked at commit, the items' trigger at once
    const events = await this.ledger.append(
      manager,
      items.map((item) => ({
        item: { id: item.id, code: item.code, lastEventHash: null },
        type: CustodyEventType.Seized,
        actor,
        site: site.code,
        location: null,
        details: {
          seizure: item.seizureCode,
          caseNumber: item.caseNumber,
          category: item.category,
          description: item.description,
          quantity: item.quantity,
          unit: item.unit,
          sealNumber: item.sealNumber,
        },
      })),
    );
    const rows = items.map(({ seizureCode: _seizureCode, caseNumber: _caseNumber, ...item }, index) => ({
      ...item,
      status: ItemStatus.InCustody,
      siteId: site.id,
      locationId: null,
      lastEventHash: events[index].hash,
    }));
    for (let start = 0; start < rows.length; start += insertBatch) {
      await manager.insert(Item, rows.slice(start, start + insertBatch));
    }
    return seizureCodes;
  }

  async getFor(actor: Actor, scanned: string, field = 'code'): Promise<SeizureView> {
    const code = requireCode(scanned, CodeKind.Seizure, field);
    const seizure = await this.dataSource.manager.findOne(Seizure, { where: { code }, relations: { site: true, registeredBy: true } });
    if (!seizure || !canReadSite(actor, seizure.siteId)) throw CustodyError.notFound(`seizure ${code}`);
    const items = await selectItemRows(this.dataSource.manager, 'item.seizure_id = $1', [seizure.id], 'ORDER BY item.code');
    return {
      code: seizure.code,
      caseNumber: seizure.caseNumber,
      seizedAt: seizure.seizedAt,
      seizingUnit: seizure.seizingUnit,
      legalReference: seizure.legalReference,
      site: seizure.site.code,
      registeredBy: seizure.registeredBy.username,
      createdAt: seizure.createdAt,
      items: items.map(toItemView),
    };
  }

  /** The site named in a registration: 404 if the actor cannot see it, 403 if they may not register there. */
  async siteToRegisterAt(manager: EntityManager, actor: Actor, siteCode: string): Promise<Site> {
    const site = await this.sites.requireReadable(actor, siteCode, manager);
    if (!canActAt(actor, SiteAction.RegisterSeizure, site.id)) {
      throw new CustodyError(CustodyErrorCode.Forbidden, `registering seizures at ${site.code} needs the evidence officer role there`);
    }
    return site;
  }
}
