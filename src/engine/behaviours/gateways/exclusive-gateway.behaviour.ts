import { fail, ok } from '../../errors/failure';
import { ElementBehaviour } from '../element-behaviour';
import { completeAtOnce } from '../pass-through';
import { conditionHolds } from './conditions';

/**
 * An exclusive gateway takes the first outgoing flow, in document order, whose condition evaluates to
 * true (a flow without a condition counts as true). If none does, the default flow is taken; with no
 * default flow the token cannot go on, which is an incident. A gateway without outgoing flows is an
 * implicit end of its scope.
 */
export const exclusiveGatewayBehaviour: ElementBehaviour = {
  activate: (ctx, instance) => completeAtOnce(ctx, instance),
  outgoing(ctx, instance) {
    const node = ctx.node(instance.elementId);
    if (node.outgoing.length === 0) return ok([]);
    for (const flowId of node.outgoing) {
      if (flowId === node.defaultFlowId) continue;
      const holds = conditionHolds(ctx, instance, flowId);
      if (!holds.ok) return holds;
      if (holds.value) return ok([flowId]);
    }
    if (node.defaultFlowId) return ok([node.defaultFlowId]);
    return fail(
      'NO_OUTGOING_FLOW',
      `No outgoing sequence flow for the element with id '${node.id}' could be selected for continuing the process.`,
      node.id,
    );
  },
};
