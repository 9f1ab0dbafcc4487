/** Stable codes a client can act on. Each maps to one HTTP status in `errorStatus`. */
export enum CustodyErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedJson = 'MALFORMED_JSON',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** Answered by the HTTP server itself (src/common/malformed-requests.ts), before any route. */
  RequestHeadersTooLarge = 'REQUEST_HEADERS_TOO_LARGE',
  MalformedRequest = 'MALFORMED_REQUEST',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  AccountLocked = 'ACCOUNT_LOCKED',
  AccountDisabled = 'ACCOUNT_DISABLED',
  /** The password holds; the sign-in needs the one-time code of the user's authenticator app (or a recovery code) too. */
  SecondFactorRequired = 'SECOND_FACTOR_REQUIRED',
  /** The user's role asks a second factor they have not enrolled yet: only enrolment is open to them. */
  SecondFactorEnrolmentRequired = 'SECOND_FACTOR_ENROLMENT_REQUIRED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  Conflict = 'CONFLICT',
  ItemNotInCustody = 'ITEM_NOT_IN_CUSTODY',
  ItemInAnotherTransfer = 'ITEM_IN_ANOTHER_TRANSFER',
  TransferState = 'TRANSFER_STATE',
  AuditFinished = 'AUDIT_FINISHED',
  WitnessRequired = 'WITNESS_REQUIRED',
  WitnessRejected = 'WITNESS_REJECTED',
  IdempotencyKeyInUse = 'IDEMPOTENCY_KEY_IN_USE',
  IdempotentRequestApplied = 'IDEMPOTENT_REQUEST_APPLIED',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL_ERROR',
}

export interface FieldProblem {
  field: string;
  problem: string;
}

/** A domain error: services throw these, never HTTP exceptions. */
export class CustodyError extends Error {
  constructor(
    readonly code: CustodyErrorCode,
    message: string,
    readonly fields?: FieldProblem[],
  ) {
    super(message);
    this.name = 'CustodyError';
  }

  static notFound(what: string): CustodyError {
    return new CustodyError(CustodyErrorCode.NotFound, `${what} was not found`);
  }

  static invalid(field: string, problem: string): CustodyError {
    return new CustodyError(CustodyErrorCode.ValidationFailed, `${field} ${problem}`, [{ field, problem }]);
  }
}

export function errorStatus(code: CustodyErrorCode): number {
  switch (code) {
    case CustodyErrorCode.ValidationFailed:
    case CustodyErrorCode.MalformedJson:
    case CustodyErrorCode.MalformedRequest:
      return 400;
    case CustodyErrorCode.Unauthenticated:
    case CustodyErrorCode.InvalidCredentials:
    case CustodyErrorCode.AccountLocked:
    case CustodyErrorCode.AccountDisabled:
    case CustodyErrorCode.SecondFactorRequired:
      return 401;
    case CustodyErrorCode.Forbidden:
    case CustodyErrorCode.SecondFactorEnrolmentRequired:
    case CustodyErrorCode.WitnessRequired:
    case CustodyErrorCode.WitnessRejected:
      return 403;
    case CustodyErrorCode.NotFound:
    case CustodyErrorCode.RouteNotFound:
      return 404;
    case CustodyErrorCode.MethodNotAllowed:
      return 405;
    case CustodyErrorCode.Conflict:
    case CustodyErrorCode.ItemNotInCustody:
    case CustodyErrorCode.ItemInAnotherTransfer:
    case CustodyErrorCode.TransferState:
    case CustodyErrorCode.AuditFinished:
    case CustodyErrorCode.IdempotencyKeyInUse:
    case CustodyErrorCode.IdempotentRequestApplied:
      return 409;
    case CustodyErrorCode.PayloadTooLarge:
      return 413;
    case CustodyErrorCode.UnsupportedMediaType:
      return 415;
    case CustodyErrorCode.IdempotencyKeyReused:
      return 422;
    case CustodyErrorCode.RequestHeadersTooLarge:
      return 431;
    case CustodyErrorCode.TooManyRequests:
      return 429;
    case CustodyErrorCode.Internal:
      return 500;
    case CustodyErrorCode.ServiceUnavailable:
      return 503;
  }
}

export interface ErrorBody {
  statusCode: number;
  code: CustodyErrorCode;
  message: string;
  fields?: FieldProblem[];
}

export function errorBody(error: CustodyError): ErrorBody {
  return {
    statusCode: errorStatus(error.code),
    code: error.code,
    message: error.message,
    ...(error.fields ? { fields: error.fields } : {}),
  };
}
