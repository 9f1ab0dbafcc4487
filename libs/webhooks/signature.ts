import { createHmac, randomBytes } from 'node:crypto';

/**
 * Webhook deliveries signed as the Standard Webhooks specification says
 * (https://www.standardwebhooks.com): the receiver checks `webhook-signature` against the
 * secret it was given, over the message id, the timestamp and the exact body.
 */

/** A new secret in the specification's form: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The headers of one delivery attempt: its message id (the same on every retry), the time of the attempt and the signature. */
export function webhookHeaders(secret: string, messageId: string, body: string, at: Date): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000).toString();
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
