import { Result, ok } from '../errors/failure';
import { ElementInstance } from '../runtime/instance-state';
import { RunContext } from '../runtime/run-context';
import { transition } from '../runtime/token-lifecycle';

/** Marks an instance active and schedules its completion: the element has nothing to wait for. */
export function completeAtOnce(ctx: RunContext, instance: ElementInstance): Result<void> {
  transition(instance, 'active');
  ctx.schedule({ op: 'complete', instanceId: instance.id });
  return ok(undefined);
}

/** Marks an instance active: it now waits for a message, a person or a worker. */
export function waitHere(instance: ElementInstance): Result<void> {
  transition(instance, 'active');
  return ok(undefined);
}
