import { createHash, generateKeyPairSync, KeyObject } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  Cosigner,
  cosignatureVerifierKey,
  decodeBase64,
  ed25519Cosigner,
  NoteSignature,
  noteVerifier,
  openNote,
  parseCheckpointText,
  parseNote,
  ProofError,
  signatureLine,
  verifyConsistency,
} from '../../libs/ledger';

/**
 * A transparency-log witness written from the C2SP tlog-witness specification
 * (https://c2sp.org/tlog-witness), listening on 127.0.0.1 only: `POST /add-checkpoint` checks the
 * log's signature, the old size against the size it last cosigned and the consistency proof, then
 * answers with a timestamped Ed25519 cosignature (c2sp.org/tlog-cosignature); `GET
 * /<hex SHA-256 of the origin>/checkpoint` serves the latest checkpoint it cosigned. Its state is
 * kept in memory, and in a file when one is given, written before it answers.
 */
export interface TestWitnessOptions {
  /** The witness's key name; its cosignatures carry it. */
  name?: string;
  /** The logs it witnesses: origin and the verifier key (vkey) of the log's signing key. */
  logs: { origin: string; vkey: string }[];
  /** Keeps the state across restarts. */
  stateFile?: string;
  privateKey?: KeyObject;
  /** Seconds since the Epoch, for the cosignature's time. */
  clock?: () => number;
}

interface LogState {
  size: number;
  /** base64 root hash. */
  rootHash: string;
  /** The checkpoint as last cosigned: its note text, the log's verified signatures and this witness's cosignature. */
  note: string;
}

/** The witness answers once the body is read; no checkpoint with its proof comes near this size. */
const maximumBody = 1024 * 1024;
const emptyTreeHash = createHash('sha256').digest().toString('base64');

export class TestWitness {
  /** Requests answered, with their status: a witness may keep evidence of misbehaviour. */
  readonly answered: { path: string; status: number; origin?: string }[] = [];
  private readonly cosigner: Cosigner;
  private readonly state: Map<string, LogState>;

  private constructor(
    private readonly server: Server,
    private readonly options: Required<Pick<TestWitnessOptions, 'name' | 'privateKey' | 'clock'>> & TestWitnessOptions,
  ) {
    this.cosigner = ed25519Cosigner(options.name, options.privateKey);
    this.state = new Map(options.stateFile && existsSync(options.stateFile) ? Object.entries(JSON.parse(readFileSync(options.stateFile, 'utf8'))) : []);
  }

  static async start(options: TestWitnessOptions): Promise<TestWitness> {
    const complete = {
      name: 'witness.custody.test/w1',
      privateKey: generateKeyPairSync('ed25519').privateKey,
      clock: () => Math.floor(Date.now() / 1000),
      ...options,
    };
    const server = createServer();
    const witness = new TestWitness(server, complete);
    server.on('request', (request, response) =>
      witness.handle(request, response).catch((error: Error) => {
        if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end(`${error.message}\n`);
      }),
    );
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
    return witness;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get name(): string {
    return this.options.name;
  }

  /** The witness's verifier key (signature type 0x04), what a log is configured with. */
  get vkey(): string {
    return cosignatureVerifierKey(this.options.name, this.options.privateKey);
  }

  /** The size it last cosigned for this origin; 0 when never. */
  sizeOf(origin: string): number {
    return this.state.get(origin)?.size ?? 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? '').split('?')[0];
    const answer = (status: number, body: string, contentType = 'text/plain; charset=utf-8', origin?: string) => {
      this.answered.push({ path, status, origin });
      response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
      response.end(body);
    };
    const monitored = /^\/([0-9a-f]{64})\/checkpoint$/.exec(path);
    if (path === '/add-checkpoint') {
      if (request.method !== 'POST') return answer(405, 'add-checkpoint is a POST\n');
      const body = await readBody(request);
      if (body === null) return answer(413, 'the request body is too large\n');
      const outcome = this.addCheckpoint(body);
      return answer(outcome.status, outcome.body, outcome.contentType, outcome.origin);
    }
    if (monitored && request.method === 'GET') {
      const entry = [...this.state.entries()].find(([origin]) => createHash('sha256').update(origin, 'utf8').digest('hex') === monitored[1]);
      return entry ? answer(200, entry[1].note) : answer(404, 'this witness never cosigned a checkpoint of that log\n');
    }
    return answer(404, 'not found\n');
  }

