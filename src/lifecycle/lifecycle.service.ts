import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { CodeKind } from '../../libs/codes';
import { Actor, readsEverySite, siteIdsOf } from '../auth/actor';
import { SignInSource } from '../auth/auth.service';
import { SiteAction } from '../auth/permissions';
import { WitnessDto, WitnessService } from '../auth/witness';
import { nextCode } from '../common/barcode-numbers';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { requireCode } from '../common/scanned-code';
import { WitnessStep } from '../config/app-config';
import { CustodyEventType } from '../custody/custody-event.entity';
import { CustodyLedger } from '../custody/custody-ledger.service';
import { markRequestApplied } from '../idempotency/idempotency-context';
import { ItemStatus } from '../items/item-status';
import { Item } from '../items/item.entity';
import { ItemView } from '../items/item-views';
import { ItemsService } from '../items/items.service';
import { LocationsService } from '../locations/locations.service';
import { SitesService } from '../sites/sites.service';
import { Checkout } from './checkout.entity';
import { Disposition, DispositionKind } from './disposition.entity';
import { CheckinDto, CheckoutDto, CheckoutQuery, DispositionDto, ReviewDto, SampleDto, SealDto } from './dto/lifecycle.dto';

export interface CheckoutView {
  item: string;
  site: string;
  person: string;
  purpose: string;
  expectedReturn: string;
  overdue: boolean;
  checkedOutAt: Date;
  checkedOutBy: string;
  witness: string | null;
}

/**
 * The rest of an item's life at a site: check-out and return, samples, seals, dispositions and
 * review dates. Each change is one transaction with its custody event, the item row locked.
 */
