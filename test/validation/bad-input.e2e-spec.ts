import { startTestApp, TestApp } from '../support/test-app';

type Method = 'post' | 'patch' | 'put' | 'get';

/** Each endpoint's worst inputs: each answered 4xx naming the field, and nothing written. */
describe('bad input', () => {
  let custody: TestApp;
  let admin: string;
  let organizationId: string;
  let userId: string;
  let roomCode: string;

  const rowCounts = async () => {
    const [counts] = await custody.sql<Record<string, string>>(`SELECT
      (SELECT count(*) FROM organizations) AS organizations, (SELECT count(*) FROM sites) AS sites,
      (SELECT count(*) FROM locations) AS locations, (SELECT count(*) FROM users) AS users,
      (SELECT count(*) FROM user_roles) AS roles,
      (SELECT string_agg(name || kind, ',' ORDER BY id) FROM organizations) AS organization_values,
      (SELECT string_agg(display_name || disabled, ',' ORDER BY id) FROM users) AS user_values,
      (SELECT string_agg(name, ',' ORDER BY id) FROM locations) AS location_names,
      (SELECT string_agg(name || coalesce(address, '') || array_to_string(document_languages, '+'), ',' ORDER BY id) FROM sites) AS site_values`);
    return counts;
  };

  const send = (method: Method, path: string, body?: unknown) => {
    const call = custody.http()[method](path).auth(admin, { type: 'bearer' });
    return body === undefined ? call : typeof body === 'string' ? call.set('content-type', 'application/json').send(body) : call.send(body as object);
  };

  beforeAll(async () => {
    custody = await startTestApp();
    admin = await custody.token('admin');
    [{ id: organizationId }] = await custody.sql<{ id: string }>(`SELECT id FROM organizations LIMIT 1`);
    [{ id: userId }] = await custody.sql<{ id: string }>(`SELECT id FROM users WHERE username = 'clerk'`);
    [{ code: roomCode }] = await custody.sql<{ code: string }>(
      `SELECT l.code FROM locations l JOIN sites s ON s.id = l.site_id WHERE s.code = 'POL-BRU' AND l.kind = 'room' LIMIT 1`,
    );
  });
  afterAll(() => custody.close());

  const cases: [string, Method, () => string, () => unknown, { field: string; problem: string | RegExp }[], number?][] = [
    ['an organization without a name', 'post', () => '/organizations', () => ({ kind: 'police' }), [{ field: 'name', problem: 'must be a string' }]],
    [
      'an organization of an unknown kind',
      'post',
      () => '/organizations',
      () => ({ name: 'X', kind: 'army' }),
      [{ field: 'kind', problem: /must be one of police, court/ }],
    ],
    [
      'an organization with a 10 000 character name',
      'post',
      () => '/organizations',
      () => ({ name: 'x'.repeat(10_000), kind: 'lab' }),
      [{ field: 'name', problem: /shorter than or equal to 200/ }],
    ],
    [
      'an organization with an empty name',
      'post',
      () => '/organizations',
      () => ({ name: '', kind: 'lab' }),
      [{ field: 'name', problem: /longer than or equal to 1/ }],
    ],
    [
      'an organization renamed to a number',
      'patch',
      () => `/organizations/${organizationId}`,
      () => ({ name: 12 }),
      [{ field: 'name', problem: 'must be a string' }],
    ],
    ['an organization with a malformed id', 'patch', () => '/organizations/not-a-uuid', () => ({ name: 'x' }), [{ field: 'id', problem: 'must be a UUID' }]],
    [
      'an organization whose name holds an escape',
      'post',
      () => '/organizations',
      () => ({ name: 'Police\u001b@', kind: 'police' }),
      [{ field: 'name', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' }],
    ],
    [
      'a site whose name and address hold control characters',
      'post',
      () => '/sites',
      () => ({ code: 'POL-NEW', name: 'Room\u0007', address: 'Rue\r\nRoyale', organization: organizationId }),
      [
        { field: 'name', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' },
        { field: 'address', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' },
      ],
    ],
    [
      'a site with three document languages',
      'post',
      () => '/sites',
      () => ({ code: 'POL-NEW', name: 'x', organization: organizationId, documentLanguages: ['fr', 'nl', 'en'] }),
      [{ field: 'documentLanguages', problem: 'must hold one or two languages' }],
    ],
    [
      'a site in German',
      'post',
      () => '/sites',
      () => ({ code: 'POL-NEW', name: 'x', organization: organizationId, documentLanguages: ['de'] }),
      [{ field: 'documentLanguages', problem: 'must hold languages among en, fr, nl' }],
    ],
    [
      'a site given no document language',
      'patch',
      () => '/sites/POL-BRU',
      () => ({ documentLanguages: [] }),
      [{ field: 'documentLanguages', problem: 'must hold one or two languages' }],
    ],
    [
      'a site given French twice',
      'patch',
      () => '/sites/POL-BRU',
      () => ({ documentLanguages: ['fr', 'fr'] }),
      [{ field: 'documentLanguages', problem: 'must not name a language twice' }],
    ],
    [
      'a site given its languages as a string',
      'patch',
      () => '/sites/POL-BRU',
      () => ({ documentLanguages: 'fr' }),
      [{ field: 'documentLanguages', problem: 'must be an array' }],
    ],
    [
      'a location whose name reads backwards',
      'post',
      () => '/sites/POL-BRU/locations',
      () => ({ name: 'Shelf \u202eA', kind: 'room' }),
      [{ field: 'name', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' }],
    ],
    [
      'a site with a lowercase, spaced code',
      'post',
      () => '/sites',
      () => ({ code: 'pol bru', name: 'x', organization: organizationId }),
      [{ field: 'code', problem: /uppercase letters and digits/ }],
    ],
    [
      'a site of a missing organization',
      'post',
      () => '/sites',
      () => ({ code: 'POL-NEW', name: 'x', organization: '00000000-0000-4000-8000-000000000000' }),
      [{ field: 'organization', problem: /names no organization/ }],
    ],
    [
      'a site whose organization is not a UUID',
      'post',
      () => '/sites',
      () => ({ code: 'POL-NEW', name: 'x', organization: 'police' }),
      [{ field: 'organization', problem: 'must be the UUID of an organization' }],
    ],
    [
      'a site with a code already taken',
      'post',
      () => '/sites',
      () => ({ code: 'POL-BRU', name: 'x', organization: organizationId }),
      [{ field: 'code', problem: 'is taken' }],
      409,
    ],
    ['a site update with an unknown field', 'patch', () => '/sites/POL-BRU', () => ({ code: 'POL-XXX' }), [{ field: 'code', problem: 'is not a known field' }]],
    [
      'a location of an unknown kind',
      'post',
      () => '/sites/POL-BRU/locations',
      () => ({ name: 'x', kind: 'drawer' }),
      [{ field: 'kind', problem: 'must be one of room, shelf, bin' }],
    ],
    [
      'a location under a nonsense parent',
      'post',
      () => '/sites/POL-BRU/locations',
      () => ({ name: 'x', kind: 'shelf', parent: '<script>' }),
      [{ field: 'parent', problem: /unknown prefix/ }],
    ],
    [
      'a location whose optional parent is sent as null',
      'post',
      () => '/sites/POL-BRU/locations',
      () => ({ name: 'x', kind: 'shelf', parent: null }),
      [{ field: 'parent', problem: 'must be a string' }],
    ],
    ['a location renamed to nothing', 'patch', () => `/locations/${roomCode}`, () => ({ name: '' }), [{ field: 'name', problem: /longer than or equal to 1/ }]],
    [
      'a location looked up by a code with a wrong length',
      'get',
      () => '/locations/L12',
      () => undefined,
      [{ field: 'code', problem: /must be 11 characters long/ }],
    ],
    [
      'a user with a short password and an uppercase name',
      'post',
      () => '/users',
      () => ({ username: 'Bad Name', displayName: 'x', password: 'short', roles: [] }),
      [
        { field: 'username', problem: /lowercase letters/ },
        { field: 'password', problem: /longer than or equal to 12/ },
      ],
    ],
    [
      'a user whose name holds a tab',
      'post',
      () => '/users',
      () => ({ username: 'newuser', displayName: 'Jean\tDupont', password: 'long-enough-pw', roles: [] }),
      [{ field: 'displayName', problem: 'must not contain control characters (line breaks, tabs or invisible printer commands)' }],
    ],
    [
      'a user whose roles are not a list',
      'post',
      () => '/users',
      () => ({ username: 'newuser', displayName: 'x', password: 'long-enough-pw', roles: 'admin' }),
      [{ field: 'roles', problem: 'must be an array' }],
    ],
    [
      'a user whose role has no site',
      'post',
      () => '/users',
      () => ({ username: 'newuser', displayName: 'x', password: 'long-enough-pw', roles: [{ role: 'registry_clerk' }] }),
      [{ field: 'roles[0].site', problem: 'is required for the role registry_clerk' }],
    ],
    [
      'a user whose global role has a site',
      'post',
      () => '/users',
      () => ({ username: 'newuser', displayName: 'x', password: 'long-enough-pw', roles: [{ role: 'auditor', site: 'POL-BRU' }] }),
      [{ field: 'roles[0].site', problem: /must be absent/ }],
    ],
    [
      'a user at a site that does not exist',
      'post',
      () => '/users',
      () => ({
        username: 'newuser',
        displayName: 'x',
        password: 'long-enough-pw',
        roles: [
          { role: 'evidence_officer', site: 'POL-BRU' },
          { role: 'lab_analyst', site: 'NOWHERE' },
        ],
      }),
      [{ field: 'roles[1].site', problem: 'names no site: "NOWHERE"' }],
    ],
    [
      'a user with the same role twice',
      'post',
      () => '/users',
      () => ({ username: 'newuser', displayName: 'x', password: 'long-enough-pw', roles: [{ role: 'admin' }, { role: 'admin' }] }),
      [{ field: 'roles[1]', problem: 'repeats an earlier role' }],
    ],
    [
      'a user whose role is nested garbage',
      'post',
      () => '/users',
      () => ({ username: 'newuser', displayName: 'x', password: 'long-enough-pw', roles: [{ role: { deep: [1, { deeper: true }] } }] }),
      [{ field: 'roles[0].role', problem: /must be one of/ }],
    ],
    [
      'a user with a name already taken',
      'post',
      () => '/users',
      () => ({ username: 'officer', displayName: 'x', password: 'long-enough-pw', roles: [] }),
      [{ field: 'username', problem: 'is taken' }],
      409,
    ],
    [
      'a user disabled with a string',
      'patch',
      () => `/users/${userId}`,
      () => ({ disabled: 'yes' }),
      [{ field: 'disabled', problem: 'must be a boolean value' }],
    ],
    ['roles set for a user id that is not a UUID', 'put', () => '/users/1/roles', () => ({ roles: [] }), [{ field: 'id', problem: 'must be a UUID' }]],
    ['roles set without a list', 'put', () => `/users/${userId}/roles`, () => ({}), [{ field: 'roles', problem: 'must be an array' }]],
    ['a page number that is not a number', 'get', () => '/users?page=abc', () => undefined, [{ field: 'page', problem: /integer/ }]],
    ['an unknown query parameter', 'get', () => '/organizations?sort=name', () => undefined, [{ field: 'sort', problem: 'is not a known field' }]],
    ['malformed JSON', 'post', () => '/organizations', () => '{"name": "x", kind', [{ field: 'body', problem: 'is not valid JSON' }]],
    ['a JSON string instead of an object', 'post', () => '/organizations', () => '"police"', [{ field: 'body', problem: 'must be a JSON object' }]],
    [
      'a JSON array instead of an object',
      'patch',
      () => `/users/${userId}`,
      () => '[{"disabled": true}]',
      [{ field: 'body', problem: 'must be a JSON object' }],
    ],
  ];

  it.each(cases)('answers %s with a 4xx naming the field, and writes nothing', async (_name, method, path, body, fields, status = 400) => {
    const before = await rowCounts();
    const response = await send(method, path(), body());
    expect(response.status).toBe(status);
    expect(response.body).toEqual({
      statusCode: status,
      code: status === 409 ? 'CONFLICT' : expect.stringMatching(/^(VALIDATION_FAILED|MALFORMED_JSON)$/),
      message: expect.any(String),
      fields: fields.map(({ field, problem }) => ({ field, problem: typeof problem === 'string' ? problem : expect.stringMatching(problem) })),
    });
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a body nested too deep, or with a key that reaches a prototype, naming it, and writes nothing', async () => {
    const before = await rowCounts();
    let deep: unknown = 'bottom';
    for (let level = 0; level < 3000; level += 1) deep = { nested: deep };
    const nested = await send('post', '/organizations', { name: 'x', kind: 'police', extra: deep }).expect(400);
    expect(nested.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'body', problem: 'is nested more than 16 levels deep' }] });
    const proto = await send('post', `/sites/POL-BRU/locations`, '{"name": "Room", "kind": "room", "__proto__": false}').expect(400);
    expect(proto.body.fields).toEqual([{ field: '__proto__', problem: 'is not a known field' }]);
    const inside = await send('patch', `/users/${userId}`, '{"roles": [{"constructor": {"prototype": 1}}]}').expect(400);
    expect(inside.body.fields).toEqual([{ field: 'roles[0].constructor', problem: 'is not a known field' }]);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers a request line too large for the HTTP server in the same error shape', async () => {
    const response = await custody
      .http()
      .get(`/items?caseNumber=${'x'.repeat(20_000)}`)
      .auth(admin, { type: 'bearer' })
      .expect(431);
    expect(response.body).toEqual({ statusCode: 431, code: 'REQUEST_HEADERS_TOO_LARGE', message: expect.any(String) });
  });

  it('answers an oversized body with 413', async () => {
    const response = await send('post', '/organizations', { name: 'x'.repeat(2 * 1024 * 1024), kind: 'lab' }).expect(413);
    expect(response.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('answers an unknown route and an unknown record with 404 in the same shape', async () => {
    const route = await send('get', '/no-such-thing').expect(404);
    expect(route.body).toMatchObject({ statusCode: 404, code: 'ROUTE_NOT_FOUND' });
    const record = await send('get', '/organizations/00000000-0000-4000-8000-000000000000').expect(404);
    expect(record.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    const site = await send('get', `/sites/${encodeURIComponent('%00 DROP TABLE sites;')}`).expect(404);
    expect(site.body.code).toBe('NOT_FOUND');
  });

  it('sends security headers and a request id on every answer', async () => {
    const response = await custody.http().get('/health').set('x-request-id', 'desk-7.scan-42').expect(200);
    expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'x-request-id': 'desk-7.scan-42' });
    // an API answer is data: it may run nothing and be framed nowhere
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    const docs = await custody.http().get('/api/docs/').expect(200);
    expect(docs.headers['content-security-policy']).toContain("default-src 'self'");
    const made = await custody.http().get('/health').set('x-request-id', 'bad id with spaces').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
