import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { OpenAPIObject } from '@nestjs/swagger';

/** Where the web app's API types live: generated from the document, committed, never edited by hand. */
export const webClientTypesFile = join(__dirname, '..', '..', 'web', 'src', 'api-schema.d.ts');

// the package's exports map `*.js` to `*.mjs`: its command line is found beside its package.json
const openapiTypescriptCommand = join(dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');

/**
 * The TypeScript the web app's client (openapi-fetch) is typed with, for this document, as
 * openapi-typescript's own command line writes it (it runs in Node, not in Jest: it is an ES module);
 * a property with a default stays optional, as a request body may leave it out.
 */
export function webClientTypes(document: OpenAPIObject): string {
  const folder = mkdtempSync(join(tmpdir(), 'custody-api-types-'));
  try {
    const input = join(folder, 'openapi.json');
    const output = join(folder, 'api-schema.d.ts');
    writeFileSync(input, JSON.stringify(document));
    execFileSync(process.execPath, [openapiTypescriptCommand, input, '--output', output, '--default-non-nullable=false'], { stdio: 'pipe' });
    return readFileSync(output, 'utf8');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
