import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CustodyErrorCode, errorBody } from './custody-error';
import { loggableError, pathOf } from './loggable-error';
import { toCustodyError } from './to-custody-error';

const logger = new Logger('Errors');

/** The one place where errors become HTTP answers: `{statusCode, code, message, fields?}`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    sendError(error, context.getRequest<FastifyRequest>(), context.getResponse<FastifyReply>());
  }
}

/** Answers an error: Nest hands the filter those of the routes, and those Fastify met before a route (reading the body, say). */
function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const custodyError = toCustodyError(error);
  const body = errorBody(custodyError);
  if (custodyError.code === CustodyErrorCode.Internal || custodyError.code === CustodyErrorCode.ServiceUnavailable) {
    const path = pathOf(request.url);
    logger.error({ err: loggableError(error), requestId: request.id, method: request.method, url: path }, `${request.method} ${path} failed`);
  }
  if (reply.sent) return;
  void reply.status(body.statusCode).send(body);
}
