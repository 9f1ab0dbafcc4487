import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { LedgerEvent } from '../../libs/ledger';
import { Actor } from '../auth/actor';
import { SignedIn } from '../auth/access.decorators';
import { siteScope } from '../custody/access';
import { EventRow, eventColumns, ledgerEventOf } from '../custody/event-rows';
import { ApiAnswers } from '../common/api-docs';
import { Optional } from '../common/validators';
import { HistoryEntryDoc } from '../items/dto/item.response';
import { RecordsItemRead } from '../reads/read-log';

/** Positions looked at per request, whatever the caller's sites: a follower of a quiet site still moves on, at a bounded cost a page. */
export const feedWindow = 10_000;

export class EventFeedQuery {
  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'The `next` of the previous page (0 to start from the first event)' })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after: number = 0;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @Optional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;
}

/** An event of the feed: the item's event as hashed, with its position and hash. */
export type FeedEvent = LedgerEvent & { sequence: number; hash: string };

/** A positioned event as the feed serves it (and webhooks deliver it). */
export function feedEventOf(row: EventRow): FeedEvent {
  return { ...ledgerEventOf(row), sequence: Number(row.sequence), hash: row.hash };
}

export interface FeedPage {
  events: FeedEvent[];
  next: number;
  head: number;
}

class FeedEventDoc extends HistoryEntryDoc {
  @ApiProperty({ example: 'I000000022X' }) item: string;
}

class FeedPageDoc {
  @ApiProperty({ type: [FeedEventDoc], description: 'Events after `after`, in ledger order; fewer than `limit` does not mean the end: follow `next`' })
  events: FeedEventDoc[];
  @ApiProperty({ example: 1200, description: 'The `after` of the next page' }) next: number;
  @ApiProperty({ example: 1250, description: 'The newest position so far: the feed is caught up when `next` equals it' }) head: number;
}

/**
 * The custody events a caller may read, in ledger order, for an integration to follow: those that
 * happened at a site where the caller holds a role, and those of transfers on their way to one
 * (every event for auditors and administrators). Only positioned events are served (about a second
 * after the step), so a page once read never changes and `next` never skips one.
 */
@Injectable()
export class EventFeed {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async page(actor: Actor, query: EventFeedQuery): Promise<FeedPage> {
    const [{ head }] = (await this.dataSource.query(`SELECT coalesce(max(sequence), 0)::bigint AS head FROM custody_events`)) as { head: string }[];
    const newest = Number(head);
    const until = Math.min(newest, query.after + feedWindow);
    if (until <= query.after) return { events: [], next: query.after, head: newest };
    const scope = siteScope(actor);
    const rows = (await this.dataSource.query(
      `SELECT ${eventColumns('e')} FROM custody_events e
        WHERE e.sequence > $1 AND e.sequence <= $2
          AND ($4::uuid[] IS NULL
               OR e.site_code IN (SELECT code FROM sites WHERE id = ANY($4::uuid[]))
               OR e.transfer_code IN (SELECT code FROM transfers WHERE to_site_id = ANY($4::uuid[])))
        ORDER BY e.sequence LIMIT $3`,
      [query.after, until, query.limit, scope],
    )) as EventRow[];
    const events = rows.map(feedEventOf);
    const next = events.length === query.limit ? events[events.length - 1].sequence : until;
    return { events, next, head: newest };
  }
}

@ApiTags('integrations')
@Controller('events')
export class EventFeedController {
  constructor(private readonly feed: EventFeed) {}

  @Get()
  @SignedIn()
  @RecordsItemRead('feed')
  @ApiOperation({
    summary: 'Follow the custody events',
    description:
      'The custody events you may read, in ledger order, a page at a time: start with `after=0` and pass each answer’s `next`. An event is here about a second after its step, once it has its ledger position; its `hash` lets you check it against the proof bundles and checkpoints.',
  })
  @ApiAnswers({ status: 200, type: FeedPageDoc, description: 'A page of events and where the next one starts' }, 401)
  list(@Actor() actor: Actor, @Query() query: EventFeedQuery): Promise<FeedPage> {
    return this.feed.page(actor, query);
  }
}
