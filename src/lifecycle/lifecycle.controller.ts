import { Body, Controller, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { Roles, SignedIn } from '../auth/access.decorators';
import { SignInSource } from '../auth/auth.service';
import { SiteAction } from '../../libs/custody';
import { rolesThatCan } from '../custody/access';
import { RequestSource } from '../auth/witness';
import { ApiAnswers } from '../common/api-docs';
import { ItemDoc } from '../items/dto/item.response';
import { CheckinDto, CheckoutDto, CheckoutQuery, DispositionDto, ReviewDto, SampleDto, SealDto } from './dto/lifecycle.dto';
import { CheckoutDoc } from './dto/lifecycle.response';
import { LifecycleService } from './lifecycle.service';

@ApiTags('items')
@Controller()
export class LifecycleController {
  constructor(private readonly lifecycle: LifecycleService) {}

  @Post('items/:code/checkouts')
  @ApiOperation({
    summary: 'Check an item out to a person',
    description: 'Hands the item to a person (for a hearing, an analysis) until a due date, with a `checked_out` event; high-risk items need a witness.',
  })
  @Roles(...rolesThatCan(SiteAction.CheckOut))
  @ApiAnswers({ status: 201, type: ItemDoc, description: 'Checked out to the person (a `checked_out` event); high-risk items need a witness' }, 404, 409, 429)
  checkOut(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: CheckoutDto, @RequestSource() source: SignInSource) {
    return this.lifecycle.checkOut(actor, code, dto, source);
  }

  @Post('items/:code/checkins')
  @ApiOperation({ summary: 'Check an item back in', description: 'Takes the item back into custody, at a location if given, with a `checked_in` event.' })
  @HttpCode(200)
  @Roles(...rolesThatCan(SiteAction.CheckIn))
  @ApiAnswers({ status: 200, type: ItemDoc, description: 'Back in custody, at the location if given (a `checked_in` event)' }, 401, 403, 404, 409, 422)
  checkIn(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: CheckinDto) {
    return this.lifecycle.checkIn(actor, code, dto);
  }

  @Get('checkouts')
  @ApiOperation({
    summary: 'List items checked out',
    description: 'Items out now at the caller’s sites, soonest due first; `?overdue=true` for the late ones only.',
  })
  @SignedIn()
  @ApiAnswers({ status: 200, type: [CheckoutDoc], description: 'Items out now at your sites, soonest due first (`?overdue=true`: only late ones)' }, 401, 404)
  checkouts(@Actor() actor: Actor, @Query() query: CheckoutQuery) {
    return this.lifecycle.listCheckouts(actor, query);
  }

  @Post('items/:code/samples')
  @ApiOperation({
    summary: 'Take a sample of an item',
    description:
      'A new item with its own code whose parent is this one, with a `sampled` event on both; high-risk items need a witness, since the seal is opened.',
  })
  @Roles(...rolesThatCan(SiteAction.TakeSample))
  @ApiAnswers(
    {
      status: 201,
      type: ItemDoc,
      description:
        'The sample: a new item with its own code, whose parent is this one (a `sampled` event on both); high-risk items need a witness, since the seal is opened',
    },
    404,
    409,
    429,
  )
  sample(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: SampleDto, @RequestSource() source: SignInSource) {
    return this.lifecycle.sample(actor, code, dto, source);
  }

  @Post('items/:code/seals')
  @ApiOperation({
    summary: 'Reseal an item',
    description: 'Records a new seal number, with a `seal_replaced` event that keeps the earlier one; high-risk items need a witness.',
  })
  @HttpCode(200)
  @Roles(...rolesThatCan(SiteAction.Reseal))
  @ApiAnswers(
    { status: 200, type: ItemDoc, description: 'Resealed (a `seal_replaced` event keeps the earlier number); high-risk items need a witness' },
    404,
    409,
    429,
  )
  reseal(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: SealDto, @RequestSource() source: SignInSource) {
    return this.lifecycle.reseal(actor, code, dto, source);
  }

  @Post('items/:code/dispositions')
  @ApiOperation({
    summary: 'Dispose of an item',
    description:
      'Returned to its owner, destroyed, confiscated or sold, under the authorising decision, with a `disposed` event; for good. Destruction and high-risk items need a witness.',
  })
  @HttpCode(200)
  @Roles(...rolesThatCan(SiteAction.Dispose))
  @ApiAnswers(
    { status: 200, type: ItemDoc, description: 'Disposed, for good (a `disposed` event); destruction and high-risk items need a witness' },
    404,
    409,
    429,
  )
  dispose(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: DispositionDto, @RequestSource() source: SignInSource) {
    return this.lifecycle.dispose(actor, code, dto, source);
  }

  @Patch('items/:code/review')
  @ApiOperation({
    summary: 'Set or clear an item’s review date',
    description: 'The date by which the item’s retention is to be reviewed, with a `review_set` event.',
  })
  @Roles(...rolesThatCan(SiteAction.ScheduleReview))
  @ApiAnswers({ status: 200, type: ItemDoc, description: 'The item with its review date set or cleared (a `review_set` event)' }, 401, 403, 404, 409)
  review(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: ReviewDto) {
    return this.lifecycle.setReview(actor, code, dto);
  }
}
