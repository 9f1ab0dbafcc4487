import { Body, Controller, Get, Injectable, Param, Patch, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource, EntityManager } from 'typeorm';
import { custodyEventTypes } from '../../libs/custody';
import { newWebhookSecret } from '../../libs/webhooks/signature';
import { Actor } from '../auth/actor';
import { Roles } from '../auth/access.decorators';
import { Role } from '../auth/role';
import { ApiAnswers, pageDoc } from '../common/api-docs';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';
import { Page, pageOf } from '../common/pagination';
import { UuidParam } from '../common/validation';
import { markRequestApplied } from '../idempotency/idempotency-context';
import { Post } from '../idempotency/idempotent-post';
import { SitesService } from '../sites/sites.service';
import { CreateWebhookDto, DeliveryQuery, UpdateWebhookDto } from './dto/webhook.dto';
import { WebhookQueue } from './webhook-delivery';

export interface WebhookView {
  id: string;
  site: string;
  url: string;
  description: string | null;
  eventTypes: string[] | null;
  active: boolean;
  startsAfter: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface DeliveryView {
  id: string;
  position: number;
  item: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: { number: number; attemptedAt: Date; durationMs: number; statusCode: number | null; error: string | null }[];
  deliveredAt: Date | null;
  createdAt: Date;
}

const webhookColumns = `w.id, s.code AS site, w.url, w.description, w.event_types AS "eventTypes", w.active, w.starts_after::float8 AS "startsAfter",
  u.username AS "createdBy", w.created_at AS "createdAt", w.updated_at AS "updatedAt"`;
const webhookFrom = `webhook_subscriptions w JOIN sites s ON s.id = w.site_id JOIN users u ON u.id = w.created_by`;

/** Webhook subscriptions: administrators say which site's custody events are POSTed where, and read what each delivery did. */
@Injectable()
export class WebhookSubscriptions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sites: SitesService,
    private readonly queue: WebhookQueue,
  ) {}

  async create(actor: Actor, dto: CreateWebhookDto): Promise<WebhookView & { secret: string }> {
    const url = requireWebhookUrl(dto.url);
    const secret = newWebhookSecret();
    const id = await this.dataSource.transaction(async (manager) => {
      const siteId = await this.sites.findIdByCode(dto.site, manager);
      if (!siteId) throw CustodyError.invalid('site', `names no site: "${dto.site}"`);
      const [row] = (await manager.query(
        `INSERT INTO webhook_subscriptions (site_id, url, description, event_types, secret, starts_after, created_by)
         VALUES ($1, $2, $3, $4, $5, (SELECT coalesce(max(sequence), 0) FROM custody_events), $6) RETURNING id`,
        [siteId, url, dto.description ?? null, dto.eventTypes ? [...new Set(dto.eventTypes)] : null, secret, actor.userId],
      )) as { id: string }[];
      await markRequestApplied(manager);
      return row.id;
    });
    return { ...(await this.get(id)), secret };
  }

  async list(): Promise<WebhookView[]> {
    return (await this.dataSource.query(`SELECT ${webhookColumns} FROM ${webhookFrom} ORDER BY s.code, w.created_at`)) as WebhookView[];
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<WebhookView> {
    const [row] = (await manager.query(`SELECT ${webhookColumns} FROM ${webhookFrom} WHERE w.id = $1`, [id])) as WebhookView[];
    if (!row) throw CustodyError.notFound(`webhook ${id}`);
    return row;
  }

  async update(id: string, dto: UpdateWebhookDto): Promise<WebhookView> {
    const url = dto.url === undefined ? undefined : requireWebhookUrl(dto.url);
    return this.dataSource.transaction(async (manager) => {
      const before = await this.get(id, manager);
      // resumed: it is told of what comes next, not of what happened while it was stopped
      const resumed = dto.active === true && !before.active;
      await manager.query(
        `UPDATE webhook_subscriptions SET url = coalesce($2, url), description = CASE WHEN $3::boolean THEN $4 ELSE description END,
                event_types = CASE WHEN $5::boolean THEN $6::text[] ELSE event_types END, active = coalesce($7, active),
                starts_after = CASE WHEN $8::boolean THEN (SELECT coalesce(max(sequence), 0) FROM custody_events) ELSE starts_after END, updated_at = now()
          WHERE id = $1`,
        [
          id,
          url ?? null,
          dto.description !== undefined,
          dto.description ?? null,
          dto.eventTypes !== undefined,
          dto.eventTypes ? [...new Set(dto.eventTypes)] : null,
          dto.active ?? null,
          resumed,
        ],
      );
      return this.get(id, manager);
    });
  }

  /** The subscription's deliveries, newest first, each with every attempt (when, how long, what the receiver answered). */
  async deliveries(id: string, query: DeliveryQuery): Promise<Page<DeliveryView>> {
    await this.get(id);
    const [rows, [{ total }]] = await Promise.all([
      this.deliveryRows(`d.subscription_id = $1 AND ($2::text IS NULL OR d.status = $2) ORDER BY d.position DESC OFFSET $3 LIMIT $4`, [
        id,
        query.status ?? null,
        query.offset,
        query.pageSize,
      ]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM webhook_deliveries WHERE subscription_id = $1 AND ($2::text IS NULL OR status = $2)`, [
        id,
        query.status ?? null,
      ]) as Promise<{ total: number }[]>,
    ]);
    return pageOf(rows, total, query);
  }

  private async deliveryRows(where: string, parameters: unknown[]): Promise<DeliveryView[]> {
    const rows = (await this.dataSource.query(
      `SELECT d.id, d.position::float8 AS position, d.item_code AS item, d.event_type AS "eventType", d.status, d.delivered_at AS "deliveredAt",
              d.created_at AS "createdAt",
              coalesce((SELECT json_agg(json_build_object('number', a.number, 'attemptedAt', a.attempted_at, 'durationMs', a.duration_ms,
                                                          'statusCode', a.status_code, 'error', a.error) ORDER BY a.number)
                          FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]') AS attempts
         FROM webhook_deliveries d WHERE ${where}`,
      parameters,
    )) as (Omit<DeliveryView, 'attempts'> & { attempts: (Omit<DeliveryView['attempts'][number], 'attemptedAt'> & { attemptedAt: string })[] })[];
    return rows.map((row) => ({ ...row, attempts: row.attempts.map((attempt) => ({ ...attempt, attemptedAt: new Date(attempt.attemptedAt) })) }));
  }

  /** Sends a failed delivery again, with as many attempts as a new one. */
  async redeliver(id: string, deliveryId: string): Promise<DeliveryView> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT d.status, w.active FROM webhook_deliveries d JOIN webhook_subscriptions w ON w.id = d.subscription_id
          WHERE d.id = $1 AND d.subscription_id = $2 FOR UPDATE OF d`,
        [deliveryId, id],
      )) as { status: string; active: boolean }[];
      if (!row) throw CustodyError.notFound(`delivery ${deliveryId} of webhook ${id}`);
      if (row.status !== 'failed')
        throw new CustodyError(CustodyErrorCode.Conflict, `delivery ${deliveryId} is ${row.status}: only a failed delivery is sent again`);
      if (!row.active) throw new CustodyError(CustodyErrorCode.Conflict, 'the webhook is stopped: resume it first');
      await manager.query(`UPDATE webhook_deliveries SET status = 'pending' WHERE id = $1`, [deliveryId]);
      await this.queue.enqueue(manager, [deliveryId]);
      await markRequestApplied(manager);
    });
    this.queue.wake();
    const [delivery] = await this.deliveryRows('d.id = $1', [deliveryId]);
    return delivery;
  }
}

