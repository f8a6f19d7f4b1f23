import { EngineError, EngineErrorCode } from '../errors/engine-error';

/**
 * The states an element instance passes through. Completed and terminated instances are removed from the
 * instance state, so they appear here only as targets.
 */
export type ElementState = 'activating' | 'active' | 'completing' | 'completed' | 'terminating' | 'terminated';

const TRANSITIONS: Readonly<Record<ElementState, readonly ElementState[]>> = {
  activating: ['active', 'completing', 'terminating'],
  active: ['completing', 'terminating'],
  completing: ['completed', 'terminating'],
  completed: [],
  terminating: ['terminated'],
  terminated: [],
};

export function canTransition(from: ElementState, to: ElementState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Every state change goes through this guard, so an illegal step fails loudly instead of corrupting state. */
export function transition(instance: { state: ElementState; id: string; elementId: string }, to: ElementState): void {
  if (!canTransition(instance.state, to)) {
    throw new EngineError(
      EngineErrorCode.INVALID_STATE,
      `Element instance ${instance.id} of '${instance.elementId}' cannot go from ${instance.state} to ${to}`,
    );
  }
  instance.state = to;
}
