import { ApiContract, OpenApiDocument } from '../support/api-contract';
import { startTestApp, TestApp } from '../support/test-app';

const errorBody = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
const document: OpenApiDocument = {
  paths: {
    '/things/{code}': {
      get: {
        responses: {
          '200': { description: 'the thing', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '404': { description: 'none', ...errorBody },
        },
      },
      delete: { responses: { '204': { description: 'gone' } } },
    },
    '/things/{code}/label': {
      get: { responses: { '200': { description: 'its label', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } } } },
    },
    '/things/lookup': {
      get: { responses: { '2XX': { description: 'any', content: { 'application/json': { schema: { type: 'array', items: { type: 'string' } } } } } } },
    },
    '/tiles/{path}': { get: { responses: { '200': { description: 'a tile', content: { 'application/octet-stream': {} } } } } },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['code', 'kind', 'parent', 'owner'],
        properties: {
          code: { type: 'string' },
          kind: { type: 'string', enum: ['small', 'large'] },
          size: { type: 'string', nullable: true, enum: ['S', 'M', null] },
          shape: { type: 'string', nullable: true, enum: ['round', 'square'] },
          parent: { type: 'string', nullable: true },
          owner: { nullable: true, allOf: [{ $ref: '#/components/schemas/Owner' }] },
          takenAt: { type: 'string', format: 'date-time', example: '2026-01-01T00:00:00.000Z' },
        },
      },
      Owner: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      Error: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } },
    },
  },
};
const thing = { code: 'T1', kind: 'small', parent: null, owner: { name: 'Ann' }, takenAt: '2026-01-01T10:00:00.000Z' };
const json = 'application/json; charset=utf-8';
const answer = (body: unknown, overrides: Partial<Parameters<ApiContract['problemsOf']>[0]> = {}) => ({
  method: 'GET',
  path: '/things/{code}',
  status: 200,
  contentType: json,
  body: JSON.stringify(body),
  ...overrides,
});

describe('the contract every test answer is held to', () => {
  const contract = new ApiContract(document);

  it('accepts an answer the document describes, with its nulls, component references and formats', () => {
    expect(contract.problemsOf(answer(thing))).toEqual([]);
    expect(contract.problemsOf(answer({ ...thing, parent: 'T0', owner: null }))).toEqual([]);
    expect(contract.problemsOf(answer({ code: 'NOPE' }, { status: 404 }))).toEqual([]);
    expect(contract.problemsOf(answer(['a'], { path: '/things/lookup', status: 207 }))).toEqual([]);
    expect(contract.problemsOf({ method: 'DELETE', path: '/things/{code}', status: 204, contentType: undefined, body: '' })).toEqual([]);
  });

  it('names the operation, status and what is wrong when a body lies', () => {
    expect(contract.problemsOf(answer({ ...thing, code: 7, kind: 'medium', takenAt: 'yesterday' }))).toEqual([
      'GET /things/{code} 200: /code must be string {"type":"string"}',
      'GET /things/{code} 200: /kind must be equal to one of the allowed values {"allowedValues":["small","large"]}',
      'GET /things/{code} 200: /takenAt must match format "date-time" {"format":"date-time"}',
    ]);
    expect(contract.problemsOf(answer({ ...thing, owner: {} }))).toContainEqual(
      'GET /things/{code} 200: /owner must have required property \'name\' {"missingProperty":"name"}',
    );
    expect(contract.problemsOf(answer({ code: 'T1', kind: 'small', owner: null }))).toEqual([
      'GET /things/{code} 200: the body must have required property \'parent\' {"missingProperty":"parent"}',
    ]);
    expect(contract.problemsOf(answer({ ...thing, kind: null }))).toContainEqual('GET /things/{code} 200: /kind must be string {"type":"string"}');
    expect(contract.problemsOf(answer({ ...thing, size: null }))).toEqual([]);
    expect(contract.problemsOf(answer({ ...thing, shape: null }))).toContainEqual(
      'GET /things/{code} 200: /shape must be equal to one of the allowed values {"allowedValues":["round","square"]}',
    );
    expect(contract.problemsOf({ ...answer(thing), body: '{"code":' })).toEqual(['GET /things/{code} 200: the body is not JSON']);
  });

  it('refuses a status, a content type or a body the operation does not declare', () => {
    expect(contract.problemsOf(answer(thing, { status: 201 }))).toEqual([
      'GET /things/{code} 201: a status the operation does not declare (it declares 200, 404)',
    ]);
    expect(contract.problemsOf(answer(thing, { contentType: 'text/plain; charset=utf-8' }))).toEqual([
      'GET /things/{code} 200: content type text/plain, the document declares application/json',
    ]);
    expect(contract.problemsOf({ method: 'GET', path: '/things/{code}/label', status: 200, contentType: 'image/svg+xml', body: '<svg/>' })).toEqual([
      'GET /things/{code}/label 200: content type image/svg+xml, the document declares image/png',
    ]);
    expect(contract.problemsOf({ method: 'GET', path: '/things/{code}/label', status: 200, contentType: 'image/png', body: Buffer.from([0x89]) })).toEqual([]);
    expect(contract.problemsOf({ method: 'DELETE', path: '/things/{code}', status: 204, contentType: json, body: '{}' })).toEqual([
      'DELETE /things/{code} 204: a body (application/json) where the document declares none',
    ]);
    expect(contract.problemsOf(answer(thing, { method: 'PATCH' }))).toEqual(['PATCH /things/{code}: no such operation in the document']);
  });

  it('finds the operation of a request path, literal segments first and a last parameter across segments', () => {
    expect(contract.pathOf('GET', '/things/T1')).toBe('/things/{code}');
    expect(contract.pathOf('GET', '/things/lookup?q=1')).toBe('/things/lookup');
    expect(contract.pathOf('GET', '/things/T1/label/')).toBe('/things/{code}/label');
    expect(contract.pathOf('GET', '/tiles/0/x001/234.p/5')).toBe('/tiles/{path}');
    expect(contract.pathOf('POST', '/things/T1')).toBeUndefined();
    expect(contract.pathOf('GET', '/nothing')).toBeUndefined();
  });
});

describe('an app whose answers disagree with its document', () => {
  let custody: TestApp;
  beforeAll(async () => {
    custody = await startTestApp();
    const lying = structuredClone(custody.answers.contract!.document);
    lying.components!.schemas!.SiteDirectoryEntryDoc = { type: 'object', properties: { code: { type: 'integer' } } };
    delete lying.paths['/sites/{code}'].get.responses['404'];
    custody.answers.contract = new ApiContract(lying);
  });
  const violations = [
    ...[0, 1, 2, 3].map((index) => `GET /sites/directory 200: /${index}/code must be integer {"type":"integer"}`),
    'GET /sites/{code} 404: a status the operation does not declare (it declares 200, 400, 401, 403)',
  ];
  // what disagreed fails the test file when the app closes
  afterAll(() => expect(custody.close()).rejects.toThrow(`5 answer problem(s) against the API document (/api/docs-json):\n${violations.join('\n')}`));

  it('keeps each problem, naming the operation, the status and what is wrong', async () => {
    const clerk = await custody.as('clerk');
    const directory = await clerk.get('/sites/directory').expect(200);
    expect(directory.body).toHaveLength(4);
    await clerk.get('/sites/NOWHERE').expect(404);
    await custody.http().get('/health').expect(200);
    expect(custody.answers.violations).toEqual(violations);
  });
});
