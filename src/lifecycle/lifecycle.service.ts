import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { CustodyStep } from '../../libs/custody';
import { Actor } from '../auth/actor';
import { SignInSource } from '../auth/auth.service';
import { CustodyError } from '../common/errors/custody-error';
import { siteCondition } from '../custody/access';
import { CustodyEngine, ItemSelection } from '../custody/custody-engine.service';
import { ItemView, toItemView } from '../custody/item-records';
import { ItemsService } from '../items/items.service';
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
 * review dates. Each is a step of the custody engine, which writes the item and its event together.
 */
@Injectable()
export class LifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly custody: CustodyEngine,
    private readonly items: ItemsService,
    private readonly sites: SitesService,
  ) {}

  async checkOut(actor: Actor, scanned: string, dto: CheckoutDto, source: SignInSource): Promise<ItemView> {
    if (dto.expectedReturn < today()) throw CustodyError.invalid('expectedReturn', 'must not be before today');
    const { items } = await this.custody.perform({
      step: CustodyStep.CheckOut,
      actor,
      items: scannedItem(scanned),
      witness: dto.witness,
      source,
      change: (item) => ({
        reason: dto.purpose,
        custodian: dto.person,
        details: { person: dto.person, expectedReturn: dto.expectedReturn, leftLocation: item.location },
      }),
      within: async (manager, [item], { witness, occurredAt }) => {
        await manager.insert(Checkout, {
          itemId: item.id,
          person: dto.person,
          purpose: dto.purpose,
          expectedReturn: dto.expectedReturn,
          checkedOutAt: occurredAt,
          checkedOutById: actor.userId,
          witnessId: witness?.userId ?? null,
        });
      },
    });
    return toItemView(items[0]);
  }

  async checkIn(actor: Actor, scanned: string, dto: CheckinDto): Promise<ItemView> {
    let late = false;
    const { items } = await this.custody.perform({
      step: CustodyStep.CheckIn,
      actor,
      items: scannedItem(scanned),
      location: dto.location !== undefined ? { code: dto.location, field: 'location' } : undefined,
      within: async (manager, [item], { occurredAt }) => {
        const checkout = await manager.findOneOrFail(Checkout, { where: { itemId: item.id, returnedAt: IsNull() } });
        late = checkout.expectedReturn < today();
        await manager.update(Checkout, { id: checkout.id }, { returnedAt: occurredAt, returnedById: actor.userId });
      },
      change: (item, { location }) => ({ location, details: { person: item.custodian, late } }),
    });
    return toItemView(items[0]);
  }

  /** A child item taken from a parent in custody, e.g. a drug sample for the lab: its own code and label; both histories show it. */
  async sample(actor: Actor, scanned: string, dto: SampleDto, source: SignInSource): Promise<ItemView> {
    const quantity = dto.quantity.toFixed(3);
    const { items } = await this.custody.perform({
      step: CustodyStep.Sample,
      actor,
      items: scannedItem(scanned),
      witness: dto.witness,
      source,
      creates: {
        step: CustodyStep.SampleTaken,
        items: ([parent]) => [
          {
            seizureId: parent.seizureId,
            parentId: parent.id,
            category: dto.category ?? parent.category,
            description: dto.description,
            quantity,
            unit: dto.unit,
            sealNumber: dto.sealNumber ?? null,
            details: {
              parent: parent.code,
              category: dto.category ?? parent.category,
              description: dto.description,
              quantity,
              unit: dto.unit,
              sealNumber: dto.sealNumber ?? null,
            },
          },
        ],
      },
      change: (_parent, { created: [sample] }) => ({ details: { sample: sample.code, quantity, unit: dto.unit } }),
    });
    return this.items.getFor(actor, items[items.length - 1].code);
  }

  /** Breaks a seal and puts a new one: the earlier number stays in the history; a damaged-seal flag is cleared. */
  async reseal(actor: Actor, scanned: string, dto: SealDto, source: SignInSource): Promise<ItemView> {
    const { items } = await this.custody.perform({
      step: CustodyStep.Reseal,
      actor,
      items: scannedItem(scanned),
      witness: dto.witness,
      source,
      change: (item) => {
        if (dto.newSealNumber === item.sealNumber) throw CustodyError.invalid('newSealNumber', 'is the seal the item has now');
        return {
          sealNumber: dto.newSealNumber,
          sealDamaged: false,
          reason: dto.reason,
          details: { previousSealNumber: item.sealNumber, sealNumber: dto.newSealNumber, wasDamaged: item.sealDamaged },
        };
      },
    });
    return toItemView(items[0]);
  }

  /** Executes the decision on an item's fate; a disposed item is final (the database refuses any later change). */
  async dispose(actor: Actor, scanned: string, dto: DispositionDto, source: SignInSource): Promise<ItemView> {
    const decidedAt = new Date(dto.decidedAt);
    const { items } = await this.custody.perform({
      step: dto.kind === DispositionKind.Destroyed ? CustodyStep.Destroy : CustodyStep.Dispose,
      actor,
      items: scannedItem(scanned),
      witness: dto.witness,
      source,
      change: () => ({ reason: dto.authority, details: { kind: dto.kind, authority: dto.authority, decidedAt: decidedAt.toISOString() } }),
      within: async (manager, [item], { witness }) => {
        await manager.insert(Disposition, {
          itemId: item.id,
          kind: dto.kind,
          authority: dto.authority,
          decidedAt,
          executedById: actor.userId,
          witnessId: witness?.userId ?? null,
        });
      },
    });
    return toItemView(items[0]);
  }

  /** Sets or clears the date an item is due for review (a `review_set` event); the same date again writes nothing. */
  async setReview(actor: Actor, scanned: string, dto: ReviewDto): Promise<ItemView> {
    const { items } = await this.custody.perform({
      step: CustodyStep.ScheduleReview,
      actor,
      items: scannedItem(scanned),
      change: (item) =>
        item.reviewOn === dto.reviewOn ? { unchanged: true } : { reviewOn: dto.reviewOn, details: { reviewOn: dto.reviewOn, previousReviewOn: item.reviewOn } },
    });
    return toItemView(items[0]);
  }

  async listCheckouts(actor: Actor, query: CheckoutQuery): Promise<CheckoutView[]> {
    const parameters: unknown[] = [];
    const parameter = (value: unknown) => `$${parameters.push(value)}`;
    const conditions = ['checkout.returned_at IS NULL', siteCondition(actor, 'item.site_id', parameter)];
    if (query.site !== undefined) conditions.push(`item.site_id = ${parameter((await this.sites.requireReadable(actor, query.site)).id)}`);
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
}

function scannedItem(scanned: string): ItemSelection {
  return { code: scanned, field: 'code' };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}
