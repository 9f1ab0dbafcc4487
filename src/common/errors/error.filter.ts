import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CustodyErrorCode, errorBody } from './custody-error';
import { toCustodyError } from './to-custody-error';

const logger = new Logger('Errors');

/** The one place where errors become HTTP answers: `{statusCode, code, message, fields?}`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    sendError(error, context.getRequest<Request>(), context.getResponse<Response>());
  }
}

/** Express error middleware for what fails before Nest's routing, such as reading the body. */
export function bodyErrorHandler(error: unknown, request: Request, response: Response, next: NextFunction): void {
  if (response.headersSent) return next(error);
  sendError(error, request, response);
}

function sendError(error: unknown, request: Request, response: Response): void {
  const custodyError = toCustodyError(error);
  const body = errorBody(custodyError);
  if (custodyError.code === CustodyErrorCode.Internal || custodyError.code === CustodyErrorCode.ServiceUnavailable) {
    logger.error({ err: error, method: request.method, url: request.originalUrl }, `${request.method} ${request.originalUrl} failed`);
  }
  if (response.headersSent) return;
  response.status(body.statusCode).json(body);
}
