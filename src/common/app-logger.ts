import { LoggerService } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pino, { Level, Logger as Pino } from 'pino';
import { logLevels } from '../config/environment';
import { loggableError, pathOf } from './errors/loggable-error';

// Nest tells, at info level, of every module and route it sets up: noise in an operator's log.
const startupContexts = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/**
 * The one logger: JSON lines (pino) on standard output, at LOG_LEVEL. Nest's `Logger` of every
 * module writes here, as `logger.warn({fields…}, 'message')` or `logger.warn('message')`.
 */
export class AppLogger implements LoggerService {
  readonly pino: Pino;

  constructor(level: (typeof logLevels)[number]) {
    this.pino = pino({ level });
  }

  log(message: unknown, ...rest: unknown[]): void {
    if (startupContexts.has(String(rest.at(-1)))) return;
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /**
   * Nest passes the logger's context last; a first argument that is an object holds the fields of
   * the line. An error, wherever it is logged from, is kept without a statement's parameters.
   */
  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const context = rest.length > 0 && typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const text = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    if (message instanceof Error) this.pino[level]({ context, err: loggableError(message) }, text ?? String(loggableError(message).message));
    else if (typeof message === 'object' && message !== null) {
      const fields = message as Record<string, unknown>;
      this.pino[level]({ context, ...fields, ...('err' in fields ? { err: loggableError(fields.err) } : {}) }, text);
    } else this.pino[level]({ context }, String(message));
  }
}

/**
 * One line a request, when it finished: errors always, changes at info, a desk's reads at debug
 * (who read what is the read log's business). Never the body, the token, the URL's query string or
 * a statement's parameters.
 */
export function logRequest(logger: AppLogger, request: FastifyRequest, reply: FastifyReply): void {
  const status = reply.statusCode;
  const level: Level = status >= 500 ? 'error' : status >= 400 ? 'warn' : request.method === 'GET' || request.method === 'HEAD' ? 'debug' : 'info';
  if (!logger.pino.isLevelEnabled(level)) return;
  logger.pino[level](
    {
      req: { id: request.id, method: request.method, url: pathOf(request.url), remoteAddress: request.ip },
      res: { statusCode: status },
      responseTime: Math.round(reply.elapsedTime),
    },
    status >= 400 ? 'request errored' : 'request completed',
  );
}
