import { csvOf } from '../common/csv';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { siteCondition } from '../custody/access';
import { ItemCategory } from '../../libs/custody';
import { Optional } from '../common/validators';

export class StatisticsQuery {
  @ApiPropertyOptional({ example: 2026, description: 'The calendar year (UTC); this year if absent' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class SiteYearDoc {
  @ApiProperty({ example: 'POL-BRU' }) site: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Seizures registered at the site' }) seizures: number;
  @ApiProperty({ description: 'Items registered at the site (samples included)' }) items: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { drugs: 12, cash: 3 } }) itemsByCategory: Record<ItemCategory, number>;
  @ApiProperty({ description: 'Items received from another site' }) received: number;
  @ApiProperty({ description: 'Items dispatched to another site' }) transferred: number;
  @ApiProperty({ description: 'Items disposed of' }) disposed: number;
}

export class StatisticsDoc {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ type: [SiteYearDoc] }) sites: SiteYearDoc[];
  @ApiProperty({ type: SiteYearDoc, description: 'All the sites above together (site "ALL")' }) total: SiteYearDoc;
}

const categories = Object.values(ItemCategory);

/** The yearly table of annual reports: per site, seizures, items by category, received, transferred, disposed. */
@Injectable()
export class StatisticsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forYear(actor: Actor, query: StatisticsQuery): Promise<StatisticsDoc> {
    const year = query.year ?? new Date().getUTCFullYear();
    const from = new Date(Date.UTC(year, 0, 1));
    const to = new Date(Date.UTC(year + 1, 0, 1));
    const parameters: unknown[] = [from, to];
    const siteFilter = siteCondition(actor, 'site.id', (value) => `$${parameters.push(value)}`);
    const rows = (await this.dataSource.query(
      `SELECT site.code AS site, site.name,
              (SELECT count(*)::int FROM seizures s WHERE s.site_id = site.id AND s.created_at >= $1 AND s.created_at < $2) AS seizures,
              (SELECT coalesce(json_object_agg(category, count), '{}') FROM (
                 SELECT event.details->>'category' AS category, count(*)::int AS count FROM custody_events event
                  WHERE event.site_code = site.code AND event.type IN ('seized', 'sampled') AND event.details ? 'category'
                    AND event.occurred_at >= $1 AND event.occurred_at < $2 GROUP BY 1) registered) AS "itemsByCategory",
              (SELECT count(*)::int FROM custody_events event WHERE event.site_code = site.code AND event.type = 'received' AND event.occurred_at >= $1 AND event.occurred_at < $2) AS received,
              (SELECT count(*)::int FROM custody_events event WHERE event.site_code = site.code AND event.type = 'dispatched' AND event.occurred_at >= $1 AND event.occurred_at < $2) AS transferred,
              (SELECT count(*)::int FROM custody_events event WHERE event.site_code = site.code AND event.type = 'disposed' AND event.occurred_at >= $1 AND event.occurred_at < $2) AS disposed
         FROM sites site WHERE ${siteFilter} ORDER BY site.code`,
      parameters,
    )) as (Omit<SiteYearDoc, 'items'> & { itemsByCategory: Partial<Record<ItemCategory, number>> })[];
    const sites = rows.map((row) => {
      const itemsByCategory = Object.fromEntries(categories.map((category) => [category, row.itemsByCategory[category] ?? 0])) as Record<ItemCategory, number>;
      return { ...row, itemsByCategory, items: categories.reduce((sum, category) => sum + itemsByCategory[category], 0) };
    });
    const total: SiteYearDoc = {
      site: 'ALL',
      name: 'All sites',
      seizures: 0,
      items: 0,
      received: 0,
      transferred: 0,
      disposed: 0,
      itemsByCategory: Object.fromEntries(categories.map((category) => [category, 0])) as Record<ItemCategory, number>,
    };
    for (const site of sites) {
      for (const key of ['seizures', 'items', 'received', 'transferred', 'disposed'] as const) total[key] += site[key];
      for (const category of categories) total.itemsByCategory[category] += site.itemsByCategory[category];
    }
    return { year, sites, total };
  }

  async csvForYear(actor: Actor, query: StatisticsQuery): Promise<string> {
    const { year, sites, total } = await this.forYear(actor, query);
    const header = ['year', 'site', 'name', 'seizures', 'items', ...categories.map((category) => `items_${category}`), 'received', 'transferred', 'disposed'];
    const rows = [...sites, total].map((row) => [
      year,
      row.site,
      row.name,
      row.seizures,
      row.items,
      ...categories.map((category) => row.itemsByCategory[category]),
      row.received,
      row.transferred,
      row.disposed,
    ]);
    return csvOf(header, rows);
  }
}
