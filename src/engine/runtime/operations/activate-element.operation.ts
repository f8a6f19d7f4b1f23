import { Result, ok } from '../../errors/failure';
import { behaviourFor } from '../../behaviours/behaviour-registry';
import { openBoundarySubscriptions } from '../../behaviours/event-definitions/message-event-definition';
import { TriggerData } from '../instance-state';
import { RunContext } from '../run-context';

/** Runs the behaviour of an element a token has just entered. Boundary events start listening first. */
export function activateElement(ctx: RunContext, instanceId: string, trigger?: TriggerData): Result<void> {
  const instance = ctx.instance(instanceId);
  if (!instance || instance.state !== 'activating') return ok(undefined);
  const boundaries = openBoundarySubscriptions(ctx, instance);
  if (!boundaries.ok) return boundaries;
  ctx.record({ kind: 'element-activated', elementId: instance.elementId, elementInstanceId: instance.id, elementType: instance.type, parentInstanceId: instance.parentId });
  return behaviourFor(instance.type).activate(ctx, instance, trigger);
}
