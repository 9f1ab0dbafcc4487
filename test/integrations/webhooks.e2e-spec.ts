import { Webhook } from 'standardwebhooks';
import { WebhookQueue } from '../../src/integrations/webhook-delivery';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

interface Delivery {
  id: string;
  position: number;
  item: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: { number: number; statusCode: number | null; error: string | null; durationMs: number }[];
}

/**
 * Webhooks through the real pipeline: a custody step, the integrator giving its position, the
 * fan-out, pg-boss and a receiver on 127.0.0.1 that accepts, refuses, stalls or answers late. Each
 * delivery's signature is checked by the Standard Webhooks reference library.
 */
describe('webhooks', () => {
  let custody: TestApp;
  let receiver: WebhookReceiver;
  let url: string;
  let shelf: string;
  let bin: string;

  beforeAll(async () => {
    custody = await startTestApp({
      WEBHOOK_FAN_OUT_EVERY_MS: '100',
      WEBHOOK_RETRY_DELAY_SECONDS: '1',
      WEBHOOK_MAX_ATTEMPTS: '3',
      WEBHOOK_TIMEOUT_MS: '400',
    });
    receiver = new WebhookReceiver();
    url = await receiver.start();
    shelf = await given(custody).location('POL-BRU', 'Shelf A');
    bin = await given(custody).location('POL-BRU', 'Bin A1');
  });
  afterAll(async () => {
    await custody.close();
    await receiver.stop();
  });

  const subscribe = async (body: object) => {
    const answer = await (await custody.as('admin')).post('/webhooks', { site: 'POL-BRU', url, ...body }).expect(201);
    return answer.body as { id: string; secret: string; startsAfter: number };
  };
  const deliveries = async (webhook: string) =>
    ((await (await custody.as('admin')).get(`/webhooks/${webhook}/deliveries?pageSize=200`).expect(200)).body as { data: Delivery[] }).data;
  const until = async (webhook: string, settled: (deliveries: Delivery[]) => boolean) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const now = await deliveries(webhook);
      if (settled(now)) return now;
      if (Date.now() > deadline) throw new Error(`deliveries never settled: ${JSON.stringify(now)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const move = async (code: string, location: string) => (await custody.as('officer')).post(`/items/${code}/moves`, { location }).expect(200);
  const stop = async (webhook: string) =>
    custody
      .http()
      .patch(`/webhooks/${webhook}`)
      .auth(await custody.token('admin'), { type: 'bearer' })
      .send({ active: false })
      .expect(200);

  it('POSTs each custody event of the site, signed so that the reference library verifies it, with the hash of the item’s history', async () => {
    receiver.behave({ answer: 204 });
    const webhook = await subscribe({ description: 'Records system' });
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { items } = await given(custody).seizure({ items: 2 });
    await move(items[0].code, shelf);
    const delivered = await until(webhook.id, (now) => now.length === 3 && now.every((delivery) => delivery.status === 'delivered'));
    expect(delivered.map((delivery) => delivery.eventType).sort()).toEqual(['moved', 'seized', 'seized']);
    expect(delivered.every((delivery) => delivery.attempts.length === 1 && delivery.attempts[0].statusCode === 204)).toBe(true);

    const verifier = new Webhook(webhook.secret);
    const mine = receiver.received.filter((request) => delivered.some((delivery) => delivery.id === request.headers['webhook-id']));
    expect(mine).toHaveLength(3);
    const history = (await (await custody.as('officer')).get(`/items/${items[0].code}/history`).expect(200)).body as { type: string; hash: string }[];
    for (const request of mine) {
      const payload = verifier.verify(request.body, request.headers as Record<string, string>) as {
        type: string;
        data: { item: string; type: string; hash: string };
      };
      expect(payload.type).toBe(`custody.${payload.data.type}`);
      if (payload.data.item === items[0].code) expect(history.map((event) => event.hash)).toContain(payload.data.hash);
    }
    await stop(webhook.id);
  });

  it('retries a receiver that refuses, with the same id and body, until it takes the event; the log keeps every attempt', async () => {
    receiver.behave({ answer: 503 }, { answer: 500 }, { answer: 200 });
    const webhook = await subscribe({ eventTypes: ['moved'] });
    const { items } = await given(custody).seizure({ items: 1 });
    await move(items[0].code, shelf);
    const [delivery] = await until(webhook.id, (now) => now.length === 1 && now[0].status !== 'pending');
    expect(delivery).toMatchObject({ item: items[0].code, eventType: 'moved', status: 'delivered' });
    expect(delivery.attempts.map((attempt) => [attempt.number, attempt.statusCode, attempt.error])).toEqual([
      [1, 503, 'the receiver answered 503'],
      [2, 500, 'the receiver answered 500'],
      [3, 200, null],
    ]);
    const requests = receiver.received.filter((request) => request.headers['webhook-id'] === delivery.id);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);
    // the seizure was not of the types asked for
    expect(receiver.received.filter((request) => request.body.includes(items[0].code) && request.body.includes('"custody.seized"'))).toHaveLength(0);
    await stop(webhook.id);
  });

  it('never holds up a custody step for a receiver that stalls; the delivery fails after its last attempt and can be sent again', async () => {
    receiver.behave({ stall: true });
    const webhook = await subscribe({ eventTypes: ['moved'] });
    const { items } = await given(custody).seizure({ items: 1 });
    const received = receiver.received.length;
    await move(items[0].code, shelf);
    await receiver.waitFor(received + 1);
    // the receiver holds the first attempt open: steps go on meanwhile
    for (const location of [bin, shelf, bin]) await move(items[0].code, location);
    const settled = await until(webhook.id, (now) => now.length === 4 && now.every((delivery) => delivery.status === 'failed'));
    const first = settled.find((delivery) => delivery.attempts.length === 3 && delivery.position === Math.min(...settled.map((d) => d.position)))!;
    expect(first.attempts.map((attempt) => attempt.error)).toEqual(['no answer within 400 ms', 'no answer within 400 ms', 'no answer within 400 ms']);

    receiver.behave({ answer: 200 });
    const admin = await custody.as('admin');
    const again = await admin.post(`/webhooks/${webhook.id}/deliveries/${first.id}/retry`).expect(201);
    expect(again.body.status).toBe('pending');
    const after = await until(webhook.id, (now) => now.find((delivery) => delivery.id === first.id)!.status === 'delivered');
    expect(after.find((delivery) => delivery.id === first.id)!.attempts).toHaveLength(4);
    await admin.post(`/webhooks/${webhook.id}/deliveries/${first.id}/retry`).expect(409);
    await stop(webhook.id);
  });

  it('counts an answer that comes after the time allowed as no answer', async () => {
    receiver.behave({ answer: 200, afterMs: 1000 }, { answer: 200 });
    const webhook = await subscribe({ eventTypes: ['moved'] });
    const { items } = await given(custody).seizure({ items: 1 });
    await move(items[0].code, shelf);
    const [delivery] = await until(webhook.id, (now) => now.length === 1 && now[0].status === 'delivered');
    expect(delivery.attempts.map((attempt) => [attempt.statusCode, attempt.error])).toEqual([
      [null, 'no answer within 400 ms'],
      [200, null],
    ]);
    await stop(webhook.id);
  });

  it('tells a site of the transfers on their way to it, and of nothing from before it subscribed or while it was stopped', async () => {
    receiver.behave({ answer: 200 });
    const { items } = await given(custody).seizure({ items: 2 });
    await custody.integrated();
    const court = (await (await custody.as('admin')).post('/webhooks', { site: 'TPI-BRU', url }).expect(201)).body as { id: string };
    await move(items[1].code, shelf);
    const transfer = await given(custody).transfer({ items: [items[0].code], dispatch: true });
    const delivered = await until(court.id, (now) => now.length === 1 && now[0].status === 'delivered');
    expect(delivered[0]).toMatchObject({ item: items[0].code, eventType: 'dispatched' });

    await stop(court.id);
    await (await custody.as('clerk')).post(`/transfers/${transfer.code}/receipts`, { items: [items[0].code] }).expect(200);
    await custody.integrated();
    await custody.app.get(WebhookQueue).fanOutAll();
    expect(await deliveries(court.id)).toHaveLength(1);
  });

  it('hands each event to each subscription once, when two instances fan out at the same time', async () => {
    receiver.behave({ answer: 200 });
    const webhook = await subscribe({});
    const second = await startTestApp({ WEBHOOK_FAN_OUT_EVERY_MS: '0', LEDGER_INTEGRATE_EVERY_MS: '0' }, { sameDatabaseAs: custody });
    try {
      const { items } = await given(custody).seizure({ items: 30 });
      await custody.integrated();
      await Promise.all([custody.app.get(WebhookQueue).fanOutAll(), second.app.get(WebhookQueue).fanOutAll(), second.app.get(WebhookQueue).fanOutAll()]);
      const now = await until(webhook.id, (all) => all.length === 30 && all.every((delivery) => delivery.status === 'delivered'));
      expect(new Set(now.map((delivery) => delivery.item))).toEqual(new Set(items.map((item) => item.code)));
      const [{ duplicates }] = await custody.sql<{ duplicates: number }>(
        `SELECT count(*)::int AS duplicates FROM (SELECT position FROM webhook_deliveries WHERE subscription_id = $1 GROUP BY position HAVING count(*) > 1) d`,
        [webhook.id],
      );
      expect(duplicates).toBe(0);
    } finally {
      await second.close();
      await stop(webhook.id);
    }
  });

  it('is for administrators, and refuses a subscription it could not keep, naming the field', async () => {
    await (await custody.as('officer')).post('/webhooks', { site: 'POL-BRU', url }).expect(403);
    await (await custody.as('auditor')).get('/webhooks').expect(403);
    const admin = await custody.as('admin');
    for (const [body, field] of [
      [{ site: 'POL-BRU', url: 'ftp://records.example/hook' }, 'url'],
      [{ site: 'POL-BRU', url: 'https://user:secret@records.example/hook' }, 'url'],
      [{ site: 'POL-BRU', url: 'not a url' }, 'url'],
      [{ site: 'POL-BRU' }, 'url'],
      [{ site: 'NOWHERE', url }, 'site'],
      [{ site: 'POL-BRU', url, eventTypes: ['teleported'] }, 'eventTypes'],
      [{ site: 'POL-BRU', url, eventTypes: [] }, 'eventTypes'],
      [{ site: 'POL-BRU', url, description: 'a\u0007bell' }, 'description'],
    ] as const) {
      const answer = await admin.post('/webhooks', body).expect(400);
      expect(answer.body.fields.map((problem: { field: string }) => problem.field)).toContain(field);
    }
    const [{ count }] = await custody.sql<{ count: number }>(`SELECT count(*)::int AS count FROM webhook_subscriptions WHERE url LIKE '%records.example%'`);
    expect(count).toBe(0);
    await admin.get('/webhooks/6f1c1b5e-2f57-4f7e-9a53-3c1b1c2d9e10').expect(404);
    await admin.get('/webhooks/not-a-uuid').expect(400);
    const list = (await admin.get('/webhooks').expect(200)).body as object[];
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((webhook) => !('secret' in webhook))).toBe(true);
  });
});
