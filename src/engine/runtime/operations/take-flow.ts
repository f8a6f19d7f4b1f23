import { joinKey } from '../instance-state';
import { RunContext } from '../run-context';

/**
 * Moves a token along a sequence flow. Arriving at a joining parallel gateway, the token waits there until
 * every incoming flow has delivered one; then one token of each is consumed and the gateway is entered.
 */
export function takeFlow(ctx: RunContext, flowId: string, scopeId: string): void {
  const flow = ctx.model.flows[flowId];
  ctx.record({ kind: 'sequence-flow-taken', elementId: flow.id, detail: { sourceId: flow.sourceId, targetId: flow.targetId } });
  const target = ctx.node(flow.targetId);
  if (target.type === 'parallelGateway' && target.incoming.length > 1) {
    const key = joinKey(scopeId, target.id);
    const counts = (ctx.state.joins[key] ??= {});
    counts[flowId] = (counts[flowId] ?? 0) + 1;
    if (!target.incoming.every((f) => (counts[f] ?? 0) > 0)) return;
    for (const f of target.incoming) counts[f] -= 1;
    if (Object.values(counts).every((n) => n === 0)) delete ctx.state.joins[key];
  }
  const next = ctx.createInstance(target.id, scopeId);
  ctx.schedule({ op: 'activate', instanceId: next.id });
}
