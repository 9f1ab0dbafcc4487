import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { CustodyError, CustodyErrorCode, FieldProblem } from './custody-error';

/** Any error thrown while serving a request, as the domain error the client is told about. */
export function toCustodyError(error: unknown): CustodyError {
  if (error instanceof CustodyError) return error;
  if (error instanceof HttpException) return fromHttpException(error);
  if (error instanceof QueryFailedError) return fromDatabaseError(error.driverError as { code?: string; constraint?: string });
  // the body Fastify's JSON parser could not read
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return new CustodyError(CustodyErrorCode.MalformedJson, 'the request body is not valid JSON', [{ field: 'body', problem: 'is not valid JSON' }]);
  }
  const fastifyError = error as { code?: string; statusCode?: number };
  if (typeof fastifyError?.code === 'string' && fastifyError.code.startsWith('FST_')) return fromFastifyError(fastifyError.code, fastifyError.statusCode);
  if (isConnectionError(error)) return new CustodyError(CustodyErrorCode.ServiceUnavailable, 'the database is not reachable; try again shortly');
  return new CustodyError(CustodyErrorCode.Internal, 'an unexpected error occurred; it has been logged');
}

function fromHttpException(exception: HttpException): CustodyError {
  const status = exception.getStatus();
  const message = messageOf(exception);
  switch (status) {
    case 401:
      return new CustodyError(CustodyErrorCode.Unauthenticated, 'sign in first: a valid bearer token is required');
    case 403:
      return new CustodyError(CustodyErrorCode.Forbidden, message);
    case 404:
      return new CustodyError(CustodyErrorCode.RouteNotFound, message);
    case 405:
      return new CustodyError(CustodyErrorCode.MethodNotAllowed, message);
    case 413:
      return new CustodyError(CustodyErrorCode.PayloadTooLarge, 'the request body is too large');
    case 415:
      return new CustodyError(CustodyErrorCode.UnsupportedMediaType, message);
    case 429:
      return new CustodyError(CustodyErrorCode.TooManyRequests, 'too many requests; wait a minute and try again');
    case 503:
      return new CustodyError(CustodyErrorCode.ServiceUnavailable, message);
    default:
      if (status >= 400 && status < 500) return new CustodyError(CustodyErrorCode.ValidationFailed, message);
      return new CustodyError(CustodyErrorCode.Internal, 'an unexpected error occurred; it has been logged');
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
}

// A unique constraint that a concurrent request hit first, and the field the client can change.
const problemOfUniqueConstraint: Record<string, FieldProblem> = {
  users_username_unique: { field: 'username', problem: 'is taken' },
  sites_code_unique: { field: 'code', problem: 'is taken' },
  locations_sibling_name_unique: { field: 'name', problem: 'is already used at this level' },
};

function fromDatabaseError(driverError: { code?: string; constraint?: string }): CustodyError {
  switch (driverError.code) {
    case '23505': {
      const problem = problemOfUniqueConstraint[driverError.constraint ?? ''];
      return problem
        ? new CustodyError(CustodyErrorCode.Conflict, `${problem.field} ${problem.problem}`, [problem])
        : new CustodyError(CustodyErrorCode.Conflict, 'this record already exists');
    }
    case '23503':
      return new CustodyError(CustodyErrorCode.Conflict, 'this record is still referred to, or refers to one that does not exist');
    case '40001':
    case '40P01':
      return new CustodyError(CustodyErrorCode.Conflict, 'a concurrent change got there first; try again');
    // a NUL character, which PostgreSQL text (22021) and jsonb (22P05) cannot hold: refused before any route runs, mapped here all the same
    case '22021':
    case '22P05':
    case '22P02':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '23502':
    case '23514':
      return new CustodyError(CustodyErrorCode.ValidationFailed, 'a value is not valid here');
    case '57P01':
    case '57P03':
      return new CustodyError(CustodyErrorCode.ServiceUnavailable, 'the database is not available; try again shortly');
    default:
      return new CustodyError(CustodyErrorCode.Internal, 'an unexpected error occurred; it has been logged');
  }
}

/** What Fastify refuses before a route runs: the body it could not read, a media type it does not take. */
function fromFastifyError(code: string, statusCode: number | undefined): CustodyError {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new CustodyError(CustodyErrorCode.PayloadTooLarge, 'the request body is too large');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new CustodyError(CustodyErrorCode.MalformedJson, 'the request body is not valid JSON', [{ field: 'body', problem: 'is not valid JSON' }]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new CustodyError(CustodyErrorCode.UnsupportedMediaType, 'send the body as application/json');
    default:
      if (statusCode !== undefined && statusCode >= 400 && statusCode < 500)
        return new CustodyError(CustodyErrorCode.ValidationFailed, 'the request could not be read');
      return new CustodyError(CustodyErrorCode.Internal, 'an unexpected error occurred; it has been logged');
  }
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  const message = (error as { message?: string })?.message ?? '';
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || /Connection terminated|timeout exceeded when trying to connect/i.test(message);
}