@Injectable()
export class LifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly items: ItemsService,
    private readonly ledger: CustodyLedger,
    private readonly sites: SitesService,
    private readonly locations: LocationsService,
    private readonly witnesses: WitnessService,
  ) {}

  async checkOut(actor: Actor, scanned: string, dto: CheckoutDto, source: SignInSource): Promise<ItemView> {
    if (dto.expectedReturn < today()) throw CustodyError.invalid('expectedReturn', 'must not be before today');
    const witness = await this.witnessFor(actor, scanned, 'checkout', dto.witness, 'checking out', source);
    const code = await this.dataSource.transaction(async (manager) => {
      const item = await this.lockInCustody(manager, actor, scanned, 'checked out');
      this.requireWitnessed(item, 'checkout', witness);
      const [event] = await this.ledger.append(manager, [
        {
          item,
          type: CustodyEventType.CheckedOut,
          actor,
          site: await this.sites.codeOf(item.siteId, manager),
          location: null,
          reason: dto.purpose,
          details: {
            person: dto.person,
            expectedReturn: dto.expectedReturn,
            leftLocation: item.locationId ? await this.locations.codeOf(manager, item.locationId) : null,
            witness: witness?.username ?? null,
          },
        },
      ]);
      await manager.insert(Checkout, {
        itemId: item.id,
        person: dto.person,
        purpose: dto.purpose,
        expectedReturn: dto.expectedReturn,
        checkedOutAt: event.occurredAt,
        checkedOutById: actor.userId,
        witnessId: witness?.userId ?? null,
      });
      await manager.update(Item, { id: item.id }, { status: ItemStatus.CheckedOut, locationId: null, lastEventHash: event.hash });
      await markRequestApplied(manager);
      return item.code;
    });
    return this.items.getFor(actor, code);
  }

  async checkIn(actor: Actor, scanned: string, dto: CheckinDto): Promise<ItemView> {
    if (dto.location !== undefined) requireCode(dto.location, CodeKind.Location, 'location');
    const code = await this.dataSource.transaction(async (manager) => {
      const item = await this.items.lockForAction(manager, actor, requireCode(scanned, CodeKind.Item, 'code'), SiteAction.MoveItem);
      if (item.status !== ItemStatus.CheckedOut)
        throw new CustodyError(CustodyErrorCode.ItemNotInCustody, `item ${item.code} is ${words(item.status)}, not checked out`);
      const location = dto.location !== undefined ? await this.locations.requireAtSite(manager, dto.location, item.siteId, 'location') : null;
      const checkout = await manager.findOneOrFail(Checkout, { where: { itemId: item.id, returnedAt: IsNull() } });
      const [event] = await this.ledger.append(manager, [
        {
          item,
          type: CustodyEventType.CheckedIn,
          actor,
          site: await this.sites.codeOf(item.siteId, manager),
          location: location?.code ?? null,
          details: { person: checkout.person, late: checkout.expectedReturn < today() },
        },
      ]);
      await manager.update(Checkout, { id: checkout.id }, { returnedAt: event.occurredAt, returnedById: actor.userId });
      await manager.update(Item, { id: item.id }, { status: ItemStatus.InCustody, locationId: location?.id ?? null, lastEventHash: event.hash });
      await markRequestApplied(manager);
      return item.code;
    });
    return this.items.getFor(actor, code);
  }

  /** A child item taken from a parent in custody, e.g. a drug sample for the lab: its own code and label; both histories show it. */
  async sample(actor: Actor, scanned: string, dto: SampleDto): Promise<ItemView> {
    const code = await this.dataSource.transaction(async (manager) => {
      const parent = await this.lockInCustody(manager, actor, scanned, 'sampled');
      const site = await this.sites.codeOf(parent.siteId, manager);
      const sample = {
        id: randomUUID(),
        code: await nextCode(manager, CodeKind.Item),
        seizureId: parent.seizureId,
        parentId: parent.id,
        category: dto.category ?? parent.category,
        description: dto.description,
        quantity: dto.quantity.toFixed(3),
        unit: dto.unit,
        sealNumber: dto.sealNumber ?? null,
      };
      const [parentEvent, sampleEvent] = await this.ledger.append(manager, [
        {
          item: parent,
          type: CustodyEventType.Sampled,
          actor,
          site,
          location: null,
          details: { sample: sample.code, quantity: sample.quantity, unit: sample.unit },
        },
        {
          item: { id: sample.id, code: sample.code, lastEventHash: null },
          type: CustodyEventType.Sampled,
          actor,
          site,
          location: null,
          details: {
            parent: parent.code,
            category: sample.category,
            description: sample.description,
            quantity: sample.quantity,
            unit: sample.unit,
            sealNumber: sample.sealNumber,
          },
        },
      ]);
      await manager.update(Item, { id: parent.id }, { lastEventHash: parentEvent.hash });
      await manager.insert(Item, { ...sample, status: ItemStatus.InCustody, siteId: parent.siteId, locationId: null, lastEventHash: sampleEvent.hash });
      await markRequestApplied(manager);
      return sample.code;
    });
    return this.items.getFor(actor, code);
  }

  /** Breaks a seal and puts a new one: the earlier number stays in the history; a damaged-seal flag is cleared. */
  async reseal(actor: Actor, scanned: string, dto: SealDto, source: SignInSource): Promise<ItemView> {
    const witness = await this.witnessFor(actor, scanned, 'seal', dto.witness, 'replacing a seal of', source);
    const code = await this.dataSource.transaction(async (manager) => {
      const item = await this.lockInCustody(manager, actor, scanned, 'resealed');
      this.requireWitnessed(item, 'seal', witness);
      if (dto.newSealNumber === item.sealNumber) throw CustodyError.invalid('newSealNumber', 'is the seal the item has now');
      const [event] = await this.ledger.append(manager, [
        {
          item,
          type: CustodyEventType.SealReplaced,
          actor,
          site: await this.sites.codeOf(item.siteId, manager),
          location: item.locationId ? await this.locations.codeOf(manager, item.locationId) : null,
          reason: dto.reason,
          details: { previousSealNumber: item.sealNumber, sealNumber: dto.newSealNumber, wasDamaged: item.sealDamaged, witness: witness?.username ?? null },
        },
      ]);
      await manager.update(Item, { id: item.id }, { sealNumber: dto.newSealNumber, sealDamaged: false, lastEventHash: event.hash });
      await markRequestApplied(manager);
      return item.code;
    });
    return this.items.getFor(actor, code);
  }

  /** Executes the decision on an item's fate; a disposed item is final (the database refuses any later change). */
  async dispose(actor: Actor, scanned: string, dto: DispositionDto, source: SignInSource): Promise<ItemView> {
    const destroying = dto.kind === DispositionKind.Destroyed;
    const witness = await this.witnessFor(actor, scanned, 'disposition', dto.witness, destroying ? 'destroying' : 'disposing of', source, destroying);
    const code = await this.dataSource.transaction(async (manager) => {
      const item = await this.lockInCustody(manager, actor, scanned, 'disposed of');
      if (!destroying) this.requireWitnessed(item, 'disposition', witness);
      const [event] = await this.ledger.append(manager, [
        {
          item,
          type: CustodyEventType.Disposed,
          actor,
          site: await this.sites.codeOf(item.siteId, manager),
          location: null,
          reason: dto.authority,
          details: { kind: dto.kind, authority: dto.authority, decidedAt: new Date(dto.decidedAt).toISOString(), witness: witness?.username ?? null },
        },
      ]);
      await manager.insert(Disposition, {
        itemId: item.id,
        kind: dto.kind,
        authority: dto.authority,
        decidedAt: new Date(dto.decidedAt),
        executedById: actor.userId,
        witnessId: witness?.userId ?? null,
      });
      await manager.update(Item, { id: item.id }, { status: ItemStatus.Disposed, locationId: null, lastEventHash: event.hash });
      await markRequestApplied(manager);
      return item.code;
    });
    return this.items.getFor(actor, code);
  }

  /** Sets or clears the date an item is due for review; not a custody step, so no event. */
  async setReview(actor: Actor, scanned: string, dto: ReviewDto): Promise<ItemView> {
    const code = await this.dataSource.transaction(async (manager) => {
      const item = await this.items.lockForAction(manager, actor, requireCode(scanned, CodeKind.Item, 'code'), SiteAction.MoveItem);
      if (item.status === ItemStatus.Disposed)
        throw new CustodyError(CustodyErrorCode.ItemNotInCustody, `item ${item.code} is disposed: nothing else can happen to it`);
      await manager.update(Item, { id: item.id }, { reviewOn: dto.reviewOn });
      return item.code;
    });
    return this.items.getFor(actor, code);
  }

  async listCheckouts(actor: Actor, query: CheckoutQuery): Promise<CheckoutView[]> {
    const conditions = ['checkout.returned_at IS NULL'];
    const parameters: unknown[] = [];
    if (query.site !== undefined) conditions.push(`item.site_id = $${parameters.push((await this.sites.requireReadable(actor, query.site)).id)}`);
    else if (!readsEverySite(actor)) conditions.push(`item.site_id = ANY($${parameters.push(siteIdsOf(actor))}::uuid[])`);
    if (query.overdue === true) conditions.push('checkout.expected_return < current_date');
    return this.dataSource.query(
      `SELECT item.code AS item, site.code AS site, checkout.person, checkout.purpose, to_char(checkout.expected_return, 'YYYY-MM-DD') AS "expectedReturn",
              checkout.expected_return < current_date AS overdue, checkout.checked_out_at AS "checkedOutAt", taker.username AS "checkedOutBy", witness.username AS witness
         FROM checkouts checkout JOIN items item ON item.id = checkout.item_id JOIN sites site ON site.id = item.site_id
         JOIN users taker ON taker.id = checkout.checked_out_by_id LEFT JOIN users witness ON witness.id = checkout.witness_id
        WHERE ${conditions.join(' AND ')} ORDER BY checkout.expected_return, item.code`,
      parameters,
    );
  }

  private async lockInCustody(manager: EntityManager, actor: Actor, scanned: string, done: string): Promise<Item> {
    const item = await this.items.lockForAction(manager, actor, requireCode(scanned, CodeKind.Item, 'code'), SiteAction.MoveItem);
    if (item.status !== ItemStatus.InCustody) {
      throw new CustodyError(CustodyErrorCode.ItemNotInCustody, `item ${item.code} is ${words(item.status)}; only an item in custody can be ${done}`);
    }
    return item;
  }

  /** The witness of a step, signed in before any lock is taken, when the item's category (or the step itself) needs one. */
  private async witnessFor(
    actor: Actor,
    scanned: string,
    step: WitnessStep,
    witness: WitnessDto | undefined,
    doing: string,
    source: SignInSource,
    always = false,
  ): Promise<Actor | null> {
    const item = await this.items.getFor(actor, scanned);
    const highRisk = this.witnesses.highRisk(step, [item.category]);
    if (!always && highRisk.length === 0 && !witness) return null;
    const siteId = await this.sites.findIdByCode(item.site);
    return this.witnesses.confirm(
      actor,
      witness,
      { id: siteId!, code: item.site },
      `${doing} ${always ? 'an item' : `${item.category.replace('_', ' ')}`}`,
      source,
    );
  }

  private requireWitnessed(item: Item, step: WitnessStep, witness: Actor | null): void {
    if (!witness && this.witnesses.highRisk(step, [item.category]).length > 0) {
      throw new CustodyError(CustodyErrorCode.WitnessRequired, `this step needs a witness for ${item.category}`, [
        { field: 'witness', problem: 'is required' },
      ]);
    }
  }
}

function words(status: ItemStatus): string {
  return status.replace('_', ' ');
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
