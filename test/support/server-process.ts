import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

export interface ServerProcess {
  child: ChildProcess;
  output: () => string;
  errors: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/** Runs Custody's real entry point (src/main.ts) as its own process, as `npm start` does. */
export function runServer(environment: Record<string, string>, entry = 'src/main.ts'): ServerProcess {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', entry], {
    cwd: root,
    // its own process group, like a terminal's foreground job: interruptTerminal() signals them all
    detached: true,
    // administrators and auditors sign in with their password alone, unless a test asks the second factor
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TS_NODE_PROJECT: join(root, 'tsconfig.json'), SECOND_FACTOR_ROLES: 'none', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => stdout, errors: () => stderr, exited };
}

/** Waits for the server to say where its API is, and answers that address. */
export async function readyAddress(server: ServerProcess, timeoutMs = 60_000): Promise<string> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const match = /API ready at (http:\/\/\S+)/.exec(server.output());
    if (match) return match[1];
    if (server.child.exitCode !== null) throw new Error(`the server ended (${server.child.exitCode}): ${server.errors()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not get ready in ${timeoutMs} ms: ${server.output()} ${server.errors()}`);
}

/** What Ctrl-C in a terminal does: SIGINT to the whole process group, the server and its PostgreSQL alike. */
export function interruptTerminal(server: ServerProcess): void {
  process.kill(-server.child.pid!, 'SIGINT');
}

/** Stops a server a test left running (after a failure, say), and waits for it to end. */
export async function stopServer(server: ServerProcess | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  await server.exited;
}
