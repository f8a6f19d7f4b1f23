/** Stable, machine-readable codes of the native API's errors. */
export enum ErrorCode {
  VALIDATION_ERROR = 'VALIDATION_ERROR',
  INVALID_JSON = 'INVALID_JSON',
  INVALID_VARIABLE = 'INVALID_VARIABLE',
  DEPLOYMENT_INVALID = 'DEPLOYMENT_INVALID',
  MESSAGE_NOT_CORRELATED = 'MESSAGE_NOT_CORRELATED',
  MESSAGE_AMBIGUOUS = 'MESSAGE_AMBIGUOUS',
  UNAUTHORIZED = 'UNAUTHORIZED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  MODEL_NOT_FOUND = 'MODEL_NOT_FOUND',
  INSTANCE_NOT_FOUND = 'INSTANCE_NOT_FOUND',
  CORRELATION_NOT_FOUND = 'CORRELATION_NOT_FOUND',
  TASK_NOT_FOUND = 'TASK_NOT_FOUND',
  EVENT_NOT_FOUND = 'EVENT_NOT_FOUND',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  CONFLICT = 'CONFLICT',
  INSTANCE_NOT_RUNNING = 'INSTANCE_NOT_RUNNING',
  EVENT_AMBIGUOUS = 'EVENT_AMBIGUOUS',
  EVENT_CONSUMED = 'EVENT_CONSUMED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  IDEMPOTENCY_MISMATCH = 'IDEMPOTENCY_MISMATCH',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

/** HTTP status and error type name of each code, decided in one exhaustive place. */
export function describeCode(code: ErrorCode): { status: number; type: string } {
  switch (code) {
    case ErrorCode.VALIDATION_ERROR:
    case ErrorCode.INVALID_JSON:
    case ErrorCode.INVALID_VARIABLE:
      return { status: 400, type: 'ValidationError' };
    case ErrorCode.DEPLOYMENT_INVALID:
      return { status: 400, type: 'DeploymentError' };
    case ErrorCode.MESSAGE_NOT_CORRELATED:
    case ErrorCode.MESSAGE_AMBIGUOUS:
      return { status: 400, type: 'CorrelationError' };
    case ErrorCode.UNAUTHORIZED:
      return { status: 401, type: 'AuthenticationError' };
    case ErrorCode.FORBIDDEN:
      return { status: 403, type: 'AuthorizationError' };
    case ErrorCode.NOT_FOUND:
    case ErrorCode.MODEL_NOT_FOUND:
    case ErrorCode.INSTANCE_NOT_FOUND:
    case ErrorCode.CORRELATION_NOT_FOUND:
    case ErrorCode.TASK_NOT_FOUND:
    case ErrorCode.EVENT_NOT_FOUND:
      return { status: 404, type: 'NotFoundError' };
    case ErrorCode.METHOD_NOT_ALLOWED:
      return { status: 405, type: 'MethodNotAllowedError' };
    case ErrorCode.CONFLICT:
    case ErrorCode.INSTANCE_NOT_RUNNING:
    case ErrorCode.EVENT_AMBIGUOUS:
    case ErrorCode.EVENT_CONSUMED:
      return { status: 409, type: 'ConflictError' };
    case ErrorCode.PAYLOAD_TOO_LARGE:
      return { status: 413, type: 'PayloadTooLargeError' };
    case ErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return { status: 415, type: 'UnsupportedMediaTypeError' };
    case ErrorCode.IDEMPOTENCY_MISMATCH:
      return { status: 422, type: 'IdempotencyError' };
    case ErrorCode.RATE_LIMITED:
      return { status: 429, type: 'RateLimitError' };
    case ErrorCode.INTERNAL_ERROR:
      return { status: 500, type: 'InternalServerError' };
    default: {
      const unreachable: never = code;
      throw new Error(`Unmapped error code ${String(unreachable)}`);
    }
  }
}

/** An error of the native API: the filter renders it as `{ type, message, code, ...details }`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra fields for the body, e.g. the problems of a refused deployment or the candidates of a 409. */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * An error of the Camunda-compatible API, rendered exactly as Camunda's ExceptionDto:
 * `{ type, message, code }` with `type` the Java exception's simple name and `code` a number or null.
 */
export class CamundaError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code: number | null = null,
    readonly extra?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'CamundaError';
  }
}
