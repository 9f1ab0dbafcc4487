import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { apiDocumentWithoutDatabase } from './api-document';
import { webClientTypes, webClientTypesFile } from './web-client-types';

/** `npm run api:types`: writes the web app's API types from the document the server builds (no database needed). */
async function main(): Promise<void> {
  writeFileSync(webClientTypesFile, webClientTypes(await apiDocumentWithoutDatabase()));
  process.stdout.write(`wrote ${relative(process.cwd(), webClientTypesFile)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
