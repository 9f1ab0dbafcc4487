import { csvOf } from '../common/csv';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { auditReport, AuditReport, RecordedItem, sampleSize } from '../../libs/audits';
import { CodeKind } from '../../libs/codes';
import { requireCodes } from '../common/scanned-code';
import { Actor } from '../auth/actor';
import { mayAct, mayReadSite, requireAction, siteCondition } from '../custody/access';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { CustodyStep, SiteAction } from '../../libs/custody';
import { CustodyEngine } from '../custody/custody-engine.service';
import { markRequestApplied } from '../idempotency/idempotency-context';
import { LocationsService } from '../locations/locations.service';
import type { Site } from '../sites/site.entity';
import { SitesService } from '../sites/sites.service';
import { Audit, AuditKind, AuditStatus } from './audit.entity';
import { AuditQuery, AuditScansDto, StartAuditDto, StartRandomAuditDto } from './dto/audit.dto';

export interface AuditView {
  id: string;
  kind: AuditKind;
  status: AuditStatus;
  site: string;
  location: string | null;
  startedBy: string;
  startedAt: Date;
  finishedBy: string | null;
  finishedAt: Date | null;
  expected: number;
  scanned: number;
  population: number | null;
  sampleSize: number | null;
  report: AuditReport | null;
}

// the items below a location, the location included
const subtree = `WITH RECURSIVE below AS (SELECT id FROM locations WHERE id = $2 UNION ALL SELECT child.id FROM locations child JOIN below ON child.parent_id = below.id) SELECT id FROM below`;

