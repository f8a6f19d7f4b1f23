/**
 * BPMN failures (a condition that cannot be evaluated, no outgoing flow to take) are values, not
 * exceptions: behaviours return them and the host turns them into incidents. Exceptions are kept
 * for broken invariants (see EngineError).
 */
export type FailureKind =
  | 'CONDITION_ERROR'
  | 'EXPRESSION_ERROR'
  | 'NO_OUTGOING_FLOW'
  | 'UNHANDLED_ERROR'
  | 'VARIABLE_ERROR';

export interface Failure {
  readonly kind: FailureKind;
  readonly message: string;
  /** BPMN element id where the failure happened, when known. */
  readonly elementId?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(kind: FailureKind, message: string, elementId?: string): Result<T> => ({
  ok: false,
  failure: { kind, message, elementId },
});
