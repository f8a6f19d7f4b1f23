import { formatCamundaDate } from '../variables/camunda-date';
import { TypedValue } from '../variables/typed-value';
import { matchesQueryValue } from '../variables/value-matching';
import { CorrelationSet } from './correlation-set';

/** What is known about one waiting execution when a message is checked against it. */
export interface WaitingFacts {
  readonly processInstanceId: string;
  readonly businessKey: string | null;
  readonly tenantId: string | null;
  /** Every value the instance holds under a name, in any of its scopes (correlation keys look at all). */
  readonly variables: (name: string) => readonly TypedValue[];
  /** The value under a name in the waiting execution's own scope (local correlation keys). */
  readonly localVariable: (name: string) => TypedValue | undefined;
}

export type Criterion = 'processInstanceId' | 'businessKey' | 'tenant' | 'correlationKey' | 'localCorrelationKey';

/** One criterion a message failed against a waiting execution, with what was expected and found. */
export interface Mismatch {
  readonly criterion: Criterion;
  /** The variable name, for (local) correlation keys. */
  readonly name?: string;
  readonly expected: string;
  readonly actual: string;
}

/**
 * Checks a message's criteria against one waiting execution, criterion by criterion, with Camunda's
 * rules (type-exact variable matching; a Null criterion matches any null value). An empty list means the
 * message matches. Used where matching happens in memory (buffered messages meeting a new subscription)
 * and to explain why a message did not correlate.
 */
export function checkCriteria(set: CorrelationSet, facts: WaitingFacts): Mismatch[] {
  const mismatches: Mismatch[] = [];
  if (set.processInstanceId !== undefined && set.processInstanceId !== facts.processInstanceId) {
    mismatches.push({ criterion: 'processInstanceId', expected: set.processInstanceId, actual: facts.processInstanceId });
  }
  if (set.businessKey !== undefined && set.businessKey !== facts.businessKey) {
    mismatches.push({ criterion: 'businessKey', expected: set.businessKey, actual: String(facts.businessKey) });
  }
  if (set.tenantId !== undefined && set.tenantId !== facts.tenantId) {
    mismatches.push({ criterion: 'tenant', expected: set.tenantId, actual: String(facts.tenantId) });
  } else if (set.withoutTenantId && facts.tenantId !== null) {
    mismatches.push({ criterion: 'tenant', expected: 'no tenant', actual: facts.tenantId });
  }
  for (const [name, expected] of Object.entries(set.correlationKeys ?? {})) {
    const held = facts.variables(name);
    if (!held.some((value) => matchesQueryValue(expected, value))) {
      mismatches.push({ criterion: 'correlationKey', name, expected: describe(expected), actual: held.length ? held.map(describe).join(' | ') : 'no such variable' });
    }
  }
  for (const [name, expected] of Object.entries(set.localCorrelationKeys ?? {})) {
    const held = facts.localVariable(name);
    if (!held || !matchesQueryValue(expected, held)) {
      mismatches.push({ criterion: 'localCorrelationKey', name, expected: describe(expected), actual: held ? describe(held) : 'no such local variable' });
    }
  }
  return mismatches;
}

/** `Integer 42`, `String "alice"`, `Date 2024-01-02T…` — type and value, so type mismatches are visible. */
export function describe(value: TypedValue): string {
  if (value.value === null) return `${value.type} null`;
  if (value.type === 'Date' && typeof value.value === 'number') return `Date ${formatCamundaDate(value.value)}`;
  return `${value.type} ${typeof value.value === 'string' ? JSON.stringify(value.value) : String(value.value)}`;
}
