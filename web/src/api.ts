/**
 * The documented API, as the screens call it: openapi-fetch typed by the generated document
 * (api-schema.d.ts), the user's token, and refusals thrown as errors the screens can word.
 */
import createClient, { Middleware } from 'openapi-fetch';
import type { paths } from './api-schema';
import type { SignedIn } from './model';

export interface FieldProblem {
  field: string;
  problem: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

let token: string | null = null;
let refreshAfter = Infinity;
let refreshing: Promise<void> | null = null;
let onSignedOut: (() => void) | null = null;
let onRefreshed: ((answer: SignedIn) => void) | null = null;

/** The token the requests carry; past half its life, the next request first trades it for a fresh one. */
export function holdToken(next: string | null, refreshAt = Infinity): void {
  token = next;
  refreshAfter = refreshAt;
}

export function refreshTimeOf(answer: SignedIn): number {
  return Date.now() + (answer.expiresIn * 1000) / 2;
}

/** Called with each fresh token, to keep it for a reload of the page. */
export function whenRefreshed(handler: (answer: SignedIn) => void): void {
  onRefreshed = handler;
}

/** Called when the server no longer accepts the token (expired, user disabled). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

/** A fresh key for each change, so a retried request is applied once (crypto.randomUUID needs HTTPS; this does not). */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const plain = createClient<paths>();

/** A desk in use stays signed in; one left idle past its token's life is signed out by the server. */
async function refreshIfDue(): Promise<void> {
  if (!token || Date.now() < refreshAfter) return;
  refreshing ??= (async () => {
    const { data: answer } = await plain.POST('/auth/refresh', { headers: { authorization: `Bearer ${token}` } }).catch(() => ({ data: undefined }));
    if (!answer) return;
    holdToken(answer.accessToken, refreshTimeOf(answer));
    onRefreshed?.(answer);
  })().finally(() => (refreshing = null));
  await refreshing;
}

/** The token on every request (fresh if due), a key on every change, and any refusal thrown as an ApiError. */
const session: Middleware = {
  async onRequest({ request, schemaPath }) {
    if (schemaPath !== '/auth/login') await refreshIfDue();
    request.headers.set('accept', 'application/json');
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    if (request.method === 'POST' && token) request.headers.set('idempotency-key', idempotencyKey());
    return request;
  },
  async onResponse({ response, schemaPath }) {
    if (response.ok) return response;
    const answer = await response.json().catch(() => ({}));
    if (response.status === 401 && token && schemaPath !== '/auth/login') onSignedOut?.();
    throw new ApiError(response.status, answer.code ?? 'UNKNOWN', answer.message ?? response.statusText, answer.fields ?? []);
  },
  onError: () => new ApiError(0, 'NETWORK', 'the server cannot be reached'),
};

export const api = createClient<paths>();
api.use(session);

/** The body of an answer: refusals never get here, the middleware threw them. */
export async function answerOf<T>(call: Promise<{ data?: T }>): Promise<T> {
  return (await call).data as T;
}

/** Saves a file the API serves (a PDF, a CSV, a proof bundle: a call with `parseAs: 'blob'`) under the given name, as the browser's download. */
export async function download(call: Promise<{ data?: unknown }>, fileName: string): Promise<void> {
  const url = URL.createObjectURL((await call).data as Blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The `witness` of a step's body: the second person's sign-in, with their one-time code when they gave one. */
export function witnessOf(username: string, password: string, code: string): { username: string; password: string; otp?: string } {
  return { username, password, ...(code.trim() ? { otp: code.trim() } : {}) };
}
