import { Body, Controller, Get, HttpCode, Param, Query, StreamableFile } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiProperty, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { Roles, SessionCheckedByService, SignedIn } from '../auth/access.decorators';
import { SiteAction } from '../../libs/custody';
import { rolesThatCan } from '../custody/access';
import { ItemQuery } from './dto/item-query.dto';
import { MoveItemDto } from './dto/move-item.dto';
import { ItemsService } from './items.service';
import { ApiAnswers, pageDoc } from '../common/api-docs';
import { HistoryEntryDoc, ItemDoc } from './dto/item.response';
import { Role } from '../auth/role';
import { PageQuery } from '../common/pagination';
import { ReadLog, readKinds, RecordsItemRead } from '../reads/read-log';

/** One read of an item, as auditors list them. */
class ItemReadDoc {
  @ApiProperty() readAt: Date;
  @ApiProperty({ example: 'officer' }) reader: string;
  @ApiProperty({ enum: readKinds }) what: string;
  @ApiProperty({ example: '192.0.2.10' }) sourceAddress: string;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
}

@ApiTags('items')
@Controller('items')
export class ItemsController {
  constructor(
    private readonly items: ItemsService,
    private readonly reads: ReadLog,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List items',
    description:
      'Items of the sites the caller may read, filtered by site, location, status, category, case number or review due, sorted and a page at a time.',
  })
  @SignedIn()
  @RecordsItemRead('list')
  @ApiAnswers({ status: 200, type: pageDoc(ItemDoc), description: 'Items of the sites you may see, filtered and sorted' }, 401, 404)
  list(@Actor() actor: Actor, @Query() query: ItemQuery) {
    return this.items.list(actor, query);
  }

  @Get(':code')
  @ApiOperation({ summary: 'Get an item', description: 'The item and where it is: its status, site, location, transfer or custodian, seal and seizure.' })
  @SignedIn()
  @SessionCheckedByService()
  @RecordsItemRead('record')
  @ApiAnswers({ status: 200, type: ItemDoc, description: 'The item and where it is' }, 401, 404)
  get(@Actor() actor: Actor, @Param('code') code: string) {
    return this.items.getFor(actor, code);
  }

  @Get(':code/history')
  @ApiOperation({
    summary: 'Get an item’s custody history',
    description: 'Every custody event of the item, oldest first, with the actor, place, reason and the hashes that chain them.',
  })
  @SignedIn()
  @RecordsItemRead('history')
  @ApiAnswers({ status: 200, type: [HistoryEntryDoc], description: 'The item’s custody events, oldest first' }, 401, 404)
  history(@Actor() actor: Actor, @Param('code') code: string) {
    return this.items.historyFor(actor, code);
  }

  @Get(':code/reads')
  @ApiOperation({
    summary: 'List who read an item',
    description:
      'Every read of the item (its record, history, report, bundle, verification, label, or a list, seizure page or scan that showed it), newest first. For auditors and administrators.',
  })
  @Roles(Role.Auditor, Role.Admin)
  @ApiAnswers(
    {
      status: 200,
      type: pageDoc(ItemReadDoc),
      description: 'Who read the item (its record, history, report, bundle, verification or label; a list, seizure page or scan that showed it), newest first',
    },
    401,
    403,
    404,
  )
  async readsOf(@Actor() actor: Actor, @Param('code') code: string, @Query() query: PageQuery) {
    const item = await this.items.readable(actor, code, 'code');
    return this.reads.readsOf(item.code, query);
  }

  @Get(':code/reads.csv')
  @ApiOperation({
    summary: 'Export who read an item as CSV',
    description: 'The same reads as GET /items/{code}/reads, oldest first, as a CSV file. For auditors and administrators.',
  })
  @Roles(Role.Auditor, Role.Admin)
  @ApiAnswers({ status: 200, file: 'text/csv', description: 'Every read of the item, oldest first' }, 401, 403, 404)
  async readsCsv(@Actor() actor: Actor, @Param('code') code: string) {
    const item = await this.items.readable(actor, code, 'code');
    return new StreamableFile(Buffer.from(await this.reads.csvOf(item.code), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="reads-${item.code}.csv"`,
    });
  }

  @Post(':code/moves')
  @ApiOperation({
    summary: 'Store an item at a location',
    description: 'Moves the item to a location of its site (a `moved` event); already there, nothing is written.',
  })
  @HttpCode(200)
  @Roles(...rolesThatCan(SiteAction.StoreItems))
  @SessionCheckedByService()
  @ApiAnswers({ status: 200, type: ItemDoc, description: 'Stored there (a `moved` event), or already there (no event)' }, 401, 403, 404, 409)
  move(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: MoveItemDto) {
    return this.items.move(actor, code, dto);
  }
}
