import { Body, Controller, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { Post } from '../idempotency/idempotent-post';
import { ApiTags } from '@nestjs/swagger';
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
  @Roles(...rolesThatCan(SiteAction.CheckOut))
  @ApiAnswers({ status: 201, type: ItemDoc, description: 'Checked out to the person (a `checked_out` event); high-risk items need a witness' }, 404, 409, 429)
  checkOut(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: CheckoutDto, @RequestSource() source: SignInSource) {
    return this.lifecycle.checkOut(actor, code, dto, source);
  }

  @Post('items/:code/checkins')
  @HttpCode(200)
  @Roles(...rolesThatCan(SiteAction.CheckIn))
  @ApiAnswers({ status: 200, type: ItemDoc, description: 'Back in custody, at the location if given (a `checked_in` event)' }, 401, 403, 404, 409, 422)
  checkIn(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: CheckinDto) {
    return this.lifecycle.checkIn(actor, code, dto);
  }

  @Get('checkouts')
  @SignedIn()
  @ApiAnswers({ status: 200, type: [CheckoutDoc], description: 'Items out now at your sites, soonest due first (`?overdue=true`: only late ones)' }, 401, 404)
  checkouts(@Actor() actor: Actor, @Query() query: CheckoutQuery) {
    return this.lifecycle.listCheckouts(actor, query);
  }

  @Post('items/:code/samples')
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
  @Roles(...rolesThatCan(SiteAction.ScheduleReview))
  @ApiAnswers({ status: 200, type: ItemDoc, description: 'The item with its review date set or cleared (a `review_set` event)' }, 401, 403, 404, 409)
  review(@Actor() actor: Actor, @Param('code') code: string, @Body() dto: ReviewDto) {
    return this.lifecycle.setReview(actor, code, dto);
  }
}