/** An http or https URL without a user name or password (a secret in a URL ends up in logs). */
export function requireWebhookUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw CustodyError.invalid('url', 'must be an http or https URL, like https://records.example/custody-hook');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw CustodyError.invalid('url', 'must be an http or https URL');
  if (url.username || url.password) throw CustodyError.invalid('url', 'must not carry a user name or password: the signature proves who sends');
  return url.toString();
}

class WebhookDoc {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'POL-BRU' }) site: string;
  @ApiProperty({ example: 'https://records.example/custody-hook' }) url: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: [String], nullable: true, enum: custodyEventTypes, description: 'null: every type' }) eventTypes: string[] | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ example: 1200, description: 'It is told of the events after this ledger position' }) startsAfter: number;
  @ApiProperty({ example: 'admin' }) createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

class CreatedWebhookDoc extends WebhookDoc {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Checks the `webhook-signature` of each delivery (Standard Webhooks). Shown this once: keep it in the receiver',
  })
  secret: string;
}

class DeliveryAttemptDoc {
  @ApiProperty({ example: 1 }) number: number;
  @ApiProperty() attemptedAt: Date;
  @ApiProperty({ example: 84 }) durationMs: number;
  @ApiProperty({ type: Number, nullable: true, example: 503, description: 'What the receiver answered; null when it did not answer' }) statusCode:
    number | null;
  @ApiProperty({ type: String, nullable: true, example: 'no answer within 10000 ms' }) error: string | null;
}

