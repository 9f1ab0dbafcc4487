import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Builds and runs test/interop/reference-verifier, our Go program over the reference
 * implementations golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog. Built offline in
 * GOPATH mode against Debian's golang-golang-x-mod-dev (sources under /usr/share/gocode), in a
 * temporary folder with its own build cache: nothing is downloaded, nothing is left behind.
 */
export interface ReferenceResult {
  ok: boolean;
  error?: string;
  [field: string]: unknown;
}

const repositoryRoot = resolve(__dirname, '../..');
/** Where Debian's golang-golang-x-mod-dev puts golang.org/x/mod. */
const referenceGopath = process.env.REFERENCE_GOPATH ?? '/usr/share/gocode';

export class ReferenceVerifier {
  private constructor(
    readonly folder: string,
    private readonly binary: string,
  ) {}

  static build(): ReferenceVerifier {
    const folder = mkdtempSync(join(tmpdir(), 'custody-interop-'));
    const binary = join(folder, 'reference-verifier');
    try {
      buildGoProgram(join(repositoryRoot, 'test/interop/reference-verifier'), binary, folder);
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }
    return new ReferenceVerifier(folder, binary);
  }

  /** Runs the checks in one process; one result each, in order. */
  run(checks: object[]): ReferenceResult[] {
    const answer = spawnSync(this.binary, { input: JSON.stringify({ checks }), maxBuffer: 256 * 1024 * 1024 });
    if (answer.status !== 0) throw new Error(`the reference verifier failed: ${answer.stderr.toString()}`);
    return JSON.parse(answer.stdout.toString()) as ReferenceResult[];
  }

  check(check: object): ReferenceResult {
    return this.run([check])[0];
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}

/** Builds the Go program in `sourceFolder` into `binary`, offline, with its build cache in `scratchFolder`. */
export function buildGoProgram(sourceFolder: string, binary: string, scratchFolder: string): void {
  const environment = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: scratchFolder,
    GOPATH: referenceGopath,
    // GOPATH mode: golang.org/x/mod is found under GOPATH/src, no module proxy is asked
    GO111MODULE: 'off',
    GOFLAGS: '',
    GOCACHE: join(scratchFolder, 'go-build'),
    CGO_ENABLED: '0',
  };
  try {
    execFileSync('go', ['build', '-o', binary, '.'], { cwd: sourceFolder, env: environment, stdio: 'pipe' });
  } catch (error) {
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? (error as Error).message;
    throw new Error(`cannot build ${sourceFolder} (needs Debian's golang-go and golang-golang-x-mod-dev, as .ci/run installs them):\n${output}`);
  }
}
