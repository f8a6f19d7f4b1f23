import { Result, fail, ok } from '../../errors/failure';
import { behaviourFor } from '../../behaviours/behaviour-registry';
import { conditionHolds } from '../../behaviours/gateways/conditions';
import { ElementInstance } from '../instance-state';
import { RunContext } from '../run-context';
import { transition } from '../token-lifecycle';
import { takeFlow } from './take-flow';

/**
 * Completes an element and moves its token on. The flows to take are decided before anything changes,
 * so an element whose condition fails keeps its token (and gets an incident) instead of losing it.
 */
export function completeElement(ctx: RunContext, instanceId: string): Result<void> {
  const instance = ctx.instance(instanceId);
  if (!instance || (instance.state !== 'active' && instance.state !== 'completing')) return ok(undefined);
  const behaviour = behaviourFor(instance.type);
  const flows = behaviour.outgoing ? behaviour.outgoing(ctx, instance) : defaultOutgoing(ctx, instance);
  if (!flows.ok) return flows;

  if (instance.state === 'active') transition(instance, 'completing');
  ctx.finish(instance);
  if (instance.parentId === null) return ok(undefined);
  for (const flowId of flows.value) takeFlow(ctx, flowId, instance.parentId);
  if (flows.value.length === 0) ctx.schedule({ op: 'check-scope', scopeId: instance.parentId });
  return ok(undefined);
}

/**
 * Leaving an activity or event: every unconditional flow and every flow whose condition holds is taken;
 * if none qualifies the default flow is; with conditional flows but no match and no default, the token
 * is stuck (Camunda raises the same error). No outgoing flows at all is an implicit end.
 */
function defaultOutgoing(ctx: RunContext, instance: ElementInstance): Result<readonly string[]> {
  const node = ctx.node(instance.elementId);
  const candidates = node.outgoing.filter((f) => f !== node.defaultFlowId);
  const taken: string[] = [];
  for (const flowId of candidates) {
    const holds = conditionHolds(ctx, instance, flowId);
    if (!holds.ok) return holds;
    if (holds.value) taken.push(flowId);
  }
  if (taken.length > 0) return ok(taken);
  if (node.defaultFlowId) return ok([node.defaultFlowId]);
  if (candidates.length > 0) {
    return fail(
      'NO_OUTGOING_FLOW',
      `No conditional sequence flow leaving the Flow Node '${node.id}' could be selected for continuing the process.`,
      node.id,
    );
  }
  return ok([]);
}
