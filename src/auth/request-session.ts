import { AsyncLocalStorage } from 'node:async_hooks';
import { CustodyError, CustodyErrorCode } from '../common/errors/custody-error';

/**
 * Whether the token of the request being served is still live: its user enabled and its token
 * version current (disabling a user, changing their roles or password raises the version). The
 * check is one condition on the users table; hot routes fold it into their own first statement
 * (`sessionCondition`), every other route has it run by the guard before the handler.
 */
export interface RequestSession {
  userId: string;
  tokenVersion: number;
  checked: boolean;
}

const requestSessions = new AsyncLocalStorage<{ session?: RequestSession }>();

/** Runs a request in its own session store (an HTTP middleware, first of all). */
export function inRequestSession(next: () => void): void {
  requestSessions.run({}, next);
}

export function beginSession(session: Omit<RequestSession, 'checked'>): RequestSession {
  const store = requestSessions.getStore();
  const begun = { ...session, checked: false };
  if (store) store.session = begun;
  return begun;
}

/** The session of this request whose check is still to be made, if any. */
export function uncheckedSession(): RequestSession | null {
  const session = requestSessions.getStore()?.session;
  return session && !session.checked ? session : null;
}

/**
 * The session check as a boolean SQL expression, for a statement that runs anyway; null when there
 * is nothing to check. `parameter` adds a query parameter and answers its placeholder.
 */
export function sessionCondition(parameter: (value: unknown) => string): string | null {
  const session = uncheckedSession();
  if (!session) return null;
  return `coalesce((SELECT NOT disabled AND token_version = ${parameter(session.tokenVersion)} FROM users WHERE id = ${parameter(session.userId)}), false)`;
}

/**
 * The last look before an answer leaves: a session that no statement of the request checked (a
 * route that folds the check into its service, which did not get that far) is checked now, and a
 * token no longer live answers 401 instead. `session` is the request's own, as the guard began it.
 */
export async function checkBeforeAnswering(
  session: RequestSession | undefined,
  runner: { query: (text: string, parameters: unknown[]) => Promise<{ live: boolean }[]> },
): Promise<CustodyError | null> {
  if (!session || session.checked) return null;
  const [row] = await runner.query(`SELECT coalesce((SELECT NOT disabled AND token_version = $1 FROM users WHERE id = $2), false) AS live`, [
    session.tokenVersion,
    session.userId,
  ]);
  if (!row?.live) return revokedSession();
  session.checked = true;
  return null;
}

/** Records the answer of the session check: a token no longer live ends the request with 401. */
export function settleSession(live: boolean): void {
  const session = requestSessions.getStore()?.session;
  if (!session) return;
  if (!live) throw revokedSession();
  session.checked = true;
}

export function revokedSession(): CustodyError {
  return new CustodyError(CustodyErrorCode.Unauthenticated, 'this sign-in has ended (the account was disabled or changed): sign in again');
}

/** Checks this request's session on its own, when no statement of the request could carry it; does nothing once checked. */
export async function checkSessionApart(runner: { query: (text: string, parameters: unknown[]) => Promise<{ live: boolean }[]> }): Promise<void> {
  const parameters: unknown[] = [];
  const condition = sessionCondition((value) => `$${parameters.push(value)}`);
  if (!condition) return;
  const [{ live }] = await runner.query(`SELECT ${condition} AS live`, parameters);
  settleSession(live);
}
