import { CorrelationTarget, ExecutionTarget, StartTarget } from './correlation-set';

export type CorrelationOutcome =
  | { readonly ok: true; readonly targets: readonly CorrelationTarget[] }
  | { readonly ok: false; readonly reason: 'no-match' }
  | { readonly ok: false; readonly reason: 'ambiguous-executions'; readonly count: number }
  | { readonly ok: false; readonly reason: 'ambiguous-definitions'; readonly count: number };

/**
 * Camunda 7's outcome table for a message: waiting executions are considered first; message start events
 * only when no execution matched. Without `all`, exactly one target must match; with `all`, every match
 * is a target and no match at all is still a success.
 */
export function decideCorrelation(
  executions: readonly ExecutionTarget[],
  starts: readonly StartTarget[],
  all: boolean,
): CorrelationOutcome {
  if (all) return { ok: true, targets: [...executions, ...starts] };
  if (executions.length === 1) return { ok: true, targets: executions };
  if (executions.length > 1) return { ok: false, reason: 'ambiguous-executions', count: executions.length };
  if (starts.length === 1) return { ok: true, targets: starts };
  if (starts.length > 1) return { ok: false, reason: 'ambiguous-definitions', count: starts.length };
  return { ok: false, reason: 'no-match' };
}

/** Executions need only be looked up until a second match proves ambiguity (unless all are wanted). */
export function executionLookupLimit(all: boolean): number | undefined {
  return all ? undefined : 2;
}
