/** Codes of errors the engine raises; the HTTP layer maps each code to a status in one place. */
export enum EngineErrorCode {
  INVALID_STATE = 'INVALID_STATE',
  NOT_FOUND = 'NOT_FOUND',
  INVALID_MODEL = 'INVALID_MODEL',
  INVALID_VARIABLE = 'INVALID_VARIABLE',
  INVALID_ARGUMENT = 'INVALID_ARGUMENT',
}

/** Thrown for broken invariants and invalid commands; BPMN run-time failures are returned instead. */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
