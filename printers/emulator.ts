import { createServer, Server, Socket } from 'node:net';
import { encodePng } from '../libs/labels';
import { decodeEscPos } from './escpos-decoder';
import { DecodedJob, StatusQuery } from './received-label';
import { EmulatedStatus, epsonOfflineAnswer, epsonPaperAnswer, garbageAnswer, starAnswer, zebraAnswer } from './status';
import { decodeZpl } from './zpl-decoder';

export type EmulatedType = 'epson' | 'star' | 'zpl';

/**
 * How a printer can go wrong, for the next `times` connections (all of them without `times`):
 * - `refuse`: not listening, as a printer that is off (connection refused), until `behave()`;
 * - `stall`: accepts, then reads nothing and answers nothing;
 * - `reset`: reads `afterBytes` bytes, then resets the connection, as a printer rebooting mid-job;
 * - `hang-up`: accepts and closes at once.
 */
export type Misbehaviour = { mode: 'refuse' } | { mode: 'stall' | 'hang-up'; times?: number } | { mode: 'reset'; afterBytes: number; times?: number };

export interface ReceivedJob {
  number: number;
  receivedAt: Date;
  bytes: Buffer;
  /** Decoded on first use, then kept. */
  decoded: () => DecodedJob;
  /** The labels as pictures, decoded on first use. */
  pngs: () => Buffer[];
}

export interface EmulatorOptions {
  type: EmulatedType;
  port?: number;
  /**
   * Print area in dots: 576 (80 mm at 203 dpi) unless told. An ESC/POS barcode wider than it is not
   * printed (Epson's GS k); a Zebra prints nothing beyond it, whatever ^PW says.
   */
  widthDots?: number;
  /** How it answers status requests; `ready` unless told (see `answerAs`). */
  status?: EmulatedStatus;
  /** Called for each finished job, e.g. to print a summary. */
  onJob?: (job: ReceivedJob) => void;
}

/**
 * A network label printer without hardware: listens on 127.0.0.1 like a printer on port 9100,
 * keeps every job it receives, answers status requests once it has read that far in the state it is
 * told to be in (ready, out of paper, cover or head open, paused, in error, silent, or answering
 * garbage), and can be told to misbehave. It is strict: what it draws is what the commands select,
 * and what a real printer would not print is left out and said in `problems`. Each connection is one job.
 */
export class PrinterEmulator {
  readonly jobs: ReceivedJob[] = [];
  private server: Server | null = null;
  private misbehaviour: Misbehaviour | null = null;
  private sockets = new Set<Socket>();
  private boundPort = 0;
  private status: EmulatedStatus;
  /** The most connections open at once: a printer takes one job at a time. */
  peakConnections = 0;

  constructor(private readonly options: EmulatorOptions) {
    this.status = options.status ?? 'ready';
  }

  get port(): number {
    return this.boundPort;
  }

  get type(): EmulatedType {
    return this.options.type;
  }

  async start(): Promise<number> {
    const server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort || this.options.port || 0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.boundPort = (server.address() as { port: number }).port;
    return this.boundPort;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Misbehaves from now on (for `times` connections, if given); `behave()` ends it. */
  async misbehave(misbehaviour: Misbehaviour): Promise<void> {
    this.misbehaviour = misbehaviour;
    if (misbehaviour.mode === 'refuse') await this.stop();
  }

  async behave(): Promise<void> {
    this.misbehaviour = null;
    if (!this.server) await this.start();
  }

  /** Resolves once `count` jobs have been received in full. */
  async waitForJobs(count: number, timeoutMs = 10_000): Promise<ReceivedJob[]> {
    const until = Date.now() + timeoutMs;
    while (this.jobs.length < count) {
      if (Date.now() > until) throw new Error(`the emulator received ${this.jobs.length} of ${count} jobs in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.jobs.slice(0, count);
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    this.peakConnections = Math.max(this.peakConnections, this.sockets.size);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const misbehaviour = this.takeMisbehaviour();
    if (misbehaviour?.mode === 'hang-up') {
      socket.end();
      return;
    }
    if (misbehaviour?.mode === 'stall') {
      socket.pause();
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let answered = 0;
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (misbehaviour?.mode === 'reset' && received >= misbehaviour.afterBytes) {
        socket.resetAndDestroy();
        return;
      }
      // answer each status request once everything before it has been read, as the printer's state has it
      const { statusQueries } = this.decode(Buffer.concat(chunks), true);
      for (; answered < statusQueries.length; answered += 1) {
        const answer = this.answer(statusQueries[answered]);
        if (answer) socket.write(answer);
      }
    });
    socket.on('end', () => {
      socket.end();
      if (received > 0) this.keep(Buffer.concat(chunks));
    });
  }

  /** Answers status requests as a printer in this state would, from now on: `silent` answers nothing, `garbage` what no printer says. */
  answerAs(status: EmulatedStatus): void {
    this.status = status;
  }

  private answer(query: StatusQuery): Buffer | null {
    const status = this.status;
    if (status === 'silent') return null;
    if (status === 'garbage') return garbageAnswer;
    switch (query) {
      case 'paper':
        return epsonPaperAnswer(status);
      case 'offline':
        return epsonOfflineAnswer(status);
      case 'star':
        return starAnswer(status);
      case 'zebra':
        return zebraAnswer(status);
    }
  }

  private takeMisbehaviour(): Misbehaviour | null {
    const misbehaviour = this.misbehaviour;
    if (misbehaviour && 'times' in misbehaviour && misbehaviour.times !== undefined) {
      misbehaviour.times -= 1;
      if (misbehaviour.times <= 0) void this.behave();
    }
    return misbehaviour;
  }

  private keep(bytes: Buffer): void {
    let decoded: DecodedJob | undefined;
    let pngs: Buffer[] | undefined;
    const job: ReceivedJob = {
      number: this.jobs.length + 1,
      receivedAt: new Date(),
      bytes,
      decoded: () => (decoded ??= this.decode(bytes, false)),
      pngs: () => (pngs ??= job.decoded().labels.map((label) => encodePng(label.bitmap))),
    };
    this.jobs.push(job);
    this.options.onJob?.(job);
  }

  private decode(bytes: Buffer, statusOnly: boolean): DecodedJob {
    const width = this.options.widthDots ?? 576;
    if (this.options.type !== 'zpl') return decodeEscPos(bytes, this.options.type, width, { statusOnly });
    // field data escapes every tilde (^FH), so a ~HS in the stream is a status request
    if (statusOnly) {
      const statusRequests = bytes.toString('latin1').split('~HS').length - 1;
      return { labels: [], statusRequests, statusQueries: Array<StatusQuery>(statusRequests).fill('zebra'), unknownCommands: [], problems: [] };
    }
    return decodeZpl(bytes, width);
  }
}
