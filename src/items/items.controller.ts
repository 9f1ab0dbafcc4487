import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { Roles, SignedIn } from '../auth/access.decorators';
import { rolesThatCan, SiteAction } from '../auth/permissions';
import { ItemQuery } from './dto/item-query.dto';
import { MoveItemDto } from './dto/move-item.dto';
import { ItemsService } from './items.service';

@ApiTags('items')
@ApiBearerAuth()
@Controller('items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Get()
  @SignedIn()
  list(@Actor() actor: Actor, @Query() query: ItemQuery) {
    return this.items.list(actor, query);
  }

  @Get(':code')
  @SignedIn()
  get(@Actor() actor: Actor, @Param('code') code: string) {
    return this.items.getFor(actor, code);
  }

  @Get(':code/history')
  @SignedIn()
  history(@Actor() actor: Actor, @Param('code') code: string) {
    return this.items.historyFor(actor, code);
  }

  @Post(':code/moves')
  @HttpCode(200)
  @Roles(...rolesThatCan(SiteAction.MoveItem))
  move(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: MoveItemDto) {
    return this.items.move(actor, code, dto);
  }
}
