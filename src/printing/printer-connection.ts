import { lookup } from 'node:dns/promises';
import { BlockList, connect, isIP, Socket } from 'node:net';
import { escPosStatusRequest, zplStatusRequest } from '../../libs/labels';
import { PrinterState, readStatus, StatusDialect } from '../../printers/status';

export interface PrinterAddress {
  host: string;
  port: number;
}

export interface PrinterTarget extends PrinterAddress {
  type: StatusDialect;
  /** `status`: only a ready status answer after the job confirms it; `send`: the printer cannot answer, taking the bytes is all. */
  confirmation: 'status' | 'send';
}

/** A printer row as the connection reaches it. */
export function targetOf(printer: PrinterAddress & { type: string; confirmation: string }): PrinterTarget {
  return { host: printer.host, port: printer.port, type: printer.type as StatusDialect, confirmation: printer.confirmation === 'send' ? 'send' : 'status' };
}

export interface ConnectionOptions {
  /** How long to wait for the printer to accept the connection. */
  connectTimeoutMs: number;
  /** How long the printer may go without reading or answering before it counts as stalled. */
  idleTimeoutMs: number;
  /** The networks printers may be on (PRINTER_NETWORKS): Custody connects to no other address. */
  networks: BlockList;
}

/** Why a job did not print, as a printer state (its stable code) and words for the person at the desk. */
export class PrinterProblem extends Error {
  constructor(
    readonly state: PrinterState,
    message: string,
  ) {
    super(message);
  }
}

/** The networks of a PRINTER_NETWORKS list ("10.0.0.0/8,192.168.1.20,::1/128"). */
export function printerNetworks(list: string[]): BlockList {
  const networks = new BlockList();
  for (const entry of list) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    networks.addSubnet(address, prefix === undefined ? (family === 'ipv6' ? 128 : 32) : Number(prefix), family);
  }
  return networks;
}

/** Whether an IP address is on the allowed networks (an IPv4 address written as IPv6, ::ffff:10.0.0.1, counts as IPv4). */
export function isAllowedAddress(address: string, networks: BlockList): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return networks.check(mapped[1], 'ipv4');
  const family = isIP(address);
  return family !== 0 && networks.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The address to connect to: the host itself if it is an IP address, else every address its name
 * resolves to must be allowed (the first is used, so a name cannot resolve elsewhere between check
 * and connection).
 */
export async function allowedAddressOf(host: string, networks: BlockList): Promise<string> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(bare)) addresses = [bare];
  else {
    try {
      addresses = (await lookup(bare, { all: true })).map((found) => found.address);
    } catch {
      throw new PrinterProblem(PrinterState.Unreachable, `the printer's host name ${host} is not known`);
    }
  }
  const outside = addresses.find((address) => !isAllowedAddress(address, networks));
  if (outside !== undefined || addresses.length === 0)
    throw new PrinterProblem(PrinterState.NotAllowed, `the printer's address ${outside ?? host} is outside the networks printers may be on (PRINTER_NETWORKS)`);
  return addresses[0];
}

/** What a status request is for each command language. */
export function statusRequestOf(type: StatusDialect): Buffer {
  return type === 'zpl' ? zplStatusRequest : escPosStatusRequest[type];
}

/**
 * Sends a job's bytes over raw TCP, one connection per job, always closed. A printer confirmed by
 * status answers the request at the end of the job once it has read that far: the job is printed
 * only when that answer says `ready` (a Zebra with formats still in its buffer is asked again),
 * never when bytes were merely buffered (the trap of node-thermal-printer's execute()). A printer
 * confirmed on send resolves `sent` once it has taken every byte.
 */
