import fc from 'fast-check';
import { given } from '../support/given';
import { TestApp } from '../support/test-app';
import { operationsOf, pathOf, Samples, Schema, valueOf } from './openapi-arbitraries';

export interface FuzzFinding {
  request: string;
  status: number;
  problem: string;
  body: string;
}

export interface FuzzSummary {
  requests: number;
  byStatus: Record<string, number>;
  findings: FuzzFinding[];
}

const who = ['anonymous', 'officer', 'clerk', 'analyst', 'auditor', 'admin'] as const;

/** What a refused request must not have changed: counts, and the last change time of what can be updated. */
const snapshotQuery = `SELECT
  (SELECT count(*) FROM seizures) AS seizures, (SELECT count(*) FROM items) AS items, (SELECT count(*) FROM custody_events) AS events,
  (SELECT count(*) FROM transfers) AS transfers, (SELECT count(*) FROM transfer_items) AS lines, (SELECT count(*) FROM transfer_discrepancies) AS discrepancies,
  (SELECT count(*) FROM printers) AS printers, (SELECT count(*) FROM print_jobs) AS jobs, (SELECT count(*) FROM checkouts) AS checkouts,
  (SELECT count(*) FROM dispositions) AS dispositions, (SELECT count(*) FROM audits) AS audits, (SELECT count(*) FROM audit_scans) AS scans,
  (SELECT count(*) FROM organizations) AS organizations, (SELECT count(*) FROM sites) AS sites, (SELECT count(*) FROM locations) AS locations,
  (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM user_roles) AS roles, (SELECT count(*) FROM idempotency_keys) AS keys,
  (SELECT count(*) FROM ledger_checkpoints) AS checkpoints,
  (SELECT max(updated_at) FROM items) AS items_changed, (SELECT max(updated_at) FROM transfers) AS transfers_changed,
  (SELECT max(updated_at) FROM printers) AS printers_changed, (SELECT max(updated_at) FROM sites) AS sites_changed,
  (SELECT max(updated_at) FROM locations) AS locations_changed, (SELECT max(updated_at) FROM organizations) AS organizations_changed,
  (SELECT string_agg(status || coalesce(report::text, ''), ',' ORDER BY id) FROM audits) AS audit_states`;

/** Demo state with something of every kind, so generated requests reach the handlers. */
export async function fuzzSamples(custody: TestApp): Promise<Samples> {
  const { items } = await given(custody).seizure({ items: 4, category: 'drugs' });
  await given(custody).transfer({ items: [items[0].code] });
  await given(custody).transfer({ items: [items[1].code], dispatch: true, witness: 'officer2' });
  await (await custody.as('admin')).post('/printers', { site: 'POL-BRU', name: 'Fuzz desk', host: '127.0.0.1', port: 9, type: 'epson' }).expect(201);
  await (await custody.as('officer')).post('/audits', { site: 'POL-BRU' }).expect(201);
  const rows = await custody.sql<{ value: string; kind: string }>(`
    SELECT code AS value, 'code' AS kind FROM items UNION ALL SELECT code, 'code' FROM locations UNION ALL SELECT code, 'code' FROM transfers
    UNION ALL SELECT code, 'code' FROM seizures UNION ALL SELECT id::text, 'id' FROM users UNION ALL SELECT id::text, 'id' FROM organizations
    UNION ALL SELECT id::text, 'id' FROM printers UNION ALL SELECT id::text, 'id' FROM audits UNION ALL SELECT code, 'site' FROM sites`);
  return {
    codes: rows.filter((row) => row.kind === 'code').map((row) => row.value),
    ids: rows.filter((row) => row.kind === 'id').map((row) => row.value),
    sites: rows.filter((row) => row.kind === 'site').map((row) => row.value),
  };
}

/**
 * Sends `count` generated requests, one at a time, to every endpoint of the app's own OpenAPI
 * document: valid, boundary and broken parameters and bodies, malformed and oversized JSON, as
 * anyone or no one. Each answer must be a 2xx or a 4xx in the error shape, never a 5xx or a stack
 * trace; a refused request must have written nothing.
 */
