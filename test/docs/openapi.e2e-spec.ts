import { readFileSync } from 'node:fs';
import { startTestApp, TestApp } from '../support/test-app';
import { listRoutes } from '../support/routes';
import { apiDocumentWithoutDatabase } from '../../src/openapi/api-document';
import { webClientTypes, webClientTypesFile } from '../../src/openapi/web-client-types';
import { OpenApiDocument, operationsOf } from '../support/api-contract';

describe('the API documentation', () => {
  let custody: TestApp;
  beforeAll(async () => (custody = await startTestApp()));
  afterAll(() => custody.close());

  it('is served without a token, as a page and as OpenAPI JSON', async () => {
    const page = await custody.http().get('/api/docs').redirects(1).expect(200);
    expect(page.text).toContain('swagger-ui');
    const document = await custody.http().get('/api/docs-json').expect(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(document.body.components.securitySchemes).toHaveProperty('bearer');
  });

  it('lists every route the app serves, with the body each write takes', async () => {
    const { body: document } = await custody.http().get('/api/docs-json').expect(200);
    const documented = Object.entries(document.paths as Record<string, Record<string, { requestBody?: unknown }>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.sort()).toEqual(listRoutes(custody.app));

    const writesWithoutBody = Object.entries(document.paths as Record<string, Record<string, { requestBody?: unknown }>>).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method, operation]) => ['post', 'patch', 'put'].includes(method) && !operation.requestBody)
        .map(([method]) => `${method} ${path}`),
    );
    // making a checkpoint takes nothing (it covers every event so far), nor do cancelling and closing a transfer,
    // finishing an audit or putting its misplaced items back in the records, nor trading a token for a fresh one,
    // nor beginning the enrolment of a second factor, nor signing out, nor sending a failed webhook delivery again
    expect(writesWithoutBody.sort()).toEqual([
      'post /audits/{id}/finish',
      'post /audits/{id}/misplaced/moves',
      'post /auth/logout',
      'post /auth/refresh',
      'post /auth/second-factor',
      'post /ledger/checkpoints',
      'post /transfers/{code}/cancel',
      'post /transfers/{code}/close',
      'post /webhooks/{id}/deliveries/{delivery}/retry',
    ]);
    expect(document.components.schemas.CreateUserDto.required).toEqual(expect.arrayContaining(['username', 'displayName', 'password', 'roles']));
  });

  it('documents what every endpoint answers: its body on success, and its errors in the one error shape', async () => {
    const { body: document } = await custody.http().get('/api/docs-json').expect(200);
    type Operation = { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
    const gaps: string[] = [];
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        // single sign-on's two legs answer the browser with a redirect, never a body
        if (operation.responses['302']) continue;
        const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'));
        // a sign-out answers 204, nothing to say
        if (success?.[0] !== '204' && !Object.values(success?.[1].content ?? {}).some((body) => body.schema)) gaps.push(`${name}: no success body`);
        if (path === '/health') continue;
        if (!operation.responses['400']?.content?.['application/json']) gaps.push(`${name}: no 400`);
        // reachable without a token: sign-in (by password, or trading single sign-on's one-time code) and how one signs in here,
        // and the ledger's checkpoint note and tiles for transparency-log tools
        const isPublic = ['/auth/login', '/auth/options', '/auth/oidc/exchange', '/ledger/checkpoint', '/ledger/tile/{path}'].includes(path);
        if (!isPublic && !operation.responses['401']) gaps.push(`${name}: no 401`);
      }
    }
    expect(gaps).toEqual([]);
    expect(document.components.schemas.ErrorBodyDoc.properties).toHaveProperty('fields');
    expect(document.components.schemas.ItemDoc.properties.status.enum).toEqual(['in_custody', 'in_transit', 'checked_out', 'missing', 'disposed']);
  });

  it('is what the web app is typed with: the committed types are those the live document generates, and npm run api:types builds that document', async () => {
    const { body: document } = await custody.http().get('/api/docs-json').expect(200);
    // a difference here: run `npm run api:types` and commit web/src/api-schema.d.ts
    expect(readFileSync(webClientTypesFile, 'utf8')).toBe(webClientTypes(document));
    expect(JSON.parse(JSON.stringify(await apiDocumentWithoutDatabase()))).toEqual(document);
  });

  it('gives every operation a summary, a description and tags, each tag declared with a description', async () => {
    const document: OpenApiDocument = (await custody.http().get('/api/docs-json').expect(200)).body;
    const declared = new Map((document.tags ?? []).map((tag) => [tag.name, tag.description]));
    const gaps = operationsOf(document).flatMap(({ path, method, operation }) => {
      const name = `${method.toUpperCase()} ${path}`;
      return [
        ...(operation.summary?.trim() ? [] : [`${name}: no summary`]),
        ...(operation.description?.trim() ? [] : [`${name}: no description`]),
        ...((operation.tags ?? []).length > 0 ? [] : [`${name}: no tag`]),
        ...(operation.tags ?? []).filter((tag) => !declared.get(tag)?.trim()).map((tag) => `${name}: tag ${tag} not declared with a description`),
      ];
    });
    expect(gaps).toEqual([]);
    const used = new Set(operationsOf(document).flatMap(({ operation }) => operation.tags ?? []));
    expect([...declared.keys()].filter((tag) => !used.has(tag))).toEqual([]);
    expect(new Set(operationsOf(document).map(({ operation }) => operation.summary)).size).toBe(operationsOf(document).length);
  });

  it('says which operations need a bearer token, as the server decides it', async () => {
    const document: OpenApiDocument = (await custody.http().get('/api/docs-json').expect(200)).body;
    expect(document.security).toEqual([{ bearer: [] }]);
    const publicOperations = operationsOf(document)
      .filter(({ operation }) => operation.security?.length === 0)
      .map(({ path, method }) => `${method.toUpperCase()} ${path}`);
    expect(publicOperations.sort()).toEqual([
      'GET /auth/oidc',
      'GET /auth/oidc/callback',
      'GET /auth/options',
      'GET /health',
      'GET /ledger/checkpoint',
      'GET /ledger/tile/{path}',
      'POST /auth/login',
      'POST /auth/oidc/exchange',
    ]);
    // every other operation takes the document's bearer requirement, none an own one
    expect(operationsOf(document).filter(({ operation }) => operation.security !== undefined && operation.security.length > 0)).toEqual([]);

    // asked without a token, each operation answers as the document says: refused for want of one, or not
    const disagreements: string[] = [];
    for (const { path, method, operation } of operationsOf(document)) {
      const response = await custody
        .http()
        [method as 'get' | 'post' | 'patch' | 'put' | 'delete'](path.replace(/\{\w+\}/g, 'X1'))
        .send({});
      const refusedForToken = response.status === 401 && response.body.code === 'UNAUTHENTICATED';
      if (refusedForToken !== (operation.security === undefined))
        disagreements.push(`${method.toUpperCase()} ${path}: ${response.status} ${response.body.code ?? ''}`);
    }
    expect(disagreements).toEqual([]);
  });
});
