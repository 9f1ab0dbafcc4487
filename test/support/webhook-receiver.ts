import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** What the receiver does with the next request: answer at once, refuse, never answer, or answer after a while. */
export type ReceiverBehaviour = { answer: number } | { stall: true } | { answer: number; afterMs: number };

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A webhook receiver on 127.0.0.1 whose answers the test sets: each request takes the next behaviour in line (the last one stays). */
export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  private behaviours: ReceiverBehaviour[] = [{ answer: 204 }];
  private readonly stalled: ServerResponse[] = [];
  private server?: Server;
  private waiters: { count: number; resolve: () => void }[] = [];

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        const behaviour = this.behaviours.length > 1 ? this.behaviours.shift()! : this.behaviours[0];
        if ('stall' in behaviour) this.stalled.push(response);
        else if ('afterMs' in behaviour) setTimeout(() => response.writeHead(behaviour.answer).end('late'), behaviour.afterMs);
        else response.writeHead(behaviour.answer).end();
        this.waiters = this.waiters.filter((waiter) => (this.received.length >= waiter.count ? (waiter.resolve(), false) : true));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  /** The answers to come, in order; the last one stays for every request after. */
  behave(...behaviours: ReceiverBehaviour[]): void {
    this.behaviours = behaviours;
  }

  /** Resolves once this many requests have come in (in all). */
  waitFor(count: number, timeoutMs = 30_000): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the receiver got ${this.received.length} requests, not ${count}`)), timeoutMs);
      this.waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async stop(): Promise<void> {
    for (const response of this.stalled) response.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
