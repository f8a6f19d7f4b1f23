import { CamundaError } from '../../../common/errors/api-error';

/** REST-layer validation failure: Camunda's InvalidRequestException, code null. */
export function invalidRequest(message: string, status = 400): CamundaError {
  return new CamundaError(status, 'InvalidRequestException', message, null);
}

/** Camunda's RestException wrapping (or standing for) an engine exception; code 0 for plain engine errors. */
export function restException(status: number, message: string, code: number | null = 0): CamundaError {
  return new CamundaError(status, 'RestException', message, code);
}

/** An engine exception not wrapped by the REST layer (its own simple class name reaches the client). */
export function engineException(status: number, type: string, message: string, code: number | null = 0): CamundaError {
  return new CamundaError(status, type, message, code);
}
