import { CamundaError } from '../../common/errors/api-error';

/**
 * JAX-RS's own WebApplicationExceptions as Camunda's ExceptionHandler renders them (§1.3): the simple class name,
 * the message JAX-RS computes from the status ("HTTP <status> <reason phrase>", WebApplicationException
 * #computeExceptionMessage) and code null. Camunda Run serves the REST API with Jersey, which throws these when
 * no resource method consumes the request's media type (MethodSelectingRouter), none has its HTTP method, or
 * no resource has the path.
 */
export const UNSUPPORTED_MEDIA_TYPE = { status: 415, type: 'NotSupportedException', message: 'HTTP 415 Unsupported Media Type' } as const;
export const METHOD_NOT_ALLOWED = { status: 405, type: 'NotAllowedException', message: 'HTTP 405 Method Not Allowed' } as const;
/** No resource has the path at all. */
export const NOT_FOUND = { status: 404, type: 'NotFoundException', message: 'HTTP 404 Not Found' } as const;

export function unsupportedMediaType(): CamundaError {
  return new CamundaError(UNSUPPORTED_MEDIA_TYPE.status, UNSUPPORTED_MEDIA_TYPE.type, UNSUPPORTED_MEDIA_TYPE.message, null);
}
