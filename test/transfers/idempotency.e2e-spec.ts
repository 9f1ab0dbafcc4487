import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CustodyError } from '../../src/common/errors/custody-error';
import { idempotencyClaims, markRequestApplied } from '../../src/idempotency/idempotency-context';
import { given } from '../support/given';
import { startTestApp, TestApp } from '../support/test-app';

/** Scanners and desks retry: the same Idempotency-Key and request answer the first answer and change nothing. */
describe('Idempotency-Key', () => {
  let custody: TestApp;
  let officer: string;
  let clerk: string;
  const post = (token: string, path: string, key: string | undefined, body: object = {}) => {
    const call = custody.http().post(path).auth(token, { type: 'bearer' });
    return (key === undefined ? call : call.set('Idempotency-Key', key)).send(body);
  };
  const counts = async () =>
    (
      await custody.sql<Record<string, number>>(`SELECT (SELECT count(*) FROM transfers)::int AS transfers, (SELECT count(*) FROM transfer_items)::int AS lines,
    (SELECT count(*) FROM custody_events)::int AS events, (SELECT count(*) FROM seizures)::int AS seizures`)
    )[0];

  beforeAll(async () => {
    custody = await startTestApp();
    officer = await custody.token('officer');
    clerk = await custody.token('clerk');
  });
  afterAll(() => custody.close());

  it('answers a retried draft with the first answer and makes no second transfer', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    const key = randomUUID();
    const first = await post(officer, '/transfers', key, { toSite: 'TPI-BRU', items: [item.code] }).expect(201);
    const before = await counts();
    const retry = await post(officer, '/transfers', key, { toSite: 'TPI-BRU', items: [item.code] }).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await counts()).toEqual(before);
    // the same key with another body is refused; another user's key is their own
    const other = await post(officer, '/transfers', key, { toSite: 'INCC', items: [item.code] }).expect(422);
    expect(other.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED', fields: [{ field: 'Idempotency-Key', problem: expect.any(String) }] });
    await post(officer, `/transfers/${first.body.code}/cancel`, key).expect(422);
    expect(await counts()).toEqual(before);
  });

  it('applies a retried single-item step once: a move (the write path marks the claim in its own statement)', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    const shelf = await given(custody).location('POL-BRU', 'Shelf A');
    const key = randomUUID();
    const first = await post(officer, `/items/${item.code}/moves`, key, { location: shelf }).expect(200);
    expect(first.body).toMatchObject({ code: item.code, location: shelf });
    const before = await counts();
    const retry = await post(officer, `/items/${item.code}/moves`, key, { location: shelf }).expect(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await counts()).toEqual(before);
    const [claim] = await custody.sql<{ applied: boolean }>(`SELECT applied_at IS NOT NULL AS applied FROM idempotency_keys WHERE key = $1`, [key]);
    expect(claim).toEqual({ applied: true });
  });

  it('answers a retried receipt with what it received the first time', async () => {
    const {
      items: [one, two],
    } = await given(custody).seizure({ items: 2 });
    const transfer = (await given(custody).transfer({ items: [one.code, two.code], dispatch: true })).code;
    const key = `desk-3-${randomUUID()}`;
    const first = await post(clerk, `/transfers/${transfer}/receipts`, key, { items: [one.code] }).expect(200);
    expect(first.body.received).toEqual([one.code]);
    const before = await counts();
    const retry = await post(clerk, `/transfers/${transfer}/receipts`, key, { items: [one.code] }).expect(200);
    expect(retry.body).toEqual(first.body);
    expect(await counts()).toEqual(before);
    // without the key, the same scan is simply "already received"
    expect((await post(clerk, `/transfers/${transfer}/receipts`, undefined, { items: [one.code] }).expect(200)).body.alreadyReceived).toEqual([one.code]);
  });

  it('runs ten simultaneous requests with one key once', async () => {
    const key = randomUUID();
    const body = {
      site: 'POL-BRU',
      caseNumber: 'PV/IDEMPOTENT/1',
      seizedAt: '2026-11-01T10:00:00Z',
      items: [{ category: 'document', description: 'Letter', quantity: 1, unit: 'piece' }],
    };
    const before = await counts();
    const responses = await Promise.all(Array.from({ length: 10 }, () => post(officer, '/seizures', key, body)));
    const created = responses.filter((response) => response.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((response) => response.body.code)).size).toBe(1);
    for (const response of responses.filter((response) => response.status !== 201)) expect(response.body.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    expect((await counts()).seizures).toBe(before.seizures + 1);
  });

  it('frees the key of a refused request for the corrected one', async () => {
    const key = randomUUID();
    await post(officer, '/transfers', key, { toSite: 'NOWHERE' }).expect(400);
    const {
      items: [item],
    } = await given(custody).seizure();
    await post(officer, '/transfers', key, { toSite: 'TPI-BRU', items: [item.code] }).expect(201);
  });

  it('refuses a malformed key', async () => {
    const response = await post(officer, '/transfers', 'x'.repeat(201), { toSite: 'TPI-BRU' }).expect(400);
    expect(response.body.fields).toEqual([{ field: 'Idempotency-Key', problem: expect.stringContaining('1 to 200') }]);
    await post(officer, '/transfers', 'with spaces', { toSite: 'TPI-BRU' }).expect(400);
  });

  it('says so when a request was applied but its answer was lost, and never applies it twice', async () => {
    const {
      items: [item],
    } = await given(custody).seizure();
    const key = randomUUID();
    const draft = await post(officer, '/transfers', key, { toSite: 'TPI-BRU', items: [item.code] }).expect(201);
    // as if the server had stopped between committing the change and keeping its answer
    await custody.sql(`UPDATE idempotency_keys SET status_code = NULL, response = NULL, claimed_at = now() - interval '1 hour' WHERE key = $1`, [key]);
    const retry = await post(officer, '/transfers', key, { toSite: 'TPI-BRU', items: [item.code] }).expect(409);
    expect(retry.body.code).toBe('IDEMPOTENT_REQUEST_APPLIED');
    expect(
      await custody.sql(`SELECT count(*)::int AS drafts FROM transfer_items line JOIN items item ON item.id = line.item_id WHERE item.code = $1`, [item.code]),
    ).toEqual([{ drafts: 1 }]);
    expect(draft.body.code).toMatch(/^T/);
  });

  it('lets a retry take over a claim whose first attempt stopped before committing, and fences that attempt off', async () => {
    const key = randomUUID();
    const [{ id: actorId }] = await custody.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'officer'`);
    const staleToken = randomUUID();
    await custody.sql(`INSERT INTO idempotency_keys (actor_id, key, fingerprint, claim_token, claimed_at) VALUES ($1, $2, repeat('0', 64), $3, now())`, [
      actorId,
      key,
      staleToken,
    ]);
    // a claim still within its lease: the first attempt may be running
    await post(officer, '/transfers', key, { toSite: 'TPI-BRU' }).expect(422);
    // the first attempt, if it ever reached its commit now, would be refused
    await custody.sql(`UPDATE idempotency_keys SET claim_token = $3 WHERE actor_id = $1 AND key = $2`, [actorId, key, randomUUID()]);
    const dataSource = custody.app.get(DataSource);
    await expect(
      idempotencyClaims.run({ actorId, key, claimToken: staleToken }, () => dataSource.transaction((manager) => markRequestApplied(manager))),
    ).rejects.toThrow(CustodyError);
  });
});
