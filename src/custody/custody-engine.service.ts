import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CodeKind } from '../../libs/codes';
import { CustodyStep, ItemCategory, ItemStatus, Placement, ruleOf, StepRule, transition } from '../../libs/custody';
import { JsonObject } from '../../libs/ledger';
import { Actor } from '../auth/actor';
import { SignInSource } from '../auth/auth.service';
import { checkSessionApart, sessionCondition, settleSession } from '../auth/request-session';
import { WitnessDto } from '../auth/witness';
import { nextCodes } from '../common/barcode-numbers';
import { CustodyError, CustodyErrorCode, FieldProblem } from '../common/errors/custody-error';
import { requireCode, requireCodes } from '../common/scanned-code';
import { activeClaim } from '../idempotency/idempotency-context';
import { mayAct, mayReadItem, requireAction } from './access';
import { ItemRecord, queryItemRecords } from './item-records';
import { AppendedEvent, ChainMoved, ItemCreation, ItemUpdate, LedgerAppend } from './ledger-append';
import { WitnessService } from './witness.service';

export interface SiteRef {
  id: string;
  code: string;
}

export interface LocationRef {
  id: string;
  code: string;
  siteId: string;
}

/** The items of a step: one or several as scanned (with the request field they came in), or by id. */
export type ItemSelection = { code: string; field: string } | { codes: string[]; field: string } | { ids: string[] };

/** What a step does to one item, besides what its rule in libs/custody says. */
export interface ItemChange {
  /** Nothing to record for this item (a repeated scan of the shelf it is on). */
  unchanged?: boolean;
  /** Where it is left, for a step that places it at a location. */
  location?: LocationRef | null;
  /** The location written on the event; by default the one it is left at, or the one it keeps. */
  eventLocation?: string | null;
  transfer?: string | null;
  reason?: string | null;
  details?: JsonObject;
  sealNumber?: string | null;
  sealDamaged?: boolean;
  reviewOn?: string | null;
  /** The person it is now with (a check-out), for the answer. */
  custodian?: string | null;
}

export interface StepContext {
  /** The site where the step happens. */
  site: SiteRef;
  /** The location the order named, at the items' site. */
  location: LocationRef | null;
  witness: Actor | null;
  occurredAt: Date;
  /** The items the step creates (a sample), with their codes. */
  created: ItemRecord[];
}

/** A new item, registered by a step that creates items (seizure, sample). */
export interface NewItem {
  seizureId: string;
  parentId?: string | null;
  category: ItemCategory;
  description: string;
  /** Exact decimal as text, e.g. "2.500". */
  quantity: string;
  unit: string;
  sealNumber: string | null;
  /** What its first event records. */
  details: JsonObject;
  /** Where it is left (an imported item); a seized item or a sample is at no location yet. */
  location?: LocationRef | null;
  /**
   * Its events when it comes with several (an imported item: its known history, oldest first, then
   * its entry into Custody); otherwise it gets one, at the time of the step, recording `details`.
   */
  events?: { occurredAt: Date; location: string | null; details: JsonObject }[];
}

export interface StepOrder {
  step: CustodyStep;
  actor: Actor;
  items: ItemSelection;
  /** Where the step happens when it is not at the items' own site: the receiving site of a transfer. */
  at?: SiteRef;
  /** A location of the items' site, as scanned: where the step places them. */
  location?: { code: string; field: string };
  /** The witness as sent with the request; signed in before any row is locked. */
  witness?: WitnessDto;
  source?: SignInSource;
  change: (item: ItemRecord, context: StepContext) => ItemChange;
  /** Items the step creates in the same statement (a sample), with the step of their first event. */
  creates?: { step: CustodyStep; items: (records: ItemRecord[], context: StepContext) => NewItem[] };
  /** The step was allowed when it was asked for, earlier (a queued print job): only the step table's transitions apply now. */
  authorizedWhenQueued?: boolean;
  /** Writes of the step's own module (a check-out row, a disposition), in the same transaction, before the events. */
  within?: (manager: EntityManager, records: ItemRecord[], context: StepContext) => Promise<void>;
}

