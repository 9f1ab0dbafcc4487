import { randomUUID } from 'node:crypto';

/** `unreachable`: the connection was refused, so the request never reached a server. */
export type Outcome = 'acknowledged' | 'refused' | 'indeterminate' | 'unreachable';

/** One operation a client sent, and what it was told. */
export interface Operation {
  id: string;
  kind: 'move' | 'create' | 'dispatch' | 'receive';
  item: string;
  /** The transfer it is about, for dispatch and receive. */
  transfer?: string;
  /** Where a move goes. */
  location?: string;
  outcome: Outcome;
  status: number;
}

export class OperationLog {
  readonly operations: Operation[] = [];

  add(operation: Omit<Operation, 'id'> & { id?: string }): Operation {
    const entry = { id: operation.id ?? randomUUID(), ...operation } as Operation;
    this.operations.push(entry);
    return entry;
  }

  count(outcome: Outcome): number {
    return this.operations.filter((operation) => operation.outcome === outcome).length;
  }
}

/** A request that may meet a dead server: 2xx acknowledged, 4xx refused, refused connection unreachable, anything else (5xx, no answer) indeterminate. */
export async function send(
  address: () => string,
  token: string,
  method: string,
  path: string,
  body?: object,
): Promise<{ outcome: Outcome; status: number; body: unknown }> {
  try {
    const response = await fetch(`${address()}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(5000),
    });
    const answer = await response.json().catch(() => null);
    const outcome: Outcome = response.status < 300 ? 'acknowledged' : response.status < 500 ? 'refused' : 'indeterminate';
    return { outcome, status: response.status, body: answer };
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    return { outcome: code === 'ECONNREFUSED' ? 'unreachable' : 'indeterminate', status: 0, body: null };
  }
}
