import { readFileSync } from 'node:fs';
import { Checkpoint } from './checkpoint';
import { bundleDigest, ProofBundle, verifyBundle } from './bundle';

/**
 * `npm run verify-bundle -- <bundle.json> [--checkpoint <checkpoint.json>] [--public-key <key.pem>]`:
 * checks an item's proof bundle with nothing but this library: no server, no database.
 */
function main(args: string[]): number {
  const [bundleFile, ...rest] = args;
  const option = (name: string) => {
    const at = rest.indexOf(name);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  if (!bundleFile || bundleFile.startsWith('--')) {
    console.error('usage: npm run verify-bundle -- <bundle.json> [--checkpoint <checkpoint.json>] [--public-key <key.pem>]');
    return 2;
  }
  const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
  const checkpointFile = option('--checkpoint');
  const keyFile = option('--public-key');
  const bundle = readJson<ProofBundle>(bundleFile);
  const verdict = verifyBundle(bundle, {
    checkpoint: checkpointFile ? readJson<Checkpoint>(checkpointFile) : undefined,
    publicKeyPem: keyFile ? readFileSync(keyFile, 'utf8') : undefined,
  });
  for (const line of verdict.checked) console.log(`  ok    ${line}`);
  for (const line of verdict.problems) console.log(`  FAIL  ${line}`);
  for (const line of verdict.notes) console.log(`  note  ${line}`);
  console.log(`  bundle digest ${bundleDigest(bundle)} (printed, with its Data Matrix, on the custody report)`);
  console.log(verdict.ok ? 'VERIFIED: this custody history is intact and anchored in the signed checkpoint' : 'NOT VERIFIED: see FAIL above');
  return verdict.ok ? 0 : 1;
}

try {
  process.exit(main(process.argv.slice(2)));
} catch (error) {
  console.error(`verify-bundle: ${(error as Error).message}`);
  process.exit(2);
}