export interface StepResult {
  /** The items as the step left them, in id order, then the items it created. */
  items: ItemRecord[];
  events: AppendedEvent[];
  /** The witness who signed in, if any. */
  witness: Actor | null;
}

interface ReadItems {
  records: ItemRecord[];
  /** The location the order named, resolved in the same statement. */
  location: LocationRef | null;
}

// new items per statement, well under PostgreSQL's limits
const registrationChunk = 2000;

/**
 * The one write path of every custody step. It reads the items, checks access (src/custody/access),
 * the transition of the step table and the two-person rule (libs/custody), then appends the events
 * and updates the items in one statement that refuses itself whole if an item's chain moved
 * meanwhile, the request's Idempotency-Key marked in the same statement. Nothing else writes the
 * items or custody_events tables.
 */
@Injectable()
export class CustodyEngine {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly witnesses: WitnessService,
    private readonly ledger: LedgerAppend,
  ) {}

  /**
   * Runs a step on its own. A step that writes nothing but items and events takes two round trips,
   * a read and one write, and goes round again if an item changed in between; one with writes of
   * its own (`within`) runs in a transaction with the items locked.
   */
  async perform(order: StepOrder): Promise<StepResult> {
    if (order.within) {
      const witness = await this.signWitnessIn(order);
      return this.dataSource.transaction((manager) => this.performIn(manager, order, witness, true));
    }
    const read = await this.read(this.dataSource.manager, order, false);
    const witness = await this.witnessFor(order, read.records);
    try {
      return await this.apply(this.dataSource.manager, order, read, witness, true);
    } catch (error) {
      if (!(error instanceof ChainMoved)) throw error;
    }
    // another step changed one of these items meanwhile: take the steps in turn, the items' rows locked
    return this.dataSource.transaction((manager) => this.performIn(manager, order, witness, true));
  }

  /**
   * Runs a step inside the caller's transaction (a transfer locks its own row first), the items'
   * rows locked in id order. The witness was signed in beforehand with `signWitnessIn`. The caller
   * marks the request applied, unless `marksRequest`.
   */
  async performIn(manager: EntityManager, order: StepOrder, witness: Actor | null, marksRequest = false): Promise<StepResult> {
    const read = await this.read(manager, order, true);
    try {
      return await this.apply(manager, order, read, witness, marksRequest);
    } catch (error) {
      throw error instanceof ChainMoved ? error.refusal() : error;
    }
  }

  /**
   * The witness of a step when its items need one, or when one was given: signed in before any
   * lock is taken (checking a password takes a while). Refuses the step when one is needed and
   * none was given; null when none is needed.
   */
  async signWitnessIn(order: StepOrder): Promise<Actor | null> {
    return this.witnessFor(order, (await this.read(this.dataSource.manager, order, false)).records);
  }

  /** Registers new items, each with its first event (a seizure), in the caller's transaction. */
  async register(manager: EntityManager, order: { step: CustodyStep; actor: Actor; site: SiteRef; items: NewItem[] }): Promise<ItemRecord[]> {
    const rule = ruleOf(order.step);
    if (rule.from !== 'new') throw new Error(`${order.step} does not create items`);
    requireAction(order.actor, rule.action, order.site, 'registering items there');
    const occurredAt = new Date();
    const created: ItemRecord[] = [];
    for (let start = 0; start < order.items.length; start += registrationChunk) {
      const { creations, events, records } = await this.creations(
        manager,
        rule,
        order.actor,
        order.site,
        order.items.slice(start, start + registrationChunk),
        occurredAt,
      );
      const at = await this.ledger.write(manager, { updates: [], creations, events, claim: null }, order.actor);
      created.push(...records.map((record) => ({ ...record, createdAt: at, updatedAt: at })));
    }
    return created;
  }

  private async witnessFor(order: StepOrder, records: ItemRecord[]): Promise<Actor | null> {
    if (records.length === 0) return null;
    const site = order.at ?? { id: records[0].siteId, code: records[0].site };
    if (order.witness) return this.witnesses.confirm(order.actor, order.witness, site, order.source ?? { sourceAddress: 'unknown', userAgent: null });
    if (
      this.witnesses.needed(
        order.step,
        records.map((record) => record.category),
      )
    ) {
      throw this.witnesses.required(
        order.step,
        records.map((record) => record.category),
        site,
      );
    }
    return null;
  }

  /** The items of the order (and the location it names) in one statement, which also checks the request's session if still due. */
  private async read(manager: EntityManager, order: StepOrder, lock: boolean): Promise<ReadItems> {
    const parameters: unknown[] = [];
    const parameter = (value: unknown) => `$${parameters.push(value)}`;
    const codes =
      'code' in order.items
        ? [requireCode(order.items.code, CodeKind.Item, order.items.field)]
        : 'codes' in order.items
          ? requireCodes(order.items.codes, CodeKind.Item, order.items.field)
          : null;
    const where = codes ? `item.code = ANY(${parameter(codes)})` : `item.id = ANY(${parameter('ids' in order.items ? order.items.ids : [])}::uuid[])`;
    const locationCode = order.location ? requireCode(order.location.code, CodeKind.Location, order.location.field) : null;
    const session = sessionCondition(parameter);
    const extras = [
      ...(session ? [`${session} AS "sessionLive"`] : []),
      ...(locationCode
        ? [`(SELECT json_build_object('id', id, 'code', code, 'siteId', site_id) FROM locations WHERE code = ${parameter(locationCode)}) AS target`]
        : []),
    ];
    const rows = await queryItemRecords<{ sessionLive?: boolean; target?: LocationRef | null }>(manager, { where, parameters, extras, lock });
    if (session) {
      if (rows.length > 0) settleSession(rows[0].sessionLive === true);
      else await checkSessionApart(manager);
    }
    if (codes) this.requireFound(order, codes, rows);
    const location = rows[0]?.target ?? null;
    if (locationCode && rows.length > 0 && !location) throw CustodyError.invalid(order.location!.field, 'names no location');
    return { records: rows.map(({ sessionLive: _sessionLive, target: _target, ...record }) => record), location };
  }

  /** Every code of the order names an item the actor may see, or the step answers 404 naming those it does not. */
  private requireFound(order: StepOrder, codes: string[], rows: ItemRecord[]): void {
    const found = new Map(rows.map((row) => [row.code, row]));
    const readable = (row: ItemRecord | undefined) =>
      row && (mayReadItem(order.actor, row) || (order.at && mayAct(order.actor, ruleOf(order.step).action, order.at.id)));
    const missing = codes.filter((code) => !readable(found.get(code)));
    if (missing.length === 0) return;
    if (codes.length === 1) throw CustodyError.notFound(`item ${missing[0]}`);
    const field = 'ids' in order.items ? 'items' : order.items.field;
    const problems: FieldProblem[] = missing.map((code) => ({ field: `${field}[${codes.indexOf(code)}]`, problem: `names no item at your sites: ${code}` }));
    throw new CustodyError(CustodyErrorCode.NotFound, problems.map((problem) => `${problem.field} ${problem.problem}`).join('; '), problems);
  }

  private async apply(
    manager: EntityManager,
    order: StepOrder,
    { records, location }: ReadItems,
    witness: Actor | null,
    marksRequest: boolean,
  ): Promise<StepResult> {
    const rule = ruleOf(order.step);
    const occurredAt = new Date();
    for (const record of records) this.check(order, rule, record, location);
    const refused = records.flatMap((record) => {
      const allowed = transition(order.step, record.status);
      return allowed.allowed ? [] : [{ code: record.code, reason: allowed.reason }];
    });
    if (refused.length > 0) {
      const field = 'ids' in order.items ? 'items' : order.items.field;
      throw new CustodyError(
        CustodyErrorCode.ItemNotInCustody,
        refused.map((refusal) => `item ${refusal.code}: ${refusal.reason}`).join('; '),
        refused.length > 1 || field === 'items' ? refused.map((refusal) => ({ field, problem: `${refusal.code}: ${refusal.reason}` })) : undefined,
      );
    }
    if (
      records.length > 0 &&
      !witness &&
      this.witnesses.needed(
        order.step,
        records.map((record) => record.category),
      )
    ) {
      // a high-risk item joined the step after the witness was asked for: it still needs one
      throw this.witnesses.required(
        order.step,
        records.map((record) => record.category),
        order.at ?? { code: records[0].site },
      );
    }
    const site = order.at ?? (records[0] ? { id: records[0].siteId, code: records[0].site } : { id: '', code: '' });
    const created = order.creates
      ? await this.creations(
          manager,
          ruleOf(order.creates.step),
          order.actor,
          site,
          order.creates.items(records, { site, location, witness, occurredAt, created: [] }),
          occurredAt,
          witness,
        )
      : null;
    const context: StepContext = { site, location, witness, occurredAt, created: created?.records ?? [] };
    if (order.within) await order.within(manager, records, context);

    const updates: ItemUpdate[] = [];
    const events: AppendedEvent[] = [];
    const after: ItemRecord[] = [];
    for (const record of records) {
      const change = order.change(record, context);
      if (change.unchanged) {
        after.push(record);
        continue;
      }
      const { update, event, next } = this.changeOf(rule, order, record, change, context);
      updates.push(update);
      events.push(event);
      after.push(next);
    }
    if (created) events.push(...created.events);
    if (events.length === 0) return { items: after, events, witness };
    const claim = marksRequest ? activeClaim() : null;
    const at = await this.ledger.write(manager, { updates, creations: created?.creations ?? [], events, claim }, order.actor);
    const changedIds = new Set(updates.map((update) => update.id));
    const items = [
      ...after.map((record) => (changedIds.has(record.id) ? { ...record, updatedAt: at } : record)),
      ...(created?.records ?? []).map((record) => ({ ...record, createdAt: at, updatedAt: at })),
    ];
    return { items, events, witness };
  }

  /** Access and place: refuses the step for this item with the words a person needs. */
  private check(order: StepOrder, rule: StepRule, record: ItemRecord, location: LocationRef | null): void {
    const site = order.at ?? { id: record.siteId, code: record.site };
    if (!order.authorizedWhenQueued) requireAction(order.actor, rule.action, site, `this step (${order.step.replace('_', ' ')})`);
    if (location && location.siteId !== record.siteId && order.location) {
      throw CustodyError.invalid(order.location.field, 'is a location of another site; an item moves only within its own site');
    }
  }

  private changeOf(rule: StepRule, order: StepOrder, record: ItemRecord, change: ItemChange, context: StepContext) {
    const to = rule.to === 'unchanged' ? record.status : rule.to;
    const site = order.at ?? { id: record.siteId, code: record.site };
    const itemSite = rule.changesSite ? site : { id: record.siteId, code: record.site };
    const placed = placementOf(rule.placement, record, change);
    const details = { ...(change.details ?? {}) };
    if (rule.records.includes('witness') && !('witness' in details)) details.witness = context.witness?.username ?? null;
    const unknown = Object.keys(details).filter((key) => !rule.records.includes(key));
    if (unknown.length > 0) throw new Error(`the ${rule.step} step does not record ${unknown.join(', ')}: add them to its rule in libs/custody`);
    const event = this.ledger.event({
      itemId: record.id,
      itemCode: record.code,
      eventCount: record.eventCount,
      previousHash: record.lastEventHash,
      type: rule.event,
      occurredAt: context.occurredAt,
      actor: order.actor,
      site: site.code,
      location: change.eventLocation !== undefined ? change.eventLocation : placed.code,
      transfer: change.transfer ?? null,
      reason: change.reason ?? null,
      details,
    });
    const update: ItemUpdate = {
      id: record.id,
      previousHash: record.lastEventHash,
      status: to,
      siteId: itemSite.id,
      locationId: placed.id,
      sealNumber: change.sealNumber !== undefined ? change.sealNumber : record.sealNumber,
      sealDamaged: change.sealDamaged ?? record.sealDamaged,
      reviewOn: change.reviewOn !== undefined ? change.reviewOn : record.reviewOn,
      hash: event.hash,
      eventCount: event.itemSequence,
    };
    const next: ItemRecord = {
      ...record,
      status: to,
      siteId: itemSite.id,
      site: itemSite.code,
      locationId: placed.id,
      location: placed.code,
      sealNumber: update.sealNumber,
      sealDamaged: update.sealDamaged,
      reviewOn: update.reviewOn,
      transfer: to === ItemStatus.InTransit ? (change.transfer ?? null) : null,
      transferToSiteId: to === ItemStatus.InTransit ? record.transferToSiteId : null,
      custodian: to === ItemStatus.CheckedOut ? (change.custodian ?? record.custodian) : null,
      lastEventHash: event.hash,
      eventCount: event.itemSequence,
    };
    return { update, event, next };
  }

  private async creations(
    manager: EntityManager,
    rule: StepRule,
    actor: Actor,
    site: SiteRef,
    items: NewItem[],
    occurredAt: Date,
    witness: Actor | null = null,
  ) {
    const codes = await nextCodes(manager, CodeKind.Item, items.length);
    const creations: ItemCreation[] = [];
    const events: AppendedEvent[] = [];
    const records: ItemRecord[] = [];
    const status = rule.to as ItemStatus;
    for (const [index, item] of items.entries()) {
      const id = randomUUID();
      const drafts = item.events ?? [{ occurredAt, location: null, details: item.details }];
      let newest: AppendedEvent | null = null;
      for (const [count, draft] of drafts.entries()) {
        const details = { ...draft.details };
        if (count === 0 && rule.records.includes('witness') && !('witness' in details)) details.witness = witness?.username ?? null;
        newest = this.ledger.event({
          itemId: id,
          itemCode: codes[index],
          eventCount: count,
          previousHash: newest?.hash ?? null,
          type: rule.event,
          occurredAt: draft.occurredAt,
          actor,
          site: site.code,
          location: draft.location,
          transfer: null,
          reason: null,
          details,
        });
        events.push(newest);
      }
      const head = newest!;
      creations.push({
        id,
        code: codes[index],
        seizureId: item.seizureId,
        parentId: item.parentId ?? null,
        category: item.category,
        description: item.description,
        quantity: item.quantity,
        unit: item.unit,
        sealNumber: item.sealNumber,
        status,
        siteId: site.id,
        locationId: item.location?.id ?? null,
        eventCount: drafts.length,
        hash: head.hash,
      });
      records.push({
        id,
        code: codes[index],
        status,
        category: item.category,
        description: item.description,
        quantity: Number(item.quantity),
        unit: item.unit,
        sealNumber: item.sealNumber,
        sealDamaged: false,
        site: site.code,
        siteId: site.id,
        location: item.location?.code ?? null,
        locationId: item.location?.id ?? null,
        transfer: null,
        transferToSiteId: null,
        custodian: null,
        parent: null,
        reviewOn: null,
        seizure: '',
        seizureId: item.seizureId,
        caseNumber: '',
        createdAt: occurredAt,
        updatedAt: occurredAt,
        lastEventHash: head.hash,
        eventCount: drafts.length,
      });
    }
    return { creations, events, records };
  }
}

/** Where the step leaves the item: by its rule's placement, and the location the change names. */
function placementOf(placement: Placement, record: ItemRecord, change: ItemChange): { id: string | null; code: string | null } {
  switch (placement) {
    case Placement.Keeps:
      return { id: record.locationId, code: record.location };
    case Placement.AtLocation:
      if (!change.location) throw new Error('this step places the item at a location, and none was given');
      return { id: change.location.id, code: change.location.code };
    case Placement.AtLocationIfGiven:
      return { id: change.location?.id ?? null, code: change.location?.code ?? null };
    case Placement.NoLocation:
      return { id: null, code: null };
  }
}
