import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Actor } from '../auth/actor';
import { LocationRef, SiteRef } from '../custody/custody-engine.service';
import { SeizuresService } from '../seizures/seizures.service';
import { ImportedSeizurePlan, readImportFile, RefusedRow } from './import-file';

/** Seizures per transaction: one commit for many, each still all or nothing behind its savepoint. */
const seizuresPerTransaction = 100;

export interface ImportReport {
  source: string;
  /** Rows read, besides the header. */
  rows: number;
  seizures: { imported: number; alreadyImported: number; refused: number };
  items: number;
  events: number;
  imported: { row: number; seizureReference: string; site: string; seizure: string; items: number }[];
  /** Seizures imported before (by this file or another): their rows are not read again. */
  alreadyImported: { row: number; seizureReference: string; site: string; seizure: string }[];
  refused: RefusedRow[];
}

/**
 * Brings in the items a registry already held before Custody, with their known history: each
 * seizure of the file in one transaction (all its items or none), through the custody engine's
 * one write path, every item's history as `imported` events with the original dates, then one for
 * its entry into Custody at its location. A seizure already imported at its site (its reference
 * is unique there) is left as it is, so importing a file twice adds nothing.
 */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly seizures: SeizuresService,
  ) {}

  async importFile(actor: Actor, source: string, text: string): Promise<ImportReport> {
    const file = readImportFile(text);
    const report: ImportReport = {
      source,
      rows: file.rows,
      seizures: { imported: 0, alreadyImported: 0, refused: 0 },
      items: 0,
      events: 0,
      imported: [],
      alreadyImported: [],
      refused: [...file.refused],
    };
    const sites = await this.sitesOf(file.seizures.map(({ plan }) => plan));
    const locations = await this.locationsOf([...sites.values()]);
    const ready: { plan: ImportedSeizurePlan; site: SiteRef }[] = [];
    for (const { plan: seizure, problems } of file.seizures) {
      const site = sites.get(seizure.site);
      const refuse = (row: number, field: string, problem: string) => problems.push({ row, seizureReference: seizure.reference, field, problem });
      if (!site && !problems.some((problem) => problem.field === 'site')) refuse(seizure.row, 'site', `names no site: "${seizure.site}"`);
      for (const item of seizure.items) {
        if (item.location && !(site && locationAt(locations, site, item.location)))
          refuse(item.row, 'location', `names no location of ${seizure.site}: "${item.location}"`);
      }
      if (problems.length > 0 || !site) report.refused.push(...problems);
      else ready.push({ plan: seizure, site });
    }
    for (let start = 0; start < ready.length; start += seizuresPerTransaction) {
      const chunk = ready.slice(start, start + seizuresPerTransaction);
      const outcomes = await this.importChunk(actor, source, chunk, locations);
      for (const [index, { plan, site }] of chunk.entries()) {
        const outcome = outcomes[index];
        const entry = { row: plan.row, seizureReference: plan.reference, site: site.code, seizure: outcome.code };
        if (outcome.already) report.alreadyImported.push(entry);
        else {
          report.imported.push({ ...entry, items: plan.items.length });
          report.items += plan.items.length;
          report.events += outcome.events;
        }
      }
    }
    report.seizures = {
      imported: report.imported.length,
      alreadyImported: report.alreadyImported.length,
      refused: new Set(report.refused.filter((row) => row.seizureReference !== null).map((row) => row.seizureReference)).size,
    };
    report.refused.sort((one, other) => one.row - other.row);
    return report;
  }

  /**
   * Seizures in one transaction (one commit for many), each behind a savepoint: a seizure that
   * another import committed meanwhile is rolled back alone and reported as imported before.
   */
  private async importChunk(
    actor: Actor,
    source: string,
    chunk: { plan: ImportedSeizurePlan; site: SiteRef }[],
    locations: Map<string, LocationRef>,
  ): Promise<{ already: boolean; code: string; events: number }[]> {
    const known = await this.importedBefore(chunk);
    const outcomes = await this.dataSource.transaction(async (manager) => {
      const done: ({ already: boolean; code: string; events: number } | null)[] = [];
      for (const { plan, site } of chunk) {
        const before = known.get(`${site.id}\n${plan.reference}`);
        if (before) {
          done.push({ already: true, code: before, events: 0 });
          continue;
        }
        await manager.query('SAVEPOINT seizure');
        try {
          done.push(await this.importSeizure(manager, actor, source, site, plan, locations));
          await manager.query('RELEASE SAVEPOINT seizure');
        } catch (error) {
          const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
          if (driverError?.code !== '23505' || driverError.constraint !== 'seizures_import_reference_unique') throw error;
          // another import of the same seizure committed first
          await manager.query('ROLLBACK TO SAVEPOINT seizure');
          done.push(null);
        }
      }
      return done;
    });
    const after = outcomes.includes(null) ? await this.importedBefore(chunk) : known;
    return outcomes.map(
      (outcome, index) => outcome ?? { already: true, code: after.get(`${chunk[index].site.id}\n${chunk[index].plan.reference}`)!, events: 0 },
    );
  }

  /** The seizures of the chunk imported before, by site and reference: their codes. */
  private async importedBefore(chunk: { plan: ImportedSeizurePlan; site: SiteRef }[]): Promise<Map<string, string>> {
    const rows = (await this.dataSource.query(
      `SELECT s.site_id AS "siteId", s.import_reference AS reference, s.code
         FROM seizures s JOIN unnest($1::uuid[], $2::text[]) AS wanted(site_id, reference) ON s.site_id = wanted.site_id AND s.import_reference = wanted.reference`,
      [chunk.map(({ site }) => site.id), chunk.map(({ plan }) => plan.reference)],
    )) as { siteId: string; reference: string; code: string }[];
    return new Map(rows.map((row) => [`${row.siteId}\n${row.reference}`, row.code]));
  }

  private async importSeizure(
    manager: EntityManager,
    actor: Actor,
    source: string,
    site: SiteRef,
    plan: ImportedSeizurePlan,
    locations: Map<string, LocationRef>,
  ): Promise<{ already: boolean; code: string; events: number }> {
    const enteredAt = new Date();
    let events = 0;
    const code = await this.seizures.registerImported(manager, actor, site, plan, (seizure) =>
      plan.items.map((item) => {
        const location = item.location ? locationAt(locations, site, item.location)! : null;
        const facts = {
          seizure: seizure.code,
          caseNumber: plan.caseNumber,
          category: item.category,
          description: item.description,
          quantity: item.quantity,
          unit: item.unit,
          sealNumber: item.sealNumber,
        };
        const history = [
          {
            occurredAt: plan.seizedAt,
            location: null,
            details: { ...facts, source, row: item.row, recorded: 'seized', seizureReference: plan.reference, itemReference: item.reference },
          },
          ...item.history.map((line) => ({
            occurredAt: line.occurredAt,
            location: null,
            details: { source, row: line.row, recorded: line.step, by: line.by, note: line.note },
          })),
          { occurredAt: enteredAt, location: location?.code ?? null, details: { source, row: item.row, recorded: 'imported into Custody' } },
        ];
        events += history.length;
        return { seizureId: seizure.id, ...facts, details: facts, location, events: history };
      }),
    );
    return { already: false, code, events };
  }

  private async sitesOf(seizures: ImportedSeizurePlan[]): Promise<Map<string, SiteRef>> {
    const codes = [...new Set(seizures.map((seizure) => seizure.site))];
    const rows = (await this.dataSource.query(`SELECT id, code FROM sites WHERE code = ANY($1)`, [codes])) as SiteRef[];
    return new Map(rows.map((row) => [row.code, row]));
  }

  /** The locations of these sites, by site and code, and by site and name (whichever the file gives). */
  private async locationsOf(sites: SiteRef[]): Promise<Map<string, LocationRef>> {
    const rows = (await this.dataSource.query(`SELECT id, code, name, site_id AS "siteId" FROM locations WHERE site_id = ANY($1::uuid[])`, [
      sites.map((site) => site.id),
    ])) as (LocationRef & { name: string })[];
    const found = new Map<string, LocationRef>();
    for (const { name, ...location } of rows) {
      found.set(`${location.siteId}\n${name.toLowerCase()}`, location);
      found.set(`${location.siteId}\n${location.code}`, location);
    }
    return found;
  }
}

function locationAt(locations: Map<string, LocationRef>, site: SiteRef, given: string): LocationRef | undefined {
  return locations.get(`${site.id}\n${given.toUpperCase()}`) ?? locations.get(`${site.id}\n${given.toLowerCase()}`);
}
