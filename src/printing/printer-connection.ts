import { connect } from 'node:net';

export interface PrinterAddress {
  host: string;
  port: number;
}

export interface SendOptions {
  /** How long to wait for the printer to accept the connection. */
  connectTimeoutMs: number;
  /** How long the printer may go without reading or answering before it counts as stalled. */
  idleTimeoutMs: number;
}

/** Why a job did not reach a printer, in words for the person at the desk. */
export class PrinterUnreachable extends Error {}

/**
 * Sends a job's bytes over raw TCP and waits for the printer's answer to the status request at
 * the end of them: a printer answers it only once it has read that far, so a resolved promise
 * means the printer took the job, not merely that the operating system buffered it (the trap of
 * node-thermal-printer's execute()). One connection per job; it is always closed.
 */
export function sendToPrinter(printer: PrinterAddress, bytes: Buffer, options: SendOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const socket = connect({ host: printer.host, port: printer.port });
    let settled = false;
    let written = 0;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const connectTimer = setTimeout(
      () => finish(new PrinterUnreachable(`the printer did not accept a connection within ${options.connectTimeoutMs} ms`)),
      options.connectTimeoutMs,
    );
    socket.once('connect', () => {
      clearTimeout(connectTimer);
      socket.setTimeout(options.idleTimeoutMs);
      socket.write(bytes, () => (written = bytes.length));
    });
    socket.on('timeout', () =>
      finish(
        new PrinterUnreachable(
          `the printer stopped reading or answering for ${options.idleTimeoutMs} ms (${written === bytes.length ? 'all' : 'not all'} of ${bytes.length} bytes sent)`,
        ),
      ),
    );
    socket.once('data', () => {
      // the answer to the status request: everything before it was read
      socket.end();
      settled = true;
      clearTimeout(connectTimer);
      socket.destroy();
      resolve();
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(new PrinterUnreachable(describe(error, printer))));
    socket.on('end', () => finish(new PrinterUnreachable('the printer closed the connection before confirming the job')));
    socket.on('close', () => finish(new PrinterUnreachable('the connection to the printer closed before it confirmed the job')));
  });
}

/** Whether a printer accepts a connection now, and how fast. */
export function probePrinter(printer: PrinterAddress, timeoutMs: number): Promise<{ reachable: boolean; latencyMs: number | null; error: string | null }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const socket = connect({ host: printer.host, port: printer.port });
    const done = (error: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ reachable: error === null, latencyMs: error === null ? Number(process.hrtime.bigint() - started) / 1e6 : null, error });
    };
    const timer = setTimeout(() => done(`no answer within ${timeoutMs} ms`), timeoutMs);
    socket.once('connect', () => done(null));
    socket.once('error', (error: NodeJS.ErrnoException) => done(describe(error, printer)));
  });
}

function describe(error: NodeJS.ErrnoException, printer: PrinterAddress): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `the printer at ${printer.host}:${printer.port} refused the connection (is it switched on?)`;
    case 'ECONNRESET':
      return 'the printer reset the connection in the middle of the job';
    case 'EPIPE':
      return 'the printer closed the connection in the middle of the job';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `the printer's network address ${printer.host} cannot be reached`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the printer's host name ${printer.host} is not known`;
    default:
      return `the connection to the printer failed: ${error.message}`;
  }
}