  /** The add-checkpoint call, checked in the order of the specification; synchronous, so that check and update are one step. */
  private addCheckpoint(body: Buffer): { status: number; body: string; contentType?: string; origin?: string } {
    const refuse = (status: number, reason: string, origin?: string) => ({ status, body: `${reason}\n`, origin });
    const request = parseRequest(body);
    if (typeof request === 'string') return refuse(400, request);
    const { oldSize, proof, note } = request;
    let text: string;
    try {
      text = parseNote(note).text;
    } catch (error) {
      return refuse(400, `the checkpoint is not a signed note: ${(error as Error).message}`);
    }
    const origin = text.slice(0, text.indexOf('\n'));
    const keys = this.options.logs.filter((log) => log.origin === origin);
    if (keys.length === 0) return refuse(404, `this witness does not know the log ${JSON.stringify(origin)}`, origin);
    let logSignatures: NoteSignature[];
    try {
      logSignatures = openNote(
        note,
        keys.map((key) => noteVerifier(key.vkey)),
      ).verified;
    } catch (error) {
      return refuse(403, `the checkpoint is not validly signed by the log: ${(error as Error).message}`, origin);
    }
    let checkpoint: ReturnType<typeof parseCheckpointText>;
    try {
      checkpoint = parseCheckpointText(text);
    } catch (error) {
      return refuse(400, `the checkpoint is malformed: ${(error as Error).message}`, origin);
    }
    if (oldSize > checkpoint.treeSize) return refuse(400, `the old size ${oldSize} is larger than the checkpoint's ${checkpoint.treeSize}`, origin);
    const known = this.state.get(origin);
    const knownSize = known?.size ?? 0;
    if (oldSize !== knownSize) return { status: 409, body: `${knownSize}\n`, contentType: 'text/x.tlog.size', origin };
    if (checkpoint.treeSize === 0 && checkpoint.rootHash.toString('base64') !== emptyTreeHash)
      return refuse(422, 'a checkpoint of size 0 has the root hash of the empty tree', origin);
    if (oldSize === 0 && proof.length > 0) return refuse(422, 'the empty tree is consistent with any tree: the proof must be empty', origin);
    if (oldSize > 0) {
      try {
        verifyConsistency(oldSize, checkpoint.treeSize, Buffer.from(known!.rootHash, 'base64'), checkpoint.rootHash, proof);
      } catch (error) {
        if (!(error instanceof ProofError)) throw error;
        return refuse(422, `the checkpoint is not consistent with the tree of ${oldSize} this witness cosigned: ${error.message}`, origin);
      }
    }
    const cosignature = signatureLine(this.cosigner.cosign(text, this.options.clock()));
    this.remember(origin, {
      size: checkpoint.treeSize,
      rootHash: checkpoint.rootHash.toString('base64'),
      note: `${text}\n${logSignatures.map(signatureLine).join('')}${cosignature}`,
    });
    return { status: 200, body: cosignature, origin };
  }

  private remember(origin: string, latest: LogState): void {
    this.state.set(origin, latest);
    if (!this.options.stateFile) return;
    // written whole then renamed, so that a crash never leaves half a state
    writeFileSync(`${this.options.stateFile}.new`, JSON.stringify(Object.fromEntries(this.state)));
    renameSync(`${this.options.stateFile}.new`, this.options.stateFile);
  }
}

/** `old <size>`, up to 63 base64 hashes, a blank line, the checkpoint; a reason when it is not that. */
function parseRequest(body: Buffer): { oldSize: number; proof: Buffer[]; note: Buffer } | string {
  const end = body.indexOf('\n\n');
  if (end < 0) return 'the request has no blank line before the checkpoint';
  const lines = body.subarray(0, end).toString('utf8').split('\n');
  const old = /^old (0|[1-9][0-9]*)$/.exec(lines[0]);
  if (!old || !Number.isSafeInteger(Number(old[1]))) return 'the first line is not "old <size>"';
  const proofLines = lines.slice(1);
  if (proofLines.length > 63) return 'a consistency proof has at most 63 lines';
  const proof = proofLines.map((line) => decodeBase64(line));
  if (proof.some((hash) => hash === null || hash.length !== 32)) return 'a consistency proof line is not the base64 of a 32-byte hash';
  return { oldSize: Number(old[1]), proof: proof as Buffer[], note: body.subarray(end + 2) };
}

function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= maximumBody) chunks.push(chunk);
    });
    request.on('end', () => resolve(length > maximumBody ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
