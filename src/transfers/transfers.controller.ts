import { Body, Controller, Delete, Get, HttpCode, Param, Query, StreamableFile } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiExtraModels, ApiTags, ApiOperation } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { Roles, SignedIn } from '../auth/access.decorators';
import { SignInSource } from '../auth/auth.service';
import { SiteAction } from '../../libs/custody';
import { rolesThatCan } from '../custody/access';
import { RequestSource } from '../auth/witness';
import { ApiAnswers, pageDoc } from '../common/api-docs';
import { CreateTransferDto, DispatchTransferDto, ReceiptDto, ReceiptLineDoc, TransferItemsDto, TransferQuery } from './dto/transfer.dto';
import { ReceiptResultDoc, TransferDoc, TransferSummaryDoc } from './dto/transfer.response';
import { TransferReceiptsService } from './transfer-receipts.service';
import { TransfersService } from './transfers.service';

@ApiTags('transfers')
@ApiExtraModels(ReceiptLineDoc)
@Controller('transfers')
export class TransfersController {
  constructor(
    private readonly transfers: TransfersService,
    private readonly receipts: TransferReceiptsService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Draft a transfer',
    description: 'A draft manifest from the caller’s site to another site, with its items; nothing moves until it is dispatched.',
  })
  @Roles(...rolesThatCan(SiteAction.SendTransfer))
  @ApiAnswers({ status: 201, type: TransferDoc, description: 'A draft manifest at the sending site' }, 401, 403, 404, 409, 422)
  create(@Actor() actor: Actor, @Body() dto: CreateTransferDto) {
    return this.transfers.create(actor, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'List transfers',
    description: 'Incoming and outgoing transfers of the caller’s sites, filtered by site, direction and status, newest first.',
  })
  @SignedIn()
  @ApiAnswers({ status: 200, type: pageDoc(TransferSummaryDoc), description: 'Incoming and outgoing transfers of your sites, newest first' }, 401, 404)
  list(@Actor() actor: Actor, @Query() query: TransferQuery) {
    return this.transfers.list(actor, query);
  }

  @Get(':code')
  @ApiOperation({ summary: 'Get a transfer', description: 'The manifest, each item’s state on it and the discrepancies reported at receipt.' })
  @SignedIn()
  @ApiAnswers({ status: 200, type: TransferDoc, description: 'The manifest, each item’s state and the discrepancies' }, 401, 404)
  get(@Actor() actor: Actor, @Param('code') code: string) {
    return this.transfers.getFor(actor, code);
  }

  @Get(':code/manifest.pdf')
  @ApiOperation({
    summary: 'Get a transfer’s manifest (PDF)',
    description: 'The transfer document in two copies with signature boxes, in the sending site’s language.',
  })
  @SignedIn()
  @ApiAnswers({ status: 200, file: 'application/pdf', description: 'The transfer document in two copies, with signature boxes (PDF)' }, 401, 404)
  async manifest(@Actor() actor: Actor, @Param('code') code: string) {
    const manifest = await this.transfers.manifestFor(actor, code);
    return new StreamableFile(manifest.pdf, { type: 'application/pdf', disposition: `inline; filename="transfer-${manifest.code}.pdf"` });
  }

  @Post(':code/items')
  @ApiOperation({
    summary: 'Add items to a draft transfer',
    description: 'Puts items in custody at the sending site on the draft; items already on it are left as they are.',
  })
  @HttpCode(200)
  @Roles(...rolesThatCan(SiteAction.SendTransfer))
  @ApiAnswers(
    { status: 200, type: TransferDoc, description: 'The draft with these items on it (items already on it are left as they are)' },
    401,
    403,
    404,
    409,
    422,
  )
  addItems(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: TransferItemsDto) {
    return this.transfers.addItems(actor, code, dto);
  }

  @Delete(':code/items/:item')
  @ApiOperation({ summary: 'Take an item off a draft transfer', description: 'The draft without that item.' })
  @Roles(...rolesThatCan(SiteAction.SendTransfer))
  @ApiAnswers({ status: 200, type: TransferDoc, description: 'The draft without that item' }, 401, 403, 404, 409)
  removeItem(@Actor() actor: Actor, @Param('code') code: string, @Param('item') item: string) {
    return this.transfers.removeItem(actor, code, item);
  }

  @Post(':code/cancel')
  @ApiOperation({ summary: 'Cancel a draft transfer', description: 'The draft is cancelled; its items stay where they are.' })
  @HttpCode(200)
  @Roles(...rolesThatCan(SiteAction.SendTransfer))
  @ApiAnswers({ status: 200, type: TransferDoc, description: 'The draft, cancelled: its items stay where they are' }, 401, 403, 404, 409, 422)
  cancel(@Actor() actor: Actor, @Param('code') code: string) {
    return this.transfers.cancel(actor, code);
  }

  @Post(':code/dispatch')
  @ApiOperation({
    summary: 'Dispatch a transfer',
    description: 'Every item on the manifest goes in transit with a `dispatched` event; high-risk items need a witness.',
  })
  @HttpCode(200)
  @Roles(...rolesThatCan(SiteAction.SendTransfer))
  @ApiAnswers({ status: 200, type: TransferDoc, description: 'Dispatched: every item is in transit, with a `dispatched` event each' }, 404, 409, 429)
  dispatch(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: DispatchTransferDto, @RequestSource() source: SignInSource) {
    return this.transfers.dispatch(actor, code, dto, source);
  }

  @Post(':code/receipts')
  @ApiOperation({
    summary: 'Receive scanned items of a transfer',
    description:
      'Reconciles the scanned codes with the manifest: received now (a `received` event each), already received, or not on it. Repeating a scan changes nothing.',
  })
  @HttpCode(200)
  @Roles(...rolesThatCan(SiteAction.ReceiveTransfer))
  @ApiAnswers(
    { status: 200, type: ReceiptResultDoc, description: 'What the scans meant: received now, already received, not on the manifest' },
    401,
    403,
    404,
    409,
    422,
  )
  receive(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: ReceiptDto) {
    return this.receipts.receive(actor, code, dto);
  }

  @Post(':code/close')
  @ApiOperation({ summary: 'Close a transfer', description: 'Ends the receipt: every item not scanned in becomes missing, with a `discrepancy` event.' })
  @HttpCode(200)
  @Roles(...rolesThatCan(SiteAction.ReceiveTransfer))
  @ApiAnswers(
    { status: 200, type: TransferDoc, description: 'Closed: every item not scanned in is missing, with a `discrepancy` event' },
    401,
    403,
    404,
    409,
    422,
  )
  close(@Actor() actor: Actor, @Param('code') code: string) {
    return this.receipts.close(actor, code);
  }
}
