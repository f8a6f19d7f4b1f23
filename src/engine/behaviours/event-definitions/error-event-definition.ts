import { ElementInstance } from '../../runtime/instance-state';
import { RunContext } from '../../runtime/run-context';
import { transition } from '../../runtime/token-lifecycle';

export interface ThrownError {
  readonly errorCode: string;
  readonly errorMessage?: string;
}

/**
 * Throws a BPMN error from an element instance. The error is caught by the nearest error boundary event
 * whose error code matches (one without a code catches every error), looking first at the throwing
 * activity, then outwards through the subprocesses around it. The catching boundary event interrupts its
 * activity, which takes the thrower with it, and the token continues from the boundary event.
 * Returns false when nothing catches the error; the caller decides what an uncaught error does.
 */
export function throwBpmnError(ctx: RunContext, thrower: ElementInstance, error: ThrownError): boolean {
  for (let host: ElementInstance | undefined = thrower; host; host = host.parentId ? ctx.instance(host.parentId) : undefined) {
    const boundaryId = catchingBoundary(ctx, host.elementId, error.errorCode);
    if (!boundaryId || host.parentId === null) continue;
    const boundary = ctx.node(boundaryId);
    const def = boundary.eventDefinition;
    const scope = ctx.scopeOf(host.parentId);
    ctx.record({ kind: 'error-thrown', elementId: thrower.elementId, elementInstanceId: thrower.id, detail: { errorCode: error.errorCode, caughtBy: boundaryId } });
    ctx.terminate(host.id, `error '${error.errorCode}' caught by boundary event '${boundaryId}'`);
    if (def?.kind === 'error' && def.errorCodeVariable) ctx.vars.set(scope, def.errorCodeVariable, { type: 'String', value: error.errorCode });
    if (def?.kind === 'error' && def.errorMessageVariable) {
      ctx.vars.set(scope, def.errorMessageVariable, error.errorMessage === undefined ? { type: 'Null', value: null } : { type: 'String', value: error.errorMessage });
    }
    const caught = ctx.createInstance(boundaryId, host.parentId);
    ctx.schedule({ op: 'activate', instanceId: caught.id, trigger: {} });
    return true;
  }
  return false;
}

/**
 * An uncaught error ends the token that threw it without taking its outgoing flows, as Camunda 7 does by
 * default; the scope it leaves completes if nothing else is left in it.
 */
export function endUncaught(ctx: RunContext, thrower: ElementInstance): void {
  if (thrower.state === 'activating') transition(thrower, 'active');
  if (thrower.state === 'active') transition(thrower, 'completing');
  ctx.finish(thrower);
  if (thrower.parentId !== null) ctx.schedule({ op: 'check-scope', scopeId: thrower.parentId });
}

function catchingBoundary(ctx: RunContext, hostElementId: string, errorCode: string): string | undefined {
  const boundaries = (ctx.node(hostElementId).boundaryEventIds ?? []).map((id) => ctx.node(id));
  const errors = boundaries.filter((b) => b.eventDefinition?.kind === 'error');
  const exact = errors.find((b) => b.eventDefinition?.kind === 'error' && b.eventDefinition.errorCode === errorCode);
  return (exact ?? errors.find((b) => b.eventDefinition?.kind === 'error' && !b.eventDefinition.errorCode))?.id;
}
