import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CodeKind, parseCode } from '../../libs/codes';
import { formatQuantity, LabelContent, LabelLanguage, labelWords } from '../../libs/labels';
import { Actor } from '../auth/actor';
import { mayReadItem } from '../custody/access';
import { CustodyError, CustodyErrorCode, FieldProblem } from '../common/errors/custody-error';
import { validationFailed } from '../common/validation';
import { ItemRecord, selectItemRecords } from '../custody/item-records';
import { LocationsService } from '../locations/locations.service';
import { SitesService } from '../sites/sites.service';
import { TransfersService } from '../transfers/transfers.service';

/** A code to print, as what it names: its label's content, and (for an item) its id. */
export interface LabelSubject {
  code: string;
  kind: CodeKind;
  itemId: string | null;
  /** The item itself, for an item's label. */
  item: ItemRecord | null;
  content: LabelContent;
}

/** What the labels of items, locations and transfers say, read with the reader's access. */
@Injectable()
export class LabelContentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly locations: LocationsService,
    private readonly transfers: TransfersService,
    private readonly sites: SitesService,
  ) {}

  /**
   * The label subjects of scanned codes, in their order: a malformed code or one of another kind
   * is a 400 naming its place, a code the reader may not see a 404 naming it. Labels speak
   * `language` (the primary language of the printer's site), or else that of the site the subject
   * belongs to (an item's or a location's site, a transfer's sending site).
   */
  async subjectsFor(reader: Actor, scanned: string[], field = 'codes', language?: LabelLanguage): Promise<LabelSubject[]> {
    const problems: FieldProblem[] = [];
    const parsed = scanned.map((entry, index) => {
      const result = parseCode(entry);
      if (!result.ok) problems.push({ field: `${field}[${index}]`, problem: result.problem });
      else if (result.kind === CodeKind.Seizure) problems.push({ field: `${field}[${index}]`, problem: 'is a seizure code: print the labels of its items' });
      return result;
    });
    if (problems.length > 0) throw validationFailed(problems);

    const itemCodes = parsed.flatMap((result) => (result.ok && result.kind === CodeKind.Item ? [result.code] : []));
    const items = new Map(
      (itemCodes.length ? await selectItemRecords(this.dataSource.manager, 'item.code = ANY($1)', [itemCodes]) : []).map((row) => [row.code, row]),
    );
    const subjects: LabelSubject[] = [];
    const missing: FieldProblem[] = [];
    for (const [index, result] of parsed.entries()) {
      if (!result.ok) continue;
      try {
        subjects.push(await this.subject(reader, result.code, result.kind, items, language));
      } catch (error) {
        if (!(error instanceof CustodyError && error.code === CustodyErrorCode.NotFound)) throw error;
        missing.push({ field: `${field}[${index}]`, problem: `names nothing you can see: ${result.code}` });
      }
    }
    if (missing.length > 0) throw new CustodyError(CustodyErrorCode.NotFound, missing.map((p) => `${p.field} ${p.problem}`).join('; '), missing);
    return subjects;
  }

  private async subject(reader: Actor, code: string, kind: CodeKind, items: Map<string, ItemRecord>, language?: LabelLanguage): Promise<LabelSubject> {
    const wordsOf = async (site: string) => {
      const chosen = language ?? ((await this.sites.documentLanguagesOf([site])).get(site)?.[0] as LabelLanguage | undefined) ?? 'en';
      return { words: labelWords(chosen), chosen };
    };
    switch (kind) {
      case CodeKind.Item: {
        const item = items.get(code);
        if (!item || !mayReadItem(reader, item)) throw CustodyError.notFound(`item ${code}`);
        const { words, chosen } = await wordsOf(item.site);
        return {
          code,
          kind,
          itemId: item.id,
          item,
          content: {
            kind: 'item',
            code,
            heading: item.caseNumber,
            reprint: null,
            reprintWord: words.reprint,
            description: item.description,
            facts: [
              `${words.categories[item.category] ?? item.category} · ${formatQuantity(item.quantity, item.unit, chosen)}`,
              item.sealNumber ? `${words.seal} ${item.sealNumber}` : words.noSeal,
              `${item.site}${item.location ? ` · ${item.location}` : ''}`,
            ],
          },
        };
      }
      case CodeKind.Location: {
        const location = await this.locations.getFor(reader, code);
        const { words } = await wordsOf(location.site);
        return {
          code,
          kind,
          itemId: null,
          item: null,
          content: {
            kind: 'location',
            code,
            heading: location.name,
            reprint: null,
            reprintWord: words.reprint,
            description: location.path,
            facts: [`${words.locationKinds[location.kind] ?? location.kind} · ${location.site}`],
          },
        };
      }
      case CodeKind.Transfer: {
        const transfer = await this.transfers.getFor(reader, code);
        const { words } = await wordsOf(transfer.fromSite);
        return {
          code,
          kind,
          itemId: null,
          item: null,
          content: {
            kind: 'transfer',
            code,
            heading: `${words.transfer} ${transfer.fromSite} → ${transfer.toSite}`,
            reprint: null,
            reprintWord: words.reprint,
            description: transfer.purpose,
            facts: [
              `${words.items(transfer.counts.items)} · ${words.transferStatuses[transfer.status] ?? transfer.status}`,
              `${words.preparedBy} ${transfer.createdBy}`,
            ],
          },
        };
      }
      case CodeKind.Seizure:
        throw CustodyError.invalid('code', 'is a seizure code: print the labels of its items');
    }
  }
}
