import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, webhookHeaders } from './signature';

describe('webhook signatures', () => {
  it('verify with the Standard Webhooks reference library', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'custody.moved', timestamp: '2026-12-02T10:00:00.000Z', data: { item: 'I000000022X', note: 'Łódź' } });
    const headers = webhookHeaders(secret, 'b0a8c4e2-5d1f-4c3a-9e7b-2f6d8a1c0e93', body, new Date());
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fail with another secret, another body or another id', () => {
    const secret = newWebhookSecret();
    const body = '{"type":"custody.moved"}';
    const headers = webhookHeaders(secret, 'one', body, new Date());
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify('{"type":"custody.seized"}', headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'two' })).toThrow();
  });

  it('match the specification’s published example', () => {
    // the example of the specification (standard-webhooks/spec.md, "Signature scheme")
    const headers = webhookHeaders(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      '{"test": 2432232314}',
      new Date(1614265330 * 1000),
    );
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});
