import { Spectral } from '@stoplight/spectral-core';
import { DiagnosticSeverity } from '@stoplight/types';
import { startTestApp, TestApp } from '../support/test-app';
import { openApiRuleset } from './openapi-ruleset';

/** Spectral's findings that count: errors and warnings, each as a line that says where. */
async function lint(document: object): Promise<string[]> {
  const spectral = new Spectral();
  spectral.setRuleset(openApiRuleset);
  const results = await spectral.run(document as Record<string, unknown>);
  return results
    .filter((result) => result.severity <= DiagnosticSeverity.Warning)
    .map((result) => `${DiagnosticSeverity[result.severity]} ${result.code} at ${result.path.join('.')}: ${result.message}`);
}

describe('the API document, linted', () => {
  let custody: TestApp;
  beforeAll(async () => (custody = await startTestApp()));
  afterAll(() => custody.close());

  it('passes Spectral’s recommended OpenAPI rules with no error and no warning', async () => {
    const { body: document } = await custody.http().get('/api/docs-json').expect(200);
    expect(await lint(document)).toEqual([]);

    // the same rules find what a careless change would leave
    const careless = structuredClone(document);
    delete careless.paths['/sites'].get.description;
    careless.paths['/sites'].get.tags = ['undeclared'];
    expect(await lint(careless)).toEqual([
      expect.stringMatching(/^Warning operation-description at paths\.\/sites\.get/),
      expect.stringMatching(/^Warning operation-tag-defined at paths\.\/sites\.get\.tags\.0/),
    ]);
  });
});
