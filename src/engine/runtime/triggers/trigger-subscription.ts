import { EngineError, EngineErrorCode } from '../../errors/engine-error';
import { SubscriptionRecord } from '../instance-state';
import { RunContext } from '../run-context';
import { transition } from '../token-lifecycle';
import { takeFlow } from '../operations/take-flow';
import { MessagePayload } from './message-payload';

/**
 * Delivers a message to one open subscription. Everything the trigger decides happens now, in the
 * caller's transaction: the subscription is consumed, the payload written, an interrupted scope
 * cancelled with all its wait states, and the token placed where it continues. Moving the token on from
 * there is continuation work left on the agenda.
 */
export function triggerSubscription(ctx: RunContext, subscriptionId: string, payload: MessagePayload): SubscriptionRecord {
  const sub = ctx.state.subscriptions[subscriptionId];
  const owner = sub ? ctx.instance(sub.ownerId) : undefined;
  if (!sub || !owner) {
    throw new EngineError(EngineErrorCode.INVALID_STATE, `Event subscription ${subscriptionId} is no longer open`);
  }
  const scope = ctx.scopeOf(owner.id);
  ctx.vars.setAll(scope, payload.processVariables, false);
  ctx.vars.setAll(scope, payload.processVariablesLocal, true);
  ctx.record({
    kind: 'subscription-consumed',
    elementId: sub.elementId,
    elementInstanceId: owner.id,
    detail: { messageName: sub.messageName, subscriptionId: sub.id, kept: !consumes(sub) },
  });

  switch (sub.kind) {
    case 'catch':
    case 'receive-task':
      ctx.vars.setAll(scope, payload.processVariablesToTriggeredScope, true);
      ctx.closeSubscriptions(owner.id);
      transition(owner, 'completing');
      ctx.schedule({ op: 'complete', instanceId: owner.id });
      break;
    case 'gateway': {
      // The first message wins: the gateway and every other event after it are done with.
      ctx.vars.setAll(scope, payload.processVariablesToTriggeredScope, true);
      transition(owner, 'completing');
      ctx.finish(owner);
      const flowId = ctx.node(owner.elementId).outgoing.find((f) => ctx.model.flows[f].targetId === sub.elementId);
      if (!flowId || owner.parentId === null) throw new EngineError(EngineErrorCode.INVALID_STATE, `No flow to '${sub.elementId}'`);
      takeFlowTriggered(ctx, flowId, owner.parentId);
      break;
    }
    case 'boundary': {
      if (owner.parentId === null) throw new EngineError(EngineErrorCode.INVALID_STATE, 'A boundary event needs a host in a scope');
      if (sub.interrupting) ctx.terminate(owner.id, `interrupted by boundary event '${sub.elementId}' (message '${sub.messageName}')`);
      const boundary = ctx.createInstance(sub.elementId, owner.parentId);
      ctx.vars.setAll(ctx.scopeOf(boundary.id), payload.processVariablesToTriggeredScope, true);
      ctx.schedule({ op: 'activate', instanceId: boundary.id, trigger: {} });
      break;
    }
    case 'event-subprocess': {
      if (sub.interrupting) {
        const cause = `interrupted by event subprocess start '${sub.elementId}' (message '${sub.messageName}')`;
        for (const child of ctx.children(owner.id)) ctx.terminate(child.id, cause);
        ctx.clearJoins(owner.id);
        ctx.closeSubscriptions(owner.id, (s) => s.kind !== 'event-subprocess');
      }
      const subProcessId = ctx.node(sub.elementId).parentId!;
      const created = ctx.createInstance(subProcessId, owner.id);
      ctx.schedule({
        op: 'activate',
        instanceId: created.id,
        trigger: { startEventId: sub.elementId, scopeVariables: payload.processVariablesToTriggeredScope },
      });
      break;
    }
  }
  return sub;
}

/** Non-interrupting boundary and event-subprocess subscriptions stay open for further messages. */
export function consumes(sub: SubscriptionRecord): boolean {
  return sub.kind !== 'boundary' && sub.kind !== 'event-subprocess' ? true : sub.interrupting;
}

/** The catch event after an event-based gateway is entered already triggered, so it completes at once. */
function takeFlowTriggered(ctx: RunContext, flowId: string, scopeId: string): void {
  takeFlow(ctx, flowId, scopeId);
  const op = ctx.state.agenda[ctx.state.agenda.length - 1];
  if (op?.op === 'activate') ctx.state.agenda[ctx.state.agenda.length - 1] = { ...op, trigger: {} };
}
