import { startTestApp, TestApp } from '../support/test-app';

describe('administering organizations, sites, locations and users', () => {
  let custody: TestApp;
  let admin: string;
  const as = (token: string) => ({
    get: (path: string) => custody.http().get(path).auth(token, { type: 'bearer' }),
    post: (path: string, body: object) => custody.http().post(path).auth(token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) => custody.http().patch(path).auth(token, { type: 'bearer' }).send(body),
    put: (path: string, body: object) => custody.http().put(path).auth(token, { type: 'bearer' }).send(body),
  });

  beforeAll(async () => {
    custody = await startTestApp();
    admin = await custody.token('admin');
  });
  afterAll(() => custody.close());

  it('sets up a new police zone with a site, a storage tree and an officer who sees only that site', async () => {
    const organization = await as(admin).post('/organizations', { name: 'Police zone Antwerpen', kind: 'police' }).expect(201);
    expect(organization.body).toMatchObject({ id: expect.any(String), name: 'Police zone Antwerpen', kind: 'police' });

    const site = await as(admin).post('/sites', { code: 'POL-ANT', name: 'Evidence room Antwerpen', organization: organization.body.id }).expect(201);
    expect(site.body).toMatchObject({ code: 'POL-ANT', address: null, organization: { id: organization.body.id, kind: 'police' } });

    const room = await as(admin).post('/sites/POL-ANT/locations', { name: 'Basement', kind: 'room' }).expect(201);
    expect(room.body).toEqual({
      code: expect.stringMatching(/^L\d{9}[0-9A-Z]$/),
      name: 'Basement',
      kind: 'room',
      site: 'POL-ANT',
      parent: null,
      path: 'Basement',
    });
    const shelf = await as(admin).post('/sites/POL-ANT/locations', { name: 'Shelf 1', kind: 'shelf', parent: room.body.code }).expect(201);
    const bin = await as(admin)
      .post('/sites/POL-ANT/locations', { name: 'Bin 1', kind: 'bin', parent: ` ${shelf.body.code.toLowerCase()}\r\n` })
      .expect(201);
    expect(bin.body).toMatchObject({ parent: shelf.body.code, path: 'Basement › Shelf 1 › Bin 1', site: 'POL-ANT' });

    const user = await as(admin)
      .post('/users', {
        username: 'jpeeters',
        displayName: 'Jan Peeters',
        password: 'antwerpen-evidence',
        roles: [{ role: 'evidence_officer', site: 'POL-ANT' }],
      })
      .expect(201);
    expect(user.body).toMatchObject({ username: 'jpeeters', disabled: false, roles: [{ role: 'evidence_officer', site: 'POL-ANT' }] });
    expect(user.body).not.toHaveProperty('passwordHash');

    const officer = await custody.token('jpeeters', 'antwerpen-evidence');
    const sites = await as(officer).get('/sites').expect(200);
    expect(sites.body.map((each: { code: string }) => each.code)).toEqual(['POL-ANT']);
    const tree = await as(officer).get('/sites/pol-ant/locations').expect(200);
    expect(tree.body).toEqual([
      {
        code: room.body.code,
        name: 'Basement',
        kind: 'room',
        children: [{ code: shelf.body.code, name: 'Shelf 1', kind: 'shelf', children: [{ code: bin.body.code, name: 'Bin 1', kind: 'bin', children: [] }] }],
      },
    ]);
    await as(officer).get('/sites/POL-BRU/locations').expect(404);
    await as(officer).get(`/locations/${bin.body.code}`).expect(200);
  });

  it('shows auditors and administrators every site, and officers their own', async () => {
    const everySite = ['INCC', 'OCSC', 'POL-BRU', 'TPI-BRU'];
    for (const reader of ['auditor', 'admin']) {
      const sites = await as(await custody.token(reader))
        .get('/sites')
        .expect(200);
      expect(sites.body.map((site: { code: string }) => site.code)).toEqual(expect.arrayContaining(everySite));
    }
    const officerSites = await as(await custody.token('officer'))
      .get('/sites')
      .expect(200);
    expect(officerSites.body.map((site: { code: string }) => site.code)).toEqual(['POL-BRU']);
  });

  it('gives everyone the directory of sites to send evidence to: codes, names, kinds and document languages only', async () => {
    const directory = await as(await custody.token('officer'))
      .get('/sites/directory')
      .expect(200);
    expect(directory.body).toEqual(
      expect.arrayContaining([
        { code: 'POL-BRU', name: expect.any(String), kind: 'police', documentLanguages: ['fr'] },
        { code: 'TPI-BRU', name: expect.any(String), kind: expect.any(String), documentLanguages: ['fr', 'nl'] },
      ]),
    );
    expect(directory.body.map((site: { code: string }) => site.code)).toEqual(expect.arrayContaining(['INCC', 'OCSC', 'POL-BRU', 'TPI-BRU']));
    expect(Object.keys(directory.body[0]).sort()).toEqual(['code', 'documentLanguages', 'kind', 'name']);
    await custody.http().get('/sites/directory').expect(401);
  });

  it('keeps the room > shelf > bin order and one name per level', async () => {
    const [{ code: roomCode }] = await custody.sql<{ code: string }>(
      `SELECT l.code FROM locations l JOIN sites s ON s.id = l.site_id WHERE s.code = 'TPI-BRU' AND l.name = 'Registry vault'`,
    );
    const [{ code: otherSiteRoom }] = await custody.sql<{ code: string }>(
      `SELECT l.code FROM locations l JOIN sites s ON s.id = l.site_id WHERE s.code = 'POL-BRU' AND l.kind = 'room' LIMIT 1`,
    );
    const bad = async (body: object, field: string, problem: string | RegExp, status = 400) => {
      const response = await as(admin).post('/sites/TPI-BRU/locations', body).expect(status);
      expect(response.body.fields).toEqual([{ field, problem: typeof problem === 'string' ? problem : expect.stringMatching(problem) }]);
    };
    await bad({ name: 'Bin X', kind: 'bin', parent: roomCode }, 'parent', 'must be a shelf: a bin goes in a shelf');
    await bad({ name: 'Room X', kind: 'room', parent: roomCode }, 'parent', 'must be absent: a room is at the top of a site');
    await bad({ name: 'Shelf X', kind: 'shelf' }, 'parent', 'must be a room: a shelf goes in a room');
    await bad({ name: 'Shelf X', kind: 'shelf', parent: otherSiteRoom }, 'parent', 'names no location of site TPI-BRU');
    await bad(
      { name: 'Shelf X', kind: 'shelf', parent: roomCode.slice(0, -1) + (roomCode.endsWith('0') ? '1' : '0') },
      'parent',
      'has a wrong check character',
    );
    await bad({ name: 'Shelf X', kind: 'shelf', parent: 'S000000001X' }, 'parent', /check character|not a location code/);
    await bad({ name: 'shelf 1', kind: 'shelf', parent: roomCode }, 'name', 'is already used at this level', 409);
    await as(admin).post('/sites/NOPE/locations', { name: 'Room', kind: 'room' }).expect(404);
  });

  it('lets one of two concurrent identical creations win and answers the other 409', async () => {
    const attempts = await Promise.all([1, 2, 3].map(() => as(admin).post('/sites/OCSC/locations', { name: 'Overflow room', kind: 'room' })));
    expect(attempts.map((response) => response.status).sort()).toEqual([201, 409, 409]);
    for (const refused of attempts.filter((response) => response.status === 409)) {
      expect(refused.body.fields).toEqual([{ field: 'name', problem: 'is already used at this level' }]);
    }
    const users = await Promise.all(
      [1, 2].map(() => as(admin).post('/users', { username: 'twin', displayName: 'Twin', password: 'twin-password-1', roles: [] })),
    );
    expect(users.map((response) => response.status).sort()).toEqual([201, 409]);
    expect(users.find((response) => response.status === 409)!.body).toMatchObject({ code: 'CONFLICT', fields: [{ field: 'username', problem: 'is taken' }] });
    const [{ count }] = await custody.sql<{ count: string }>(`SELECT count(*) FROM users WHERE username = 'twin'`);
    expect(Number(count)).toBe(1);
  });

  it('pages through users and organizations', async () => {
    const firstPage = await as(admin).get('/users?page=1&pageSize=3').expect(200);
    const secondPage = await as(admin).get('/users?page=2&pageSize=3').expect(200);
    expect(firstPage.body).toMatchObject({ page: 1, pageSize: 3, total: expect.any(Number) });
    expect(firstPage.body.data).toHaveLength(3);
    expect(firstPage.body.total).toBeGreaterThanOrEqual(8);
    const names = [...firstPage.body.data, ...secondPage.body.data].map((user: { username: string }) => user.username);
    expect(new Set(names).size).toBe(6);
    expect(names.slice(0, 3)).toEqual([...names.slice(0, 3)].sort());
    const organizations = await as(await custody.token('auditor'))
      .get('/organizations?pageSize=2')
      .expect(200);
    expect(organizations.body.data).toHaveLength(2);
    const bad = await as(admin).get('/users?page=0&pageSize=1000').expect(400);
    expect(bad.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'page' }), expect.objectContaining({ field: 'pageSize' })]));
  });

  it('edits a user, their roles and their password', async () => {
    const created = await as(admin)
      .post('/users', { username: 'lmertens', displayName: 'L Mertens', password: 'first-password-1', roles: [{ role: 'lab_analyst', site: 'INCC' }] })
      .expect(201);
    const id = created.body.id;
    await as(admin).patch(`/users/${id}`, { displayName: 'Lies Mertens', password: 'second-password-2' }).expect(200);
    await custody.http().post('/auth/login').send({ username: 'lmertens', password: 'first-password-1' }).expect(401);
    const signIn = await custody.http().post('/auth/login').send({ username: 'lmertens', password: 'second-password-2' }).expect(200);
    expect(signIn.body.user.displayName).toBe('Lies Mertens');
    const roles = await as(admin)
      .put(`/users/${id}/roles`, { roles: [{ role: 'lab_analyst', site: 'INCC' }, { role: 'auditor' }] })
      .expect(200);
    expect(roles.body.roles).toEqual([
      { role: 'auditor', site: null },
      { role: 'lab_analyst', site: 'INCC' },
    ]);
    const fetched = await as(admin).get(`/users/${id}`).expect(200);
    expect(fetched.body.roles).toHaveLength(2);
    await as(admin).get('/users/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('updates a site and its organization', async () => {
    const organization = await as(admin).post('/organizations', { name: 'Court of appeal Brussels', kind: 'court' }).expect(201);
    const site = await as(admin).patch('/sites/TPI-BRU', { address: 'Place Poelaert 1', organization: organization.body.id }).expect(200);
    expect(site.body).toMatchObject({ code: 'TPI-BRU', address: 'Place Poelaert 1', organization: { name: 'Court of appeal Brussels', kind: 'court' } });
    const renamed = await as(admin).patch(`/organizations/${organization.body.id}`, { name: 'Cour d’appel de Bruxelles' }).expect(200);
    expect(renamed.body.name).toBe('Cour d’appel de Bruxelles');
    await as(admin).patch('/sites/NOPE', { name: 'x' }).expect(404);
  });
});
