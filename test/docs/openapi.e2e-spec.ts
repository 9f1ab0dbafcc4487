import { startTestApp, TestApp } from '../support/test-app';
import { listRoutes } from '../support/routes';

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
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(documented.sort()).toEqual(listRoutes(custody.app));

    const writesWithoutBody = Object.entries(document.paths as Record<string, Record<string, { requestBody?: unknown }>>).flatMap(([path, operations]) =>
      Object.entries(operations).filter(([method, operation]) => ['post', 'patch', 'put'].includes(method) && !operation.requestBody).map(([method]) => `${method} ${path}`));
    expect(writesWithoutBody).toEqual([]);
    expect(document.components.schemas.CreateUserDto.required).toEqual(expect.arrayContaining(['username', 'displayName', 'password', 'roles']));
  });
});
