import { Body, Controller, Get, HttpCode, Param, Query } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { Roles, SessionCheckedByService, SignedIn } from '../auth/access.decorators';
import { SiteAction } from '../../libs/custody';
import { rolesThatCan } from '../custody/access';
import { ItemQuery } from './dto/item-query.dto';
import { MoveItemDto } from './dto/move-item.dto';
import { ItemsService } from './items.service';
import { ApiAnswers, pageDoc } from '../common/api-docs';
import { HistoryEntryDoc, ItemDoc } from './dto/item.response';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Get()
  @SignedIn()
  @ApiAnswers({ status: 200, type: pageDoc(ItemDoc), description: 'Items of the sites you may see, filtered and sorted' }, 401, 404)
  list(@Actor() actor: Actor, @Query() query: ItemQuery) {
    return this.items.list(actor, query);
  }

  @Get(':code')
  @SignedIn()
  @SessionCheckedByService()
  @ApiAnswers({ status: 200, type: ItemDoc, description: 'The item and where it is' }, 401, 404)
  get(@Actor() actor: Actor, @Param('code') code: string) {
    return this.items.getFor(actor, code);
  }

  @Get(':code/history')
  @SignedIn()
  @ApiAnswers({ status: 200, type: [HistoryEntryDoc], description: 'The item’s custody events, oldest first' }, 401, 404)
  history(@Actor() actor: Actor, @Param('code') code: string) {
    return this.items.historyFor(actor, code);
  }

  @Post(':code/moves')
  @HttpCode(200)
  @Roles(...rolesThatCan(SiteAction.StoreItems))
  @SessionCheckedByService()
  @ApiAnswers({ status: 200, type: ItemDoc, description: 'Stored there (a `moved` event), or already there (no event)' }, 401, 403, 404, 409)
  move(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: MoveItemDto) {
    return this.items.move(actor, code, dto);
  }
}
