import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CodeKind } from '../../libs/codes';
import { CustodyStep, SiteAction } from '../../libs/custody';
import { Actor } from '../auth/actor';
import { nextCodes } from '../common/barcode-numbers';
import { CustodyError } from '../common/errors/custody-error';
import { requireCode } from '../common/scanned-code';
import { mayReadItem, mayReadSite, requireAction } from '../custody/access';
import { CustodyEngine, NewItem, SiteRef } from '../custody/custody-engine.service';
import { ItemView, selectItemRecords, toItemView } from '../custody/item-records';
import { markRequestApplied } from '../idempotency/idempotency-context';
import type { Site } from '../sites/site.entity';
import { SitesService } from '../sites/sites.service';
import { CreateSeizureDto } from './dto/create-seizure.dto';
import { Seizure } from './seizure.entity';

/** What a seizure records: the case, when, by whom, under which legal reference. */
export interface SeizureFacts {
  code: string;
  caseNumber: string;
  seizedAt: Date;
  seizingUnit: string | null;
  legalReference: string | null;
  site: string;
  registeredBy: string;
  createdAt: Date;
}

export interface SeizureView extends SeizureFacts {
  /** The items of the seizure that the reader may see: those at their sites, or on their way there. */
  items: ItemView[];
}

@Injectable()
export class SeizuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly custody: CustodyEngine,
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
   * (the seizure rows, then their items through the custody engine). Used by imports and benchmarks.
   */
  async registerAll(manager: EntityManager, actor: Actor, site: Site, seizures: CreateSeizureDto[]): Promise<string[]> {
    const seizureCodes = await nextCodes(manager, CodeKind.Seizure, seizures.length);
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
    await this.custody.register(manager, {
      step: CustodyStep.Seize,
      actor,
      site,
      items: seizures.flatMap((dto, index) =>
        dto.items.map((entry) => {
          const quantity = entry.quantity.toFixed(3);
          const sealNumber = entry.sealNumber ?? null;
          return {
            seizureId: seizureRows[index].id,
            category: entry.category,
            description: entry.description,
            quantity,
            unit: entry.unit,
            sealNumber,
            details: {
              seizure: seizureRows[index].code,
              caseNumber: dto.caseNumber,
              category: entry.category,
              description: entry.description,
              quantity,
              unit: entry.unit,
              sealNumber,
            },
          };
        }),
      ),
    });
    return seizureCodes;
  }

  /**
   * A seizure brought in from the records kept before Custody (npm run import), in the caller's
   * transaction: its row, with its reference in those records, then its items through the custody
   * engine, each with the events `itemsOf` gives it. Answers its code.
   */
  async registerImported(
    manager: EntityManager,
    actor: Actor,
    site: SiteRef,
    facts: { reference: string; caseNumber: string; seizedAt: Date; seizingUnit: string | null; legalReference: string | null },
    itemsOf: (seizure: { id: string; code: string }) => NewItem[],
  ): Promise<string> {
    const [code] = await nextCodes(manager, CodeKind.Seizure, 1);
    const seizure = manager.create(Seizure, {
      id: randomUUID(),
      code,
      caseNumber: facts.caseNumber,
      seizedAt: facts.seizedAt,
      seizingUnit: facts.seizingUnit,
      legalReference: facts.legalReference,
      siteId: site.id,
      registeredById: actor.userId,
      importReference: facts.reference,
    });
    await manager.insert(Seizure, seizure);
    await this.custody.register(manager, { step: CustodyStep.Import, actor, site, items: itemsOf(seizure) });
    return code;
  }

  /**
   * A seizure, for the people of the site that registered it and of every site that holds one of
   * its items (or has one on its way there); the items listed are only those the reader may see.
   */
  async getFor(actor: Actor, scanned: string, field = 'code'): Promise<SeizureView> {
    const code = requireCode(scanned, CodeKind.Seizure, field);
    const seizure = await this.dataSource.manager.findOne(Seizure, { where: { code }, relations: { site: true, registeredBy: true } });
    if (!seizure) throw CustodyError.notFound(`seizure ${code}`);
    const items = (await selectItemRecords(this.dataSource.manager, 'item.seizure_id = $1', [seizure.id], 'ORDER BY item.code')).filter((item) =>
      mayReadItem(actor, item),
    );
    if (!mayReadSite(actor, seizure.siteId) && items.length === 0) throw CustodyError.notFound(`seizure ${code}`);
    return { ...factsOf(seizure), items: items.map(toItemView) };
  }

  /** The facts of an item's seizure, for someone who may read the item (its custody report): read through the item, not the seizure's site. */
  async factsOfItem(item: { seizureId: string }): Promise<SeizureFacts> {
    return factsOf(await this.dataSource.manager.findOneOrFail(Seizure, { where: { id: item.seizureId }, relations: { site: true, registeredBy: true } }));
  }

  /** The site named in a registration: 404 if the actor cannot see it, 403 if they may not register there. */
  async siteToRegisterAt(manager: EntityManager, actor: Actor, siteCode: string): Promise<Site> {
    const site = await this.sites.requireReadable(actor, siteCode, manager);
    requireAction(actor, SiteAction.RegisterSeizure, site, 'registering seizures: that needs the evidence officer role there');
    return site;
  }
}

function factsOf(seizure: Seizure): SeizureFacts {
  return {
    code: seizure.code,
    caseNumber: seizure.caseNumber,
    seizedAt: seizure.seizedAt,
    seizingUnit: seizure.seizingUnit,
    legalReference: seizure.legalReference,
    site: seizure.site.code,
    registeredBy: seizure.registeredBy.username,
    createdAt: seizure.createdAt,
  };
}
