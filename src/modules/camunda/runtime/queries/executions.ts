import { CONTAINER_TYPES, InstanceState } from '../../../../engine';

/**
 * How Camunda's executions map onto an instance snapshot: an execution is the process instance itself or
 * an instance of an embedded or event subprocess, i.e. a variable scope. Tokens inside a scope belong to
 * its execution; this is also the `executionId` POST /message reports for the subscription a token holds.
 */
export function executionIds(state: InstanceState): string[] {
  const nested = Object.values(state.elements)
    .filter((e) => CONTAINER_TYPES.has(e.type) && e.id !== state.processInstanceId)
    .map((e) => e.id);
  return [state.processInstanceId, ...nested];
}

export function isExecution(state: InstanceState, id: string): boolean {
  if (id === state.processInstanceId) return true;
  const element = state.elements[id];
  return element !== undefined && CONTAINER_TYPES.has(element.type);
}

/** The execution an element instance belongs to: the nearest (sub)process instance around it. */
export function executionOf(state: InstanceState, elementInstanceId: string): string {
  let current = state.elements[elementInstanceId];
  while (current && !CONTAINER_TYPES.has(current.type)) {
    if (current.parentId === null) break;
    current = state.elements[current.parentId];
  }
  return current?.id ?? state.processInstanceId;
}

/** The enclosing execution of an execution, null for the process instance. */
export function parentExecution(state: InstanceState, executionId: string): string | null {
  const parentId = state.elements[executionId]?.parentId ?? null;
  return parentId === null ? null : executionOf(state, parentId);
}

/**
 * An execution and every one enclosing it, outermost first: the order in which to lay their variables over
 * each other so that inner scopes shadow outer ones (what Camunda shows as the variables visible there).
 */
export function scopeChain(state: InstanceState, executionId: string): string[] {
  const chain: string[] = [];
  for (let scope: string | null = executionId; scope !== null; scope = parentExecution(state, scope)) chain.unshift(scope);
  return chain;
}

/** The activities an execution is at: its tokens on flow nodes, and parallel joins holding its tokens. */
export function activitiesAt(state: InstanceState, executionId: string): Set<string> {
  const activities = new Set<string>();
  for (const element of Object.values(state.elements)) {
    if (CONTAINER_TYPES.has(element.type)) continue;
    if (executionOf(state, element.id) === executionId) activities.add(element.elementId);
  }
  for (const [key, arrived] of Object.entries(state.joins)) {
    const separator = key.lastIndexOf('/');
    if (key.slice(0, separator) !== executionId) continue;
    if (Object.values(arrived).some((n) => n > 0)) activities.add(key.slice(separator + 1));
  }
  return activities;
}