export async function fuzz(custody: TestApp, count: number, seed: number): Promise<FuzzSummary> {
  const document = (await custody.http().get('/api/docs-json').expect(200)).body;
  const components = document.components.schemas as Record<string, Schema>;
  // not signing in, nor out: a sign-out ends every token of the user, and the rest of the run would only meet 401
  const operations = operationsOf(document).filter((operation) => operation.path !== '/auth/login' && operation.path !== '/auth/logout');
  const samples = await fuzzSamples(custody);
  const tokens = new Map<string, string>();
  for (const name of who) if (name !== 'anonymous') tokens.set(name, await custody.token(name));
  const snapshot = async () => JSON.stringify((await custody.sql(snapshotQuery))[0]);

  const request = fc.integer({ min: 0, max: operations.length - 1 }).chain((index) => {
    const operation = operations[index];
    const body = operation.body
      ? fc.oneof(
          { weight: 8, arbitrary: valueOf(operation.body, components, samples).map((value) => ({ json: value })) },
          { weight: 1, arbitrary: fc.constantFrom('{"a":', '{"items": [1,2,', '\u0000', '{}{}', 'null', '[]', '"x"', '{"x": 1e999}').map((raw) => ({ raw })) },
          { weight: 1, arbitrary: fc.constant({ raw: JSON.stringify({ items: ['x'.repeat(1_100_000)] }) }) },
        )
      : fc.option(fc.oneof(fc.constant({ json: {} }), fc.constant({ json: { unexpected: true } })), { freq: 2 });
    return fc.record({
      operation: fc.constant(operation),
      path: pathOf(operation, components, samples),
      body,
      actor: fc.constantFrom(...who),
      idempotencyKey: fc.option(fc.oneof(fc.uuid(), fc.constantFrom('', ' ', 'x'.repeat(201), 'same-key')), { freq: 4 }),
    });
  });

  const summary: FuzzSummary = { requests: 0, byStatus: {}, findings: [] };
  // drawn a few hundred at a time: a hundred thousand requests with megabyte bodies do not fit in memory at once
  const chunk = 250;
  const generated = function* () {
    for (let start = 0; start < count; start += chunk) yield* fc.sample(request, { numRuns: Math.min(chunk, count - start), seed: seed + start });
  };
  for (const sample of generated()) {
    const { operation, path, body, actor, idempotencyKey } = sample;
    let call = custody.http()[operation.method as 'get' | 'post' | 'patch' | 'put' | 'delete'](path);
    if (actor !== 'anonymous') call = call.set('authorization', `Bearer ${tokens.get(actor)}`);
    if (idempotencyKey !== null) call = call.set('Idempotency-Key', idempotencyKey);
    const before = operation.method === 'get' ? null : await snapshot();
    let response;
    try {
      const raw = body === null ? null : 'raw' in body ? body.raw : (JSON.stringify(body.json) ?? 'null');
      response = raw === null ? await call : await call.set('content-type', 'application/json').send(raw);
    } catch (error) {
      summary.findings.push({
        request: `${operation.method.toUpperCase()} ${path.slice(0, 200)}`,
        status: 0,
        problem: `no answer: ${(error as Error).message}`,
        body: '',
      });
      continue;
    }
    summary.requests += 1;
    summary.byStatus[response.status] = (summary.byStatus[response.status] ?? 0) + 1;
    const text = response.text ?? '';
    const sent = body === null ? '' : ('raw' in body ? body.raw : (JSON.stringify(body.json) ?? '')).slice(0, 300);
    const record = (problem: string) =>
      summary.findings.push({
        request: `${actor} ${operation.method.toUpperCase()} ${path.slice(0, 200)} ${sent}`,
        status: response.status,
        problem,
        body: text.slice(0, 300),
      });
    if (response.status >= 500) record('a server error');
    if (/\bat [\w.<>]+ \(|\.ts:\d+:\d+|node_modules\//.test(text)) record('a stack trace in the answer');
    if (response.status >= 400 && response.status < 500) {
      const error = response.body as { statusCode?: number; code?: string; message?: string };
      if (error?.statusCode !== response.status || !/^[A-Z_]+$/.test(error.code ?? '') || typeof error.message !== 'string')
        record('an error not in the error shape');
      if (before !== null && (await snapshot()) !== before) record('a refused request changed the database');
    }
  }
  return summary;
}