export async function sendToPrinter(
  target: PrinterTarget,
  bytes: Buffer,
  options: ConnectionOptions,
): Promise<{ state: PrinterState.Ready } | { state: 'sent' }> {
  const address = await allowedAddressOf(target.host, options.networks);
  const socket = await openConnection(address, target, options.connectTimeoutMs);
  try {
    if (target.confirmation === 'send') {
      await new Promise<void>((resolve, reject) => {
        socket.once('error', (error: NodeJS.ErrnoException) => reject(new PrinterProblem(PrinterState.ConnectionLost, describe(error, target))));
        socket.end(bytes, () => resolve());
      });
      return { state: 'sent' };
    }
    const reading = await exchange(socket, target, bytes, options.idleTimeoutMs);
    if (reading.state !== PrinterState.Ready) throw new PrinterProblem(reading.state, reading.detail);
    return { state: PrinterState.Ready };
  } finally {
    socket.end();
    socket.destroy();
  }
}

/** Asks a printer for its state now (its status request alone), as the print worker would reach it. */
export async function probePrinter(
  target: PrinterTarget,
  options: ConnectionOptions,
): Promise<{ state: PrinterState; detail: string; latencyMs: number | null }> {
  const started = process.hrtime.bigint();
  const elapsed = () => Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
  let socket: Socket | undefined;
  try {
    const address = await allowedAddressOf(target.host, options.networks);
    socket = await openConnection(address, target, options.connectTimeoutMs);
    if (target.confirmation === 'send')
      return { state: PrinterState.Ready, detail: 'it takes connections (it cannot tell more: confirm on send)', latencyMs: elapsed() };
    const reading = await exchange(socket, target, statusRequestOf(target.type), options.idleTimeoutMs);
    return { state: reading.state, detail: reading.detail, latencyMs: elapsed() };
  } catch (error) {
    if (!(error instanceof PrinterProblem)) throw error;
    return { state: error.state, detail: error.message, latencyMs: null };
  } finally {
    socket?.destroy();
  }
}

function openConnection(address: string, target: PrinterAddress, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port: target.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new PrinterProblem(PrinterState.Unreachable, `the printer at ${target.host}:${target.port} did not accept a connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new PrinterProblem(PrinterState.Unreachable, describe(error, target)));
    });
  });
}

/** Writes the bytes (ending with a status request) and reads the answer until it says something. */
function exchange(socket: Socket, target: PrinterTarget, bytes: Buffer, idleTimeoutMs: number): Promise<{ state: PrinterState; detail: string }> {
  return new Promise((resolve, reject) => {
    let answer = Buffer.alloc(0);
    let written = false;
    let settled = false;
    const finish = (result: { state: PrinterState; detail: string } | PrinterProblem) => {
      if (settled) return;
      settled = true;
      clearTimeout(again);
      if (result instanceof PrinterProblem) reject(result);
      else resolve(result);
    };
    let again: NodeJS.Timeout | undefined;
    socket.setTimeout(idleTimeoutMs);
    socket.on('timeout', () =>
      finish(
        new PrinterProblem(
          PrinterState.NotAnswering,
          `the printer stopped reading or answering for ${idleTimeoutMs} ms (${written ? 'all' : 'not all'} of ${bytes.length} bytes sent)`,
        ),
      ),
    );
    socket.on('data', (chunk: Buffer) => {
      answer = Buffer.concat([answer, chunk]);
      const reading = readStatus(target.type, answer);
      if (reading === 'incomplete') return;
      // a Zebra answers ~HS at once: while formats of the job are still in its buffer, ask again
      if (reading.state === PrinterState.Ready && reading.formatsWaiting) {
        answer = Buffer.alloc(0);
        again = setTimeout(() => socket.write(zplStatusRequest), 250);
        return;
      }
      finish(reading);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish(new PrinterProblem(PrinterState.ConnectionLost, describe(error, target))));
    const closed = () => {
      const reading = answer.length ? readStatus(target.type, answer) : 'incomplete';
      if (reading !== 'incomplete') finish(reading);
      else finish(new PrinterProblem(PrinterState.ConnectionLost, 'the printer closed the connection before it confirmed the job'));
    };
    socket.on('end', closed);
    socket.on('close', closed);
    socket.write(bytes, () => (written = true));
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
    default:
      return `the connection to the printer failed: ${error.message}`;
  }
}