class DeliveryDoc {
  @ApiProperty({ format: 'uuid', description: 'Also its `webhook-id`, the same on every attempt' }) id: string;
  @ApiProperty({ example: 1201, description: 'Ledger position of the event' }) position: number;
  @ApiProperty({ example: 'I000000022X' }) item: string;
  @ApiProperty({ enum: custodyEventTypes }) eventType: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: string;
  @ApiProperty({ type: [DeliveryAttemptDoc] }) attempts: DeliveryAttemptDoc[];
  @ApiProperty({ type: Date, nullable: true }) deliveredAt: Date | null;
  @ApiProperty() createdAt: Date;
}

@ApiTags('integrations')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookSubscriptions) {}

  @Post()
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Subscribe a receiver to a site’s custody events',
    description:
      'Each custody event of the site from now on (and of transfers on their way to it) is POSTed to the URL as JSON `{type, timestamp, data}`, signed per the Standard Webhooks specification with the secret in the answer, and retried with a doubling delay until the receiver answers 2xx. A slow or absent receiver never holds up a custody step.',
  })
  @ApiAnswers({ status: 201, type: CreatedWebhookDoc, description: 'The subscription, with its signing secret (shown this once)' }, 401, 403, 422)
  create(@Actor() actor: Actor, @Body() dto: CreateWebhookDto) {
    return this.webhooks.create(actor, dto);
  }

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'List the webhook subscriptions', description: 'Every subscription of every site, without their secrets.' })
  @ApiAnswers({ status: 200, type: [WebhookDoc], description: 'The subscriptions' }, 401, 403)
  list() {
    return this.webhooks.list();
  }

  @Get(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Read a webhook subscription', description: 'The subscription, without its secret.' })
  @ApiAnswers({ status: 200, type: WebhookDoc, description: 'The subscription' }, 401, 403, 404)
  get(@Param('id', UuidParam) id: string) {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Change or stop a webhook subscription',
    description:
      'Change its URL, description or event types; `active: false` stops it (pending deliveries fail), `active: true` resumes it with the events that come next.',
  })
  @ApiAnswers({ status: 200, type: WebhookDoc, description: 'The subscription, changed' }, 401, 403, 404)
  update(@Param('id', UuidParam) id: string, @Body() dto: UpdateWebhookDto) {
    return this.webhooks.update(id, dto);
  }

  @Get(':id/deliveries')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'The delivery log of a webhook',
    description: 'Its deliveries, newest event first, each with every attempt and what the receiver answered.',
  })
  @ApiAnswers({ status: 200, type: pageDoc(DeliveryDoc), description: 'A page of deliveries' }, 401, 403, 404)
  deliveries(@Param('id', UuidParam) id: string, @Query() query: DeliveryQuery) {
    return this.webhooks.deliveries(id, query);
  }

  @Post(':id/deliveries/:delivery/retry')
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Send a failed delivery again',
    description: 'A failed delivery goes back in the queue with all its attempts anew, once the receiver is fixed.',
  })
  @ApiAnswers({ status: 201, type: DeliveryDoc, description: 'The delivery, pending again' }, 401, 403, 404, 409, 422)
  redeliver(@Param('id', UuidParam) id: string, @Param('delivery', UuidParam) delivery: string) {
    return this.webhooks.redeliver(id, delivery);
  }
}
