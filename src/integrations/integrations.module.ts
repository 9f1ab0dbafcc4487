import { Module } from '@nestjs/common';
import { SitesModule } from '../sites/sites.module';
import { EventFeed, EventFeedController } from './event-feed';
import { WebhookQueue } from './webhook-delivery';
import { WebhooksController, WebhookSubscriptions } from './webhook-subscriptions';

/** What other systems follow Custody by: the event feed and webhooks. */
@Module({
  imports: [SitesModule],
  controllers: [EventFeedController, WebhooksController],
  providers: [EventFeed, WebhookQueue, WebhookSubscriptions],
  exports: [WebhookQueue],
})
export class IntegrationsModule {}
