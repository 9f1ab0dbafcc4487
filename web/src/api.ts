/** The documented API, as the screens call it: JSON, the user's token, and errors as values the screens can word. */

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

export interface SignedIn {
  accessToken: string;
  expiresIn: number;
  user: import('./model').User;
}

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

/** A desk in use stays signed in; one left idle past its token's life is signed out by the server. */
async function refreshIfDue(): Promise<void> {
  if (!token || Date.now() < refreshAfter) return;
  refreshing ??= (async () => {
    const response = await fetch('/auth/refresh', { method: 'POST', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }).catch(
      () => null,
    );
    if (!response?.ok) return;
    const answer = (await response.json()) as SignedIn;
    holdToken(answer.accessToken, refreshTimeOf(answer));
    onRefreshed?.(answer);
  })().finally(() => (refreshing = null));
  await refreshing;
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

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  if (path !== '/auth/login') await refreshIfDue();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST' && token) headers['idempotency-key'] = idempotencyKey();
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', 'the server cannot be reached');
  }
  if (!response.ok) {
    const answer = await response.json().catch(() => ({}));
    if (response.status === 401 && token && path !== '/auth/login') onSignedOut?.();
    throw new ApiError(response.status, answer.code ?? 'UNKNOWN', answer.message ?? response.statusText, answer.fields ?? []);
  }
  return response;
}

export async function call<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const get = <T>(path: string) => call<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => call<T>('POST', path, body);
export const patch = <T>(path: string, body: unknown) => call<T>('PATCH', path, body);

/** A file the API serves (label, PDF, CSV, proof bundle), fetched with the token and held as a blob: URL. */
export async function fileUrl(path: string): Promise<string> {
  const response = await send('GET', path);
  return URL.createObjectURL(await response.blob());
}

/** Saves a file the API serves under the given name, as the browser's download. */
export async function download(path: string, fileName: string): Promise<void> {
  const url = await fileUrl(path);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const encode = encodeURIComponent;

export function query(parameters: Record<string, string | number | boolean | undefined | null>): string {
  const entries = Object.entries(parameters).filter(([, value]) => value !== undefined && value !== null && value !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([key, value]) => [key, String(value)]))}` : '';
}

/** The `witness` of a step's body: the second person's sign-in, with their one-time code when they gave one. */
export function witnessOf(username: string, password: string, code: string): { username: string; password: string; otp?: string } {
  return { username, password, ...(code.trim() ? { otp: code.trim() } : {}) };
}