/** Inventories: expected items as the records stand, codes scanned in, and a report of what matched. */
@Injectable()
export class AuditsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sites: SitesService,
    private readonly locations: LocationsService,
    private readonly custody: CustodyEngine,
  ) {}

  async start(actor: Actor, dto: StartAuditDto): Promise<AuditView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const site = await this.siteToAudit(manager, actor, dto.site);
      const location = dto.location !== undefined ? await this.locations.requireAtSite(manager, dto.location, site.id, 'location') : null;
      const audit = await this.insertAudit(manager, actor, site, location ? AuditKind.Location : AuditKind.Site, { locationId: location?.id ?? null });
      await manager.query(
        `INSERT INTO audit_expected_items (audit_id, item_id)
         SELECT $3, item.id FROM items item WHERE item.site_id = $1 AND item.status = 'in_custody' ${location ? `AND item.location_id IN (${subtree})` : 'AND $2::uuid IS NULL'}`,
        [site.id, location?.id ?? null, audit.id],
      );
      await markRequestApplied(manager);
      return audit.id;
    });
    return this.getFor(actor, id);
  }

  /** Draws a sample of the site's items in custody, as large as the confidence and margin ask, and audits just those. */
  async startRandom(
    actor: Actor,
    dto: StartRandomAuditDto,
  ): Promise<{ id: string; population: number; sampleSize: number; confidence: number; margin: number; items: string[] }> {
    const confidence = dto.confidence ?? 0.95;
    const margin = dto.margin ?? 0.03;
    return this.dataSource.transaction(async (manager) => {
      const site = await this.siteToAudit(manager, actor, dto.site);
      const [{ population }] = await manager.query(`SELECT count(*)::int AS population FROM items WHERE site_id = $1 AND status = 'in_custody'`, [site.id]);
      const size = sampleSize(population, confidence, margin);
      const audit = await this.insertAudit(manager, actor, site, AuditKind.Random, {
        confidence: String(confidence),
        margin: String(margin),
        population,
        sampleSize: size,
      });
      const drawn = (await manager.query(
        `INSERT INTO audit_expected_items (audit_id, item_id)
         SELECT $2, id FROM items WHERE site_id = $1 AND status = 'in_custody' ORDER BY random() LIMIT $3
         RETURNING (SELECT code FROM items WHERE id = item_id) AS code`,
        [site.id, audit.id, size],
      )) as { code: string }[];
      await markRequestApplied(manager);
      return { id: audit.id, population, sampleSize: size, confidence, margin, items: drawn.map((row) => row.code).sort() };
    });
  }

  /** Takes in scanned codes; a code scanned before counts once. Any well-formed item code is kept: an unknown one is a finding too. */
  async scan(actor: Actor, id: string, dto: AuditScansDto): Promise<{ audit: string; added: number; alreadyScanned: string[]; scanned: number }> {
    const codes = requireCodes(dto.items, CodeKind.Item, 'items');
    return this.dataSource.transaction(async (manager) => {
      const audit = await this.lockOpen(manager, actor, id, 'scanning');
      const unique = [...new Set(codes)];
      const added = (await manager.query(
        `INSERT INTO audit_scans (audit_id, code, scanned_by_id, scanned_at) SELECT $1, code, $2, now() FROM unnest($3::text[]) AS code
         ON CONFLICT (audit_id, code) DO NOTHING RETURNING code`,
        [audit.id, actor.userId, unique],
      )) as { code: string }[];
      const fresh = new Set(added.map((row) => row.code));
      const [{ scanned }] = await manager.query(`SELECT count(*)::int AS scanned FROM audit_scans WHERE audit_id = $1`, [audit.id]);
      await markRequestApplied(manager);
      return { audit: audit.id, added: fresh.size, alreadyScanned: unique.filter((code) => !fresh.has(code)), scanned };
    });
  }

  /** Ends the audit: the report is made and kept, and each item found in place gets an `audited` event. */
  async finish(actor: Actor, id: string): Promise<AuditReport & { audit: string }> {
    return this.dataSource.transaction(async (manager) => {
      const audit = await this.lockOpen(manager, actor, id, 'finishing');
      const scanned = (
        (await manager.query(`SELECT code FROM audit_scans WHERE audit_id = $1 ORDER BY scanned_at, code`, [audit.id])) as { code: string }[]
      ).map((row) => row.code);
      const inScope = audit.locationId ? `item.location_id IN (${subtree})` : '$2::uuid IS NULL';
      const recordedRows = (await manager.query(
        `SELECT item.code, item.status = 'in_custody' AND item.site_id = $1 AS "inCustodyHere", coalesce(${inScope}, false) AS "inScope"
           FROM items item WHERE item.code = ANY($3)`,
        [audit.siteId, audit.locationId, scanned],
      )) as ({ code: string } & RecordedItem)[];
      // expected items that left with a custody step since the audit began are not missing
      const expected = (
        (await manager.query(
          `SELECT item.code FROM audit_expected_items expected JOIN items item ON item.id = expected.item_id
          WHERE expected.audit_id = $3 AND item.status = 'in_custody' AND item.site_id = $1 AND coalesce(${inScope}, false)`,
          [audit.siteId, audit.locationId, audit.id],
        )) as { code: string }[]
      ).map((row) => row.code);
      const report = auditReport(expected, scanned, new Map(recordedRows.map(({ code, ...recorded }) => [code, recorded])));

      // found items locked now: one that left with a custody step a moment ago gets no `audited` event
      const stillHere = (await manager.query(`SELECT id FROM items WHERE code = ANY($1) AND status = 'in_custody' AND site_id = $2 ORDER BY id FOR UPDATE`, [
        report.found,
        audit.siteId,
      ])) as { id: string }[];
      await this.custody.performIn(
        manager,
        {
          step: CustodyStep.Audit,
          actor,
          items: { ids: stillHere.map((item) => item.id) },
          change: () => ({ details: { audit: audit.id, kind: audit.kind } }),
        },
        null,
      );
      await manager.update(Audit, { id: audit.id }, { status: AuditStatus.Finished, finishedAt: new Date(), finishedById: actor.userId, report });
      await markRequestApplied(manager);
      return { audit: audit.id, ...report };
    });
  }

  /** The one-step fix of a location audit: every misplaced item is recorded where it was found, with a `moved` event. */
  async moveMisplaced(actor: Actor, id: string): Promise<{ audit: string; moved: string[] }> {
    return this.dataSource.transaction(async (manager) => {
      const audit = await this.readable(manager, actor, id);
      requireAction(actor, SiteAction.StoreItems, { id: audit.siteId, code: await this.sites.codeOf(audit.siteId, manager) }, 'moving items');
      if (audit.status !== AuditStatus.Finished || audit.kind !== AuditKind.Location || !audit.locationId) {
        throw new CustodyError(CustodyErrorCode.Conflict, 'only a finished audit of a location has misplaced items to put back in the records');
      }
      const misplaced = (await manager.query(
        `SELECT id FROM items WHERE code = ANY($1) AND status = 'in_custody' AND site_id = $2 AND location_id IS DISTINCT FROM $3`,
        [audit.report!.misplaced, audit.siteId, audit.locationId],
      )) as { id: string }[];
      const { events } = await this.custody.performIn(
        manager,
        {
          step: CustodyStep.Move,
          actor,
          items: { ids: misplaced.map((item) => item.id) },
          location: { code: await this.locations.codeOf(manager, audit.locationId), field: 'location' },
          // a concurrent step may have put it there meanwhile: nothing to record then
          change: (item, { location }) =>
            item.locationId === location!.id || item.status !== 'in_custody'
              ? { unchanged: true }
              : { location, reason: `found here by audit ${audit.id}`, details: { from: item.location, audit: audit.id } },
        },
        null,
      );
      await markRequestApplied(manager);
      return { audit: audit.id, moved: events.map((event) => event.item) };
    });
  }

  async getFor(actor: Actor, id: string): Promise<AuditView> {
    const [view] = await this.views(`audit.id = $1`, [id]);
    if (!view || !mayReadSite(actor, view.siteId)) throw CustodyError.notFound(`audit ${id}`);
    return strip(view);
  }

  async list(actor: Actor, query: AuditQuery): Promise<AuditView[]> {
    if (query.site !== undefined) return (await this.views('audit.site_id = $1', [(await this.sites.requireReadable(actor, query.site)).id])).map(strip);
    const parameters: unknown[] = [];
    return (
      await this.views(
        siteCondition(actor, 'audit.site_id', (value) => `$${parameters.push(value)}`),
        parameters,
      )
    ).map(strip);
  }

  /** The report as CSV, one finding a line, for a spreadsheet or the file. */
  async reportCsv(actor: Actor, id: string): Promise<string> {
    const audit = await this.getFor(actor, id);
    if (!audit.report) throw new CustodyError(CustodyErrorCode.Conflict, 'the audit is not finished: its report is made when it is');
    const rows = (['found', 'misplaced', 'missing', 'unexpected'] as const).flatMap((finding) =>
      audit.report![finding].map((code) => [finding, code, audit.site, audit.location ?? '']),
    );
    return csvOf(['finding', 'item', 'site', 'location'], rows);
  }

  private async views(where: string, parameters: unknown[]): Promise<(AuditView & { siteId: string })[]> {
    return this.dataSource.query(
      `SELECT audit.id, audit.kind, audit.status, site.code AS site, audit.site_id AS "siteId", location.code AS location, starter.username AS "startedBy",
              audit.started_at AS "startedAt", finisher.username AS "finishedBy", audit.finished_at AS "finishedAt",
              (SELECT count(*)::int FROM audit_expected_items WHERE audit_id = audit.id) AS expected,
              (SELECT count(*)::int FROM audit_scans WHERE audit_id = audit.id) AS scanned,
              audit.population, audit.sample_size AS "sampleSize", audit.report
         FROM audits audit JOIN sites site ON site.id = audit.site_id LEFT JOIN locations location ON location.id = audit.location_id
         JOIN users starter ON starter.id = audit.started_by_id LEFT JOIN users finisher ON finisher.id = audit.finished_by_id
        WHERE ${where} ORDER BY audit.started_at DESC`,
      parameters,
    );
  }

  /** The site to audit: auditors audit any site; people of a site their own. */
  private async siteToAudit(manager: EntityManager, actor: Actor, code: string): Promise<Site> {
    const site = await this.sites.requireReadable(actor, code, manager);
    if (!mayAct(actor, SiteAction.Audit, site.id))
      throw new CustodyError(CustodyErrorCode.Forbidden, `auditing ${site.code} needs the auditor role or a role there`);
    return site;
  }

  private async insertAudit(manager: EntityManager, actor: Actor, site: Site, kind: AuditKind, fields: Partial<Audit>): Promise<Audit> {
    const audit = manager.create(Audit, { kind, status: AuditStatus.Open, siteId: site.id, startedById: actor.userId, startedAt: new Date(), ...fields });
    await manager.insert(Audit, audit);
    return audit;
  }

  private async readable(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<Audit> {
    const audit = await manager.findOne(Audit, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!audit || !mayReadSite(actor, audit.siteId)) throw CustodyError.notFound(`audit ${id}`);
    return audit;
  }

  private async lockOpen(manager: EntityManager, actor: Actor, id: string, doing: string): Promise<Audit> {
    const audit = await this.readable(manager, actor, id, true);
    if (!mayAct(actor, SiteAction.Audit, audit.siteId))
      throw new CustodyError(CustodyErrorCode.Forbidden, 'this audit is run by auditors and the people of its site');
    if (audit.status !== AuditStatus.Open)
      throw new CustodyError(CustodyErrorCode.AuditFinished, `audit ${audit.id} is finished: ${doing} needs an open audit`);
    return audit;
  }
}

function strip(view: AuditView & { siteId: string }): AuditView {
  const { siteId: _siteId, ...rest } = view;
  return rest;
}
