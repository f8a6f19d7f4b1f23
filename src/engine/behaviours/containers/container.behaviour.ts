import { fail } from '../../errors/failure';
import { ElementBehaviour } from '../element-behaviour';
import { openMessageSubscription } from '../event-definitions/message-event-definition';
import { waitHere } from '../pass-through';

/**
 * The process and (event) subprocesses: entering one opens the message subscriptions of the event
 * subprocesses it contains, then starts a token at its start event. Variables handed over by a trigger
 * become local variables of the new scope. The scope completes when its last token is gone (check-scope).
 */
export const containerBehaviour: ElementBehaviour = {
  activate(ctx, instance, trigger) {
    const node = ctx.node(instance.elementId);
    ctx.vars.setAll(instance.id, trigger?.scopeVariables, true);
    for (const subProcessId of node.eventSubProcessIds ?? []) {
      const startId = (ctx.node(subProcessId).messageStartEventIds ?? [])[0];
      if (!startId) continue;
      const opened = openMessageSubscription(ctx, instance, ctx.node(startId), 'event-subprocess');
      if (!opened.ok) return opened;
    }
    const startId = trigger?.startEventId ?? node.noneStartEventIds?.[0] ?? singleStart(node.messageStartEventIds);
    if (!startId) return fail('UNHANDLED_ERROR', `'${node.id}' has no start event to begin with`, node.id);
    const start = ctx.createInstance(startId, instance.id);
    ctx.schedule({ op: 'activate', instanceId: start.id });
    return waitHere(instance);
  },
};

function singleStart(ids: readonly string[] | undefined): string | undefined {
  return ids && ids.length === 1 ? ids[0] : undefined;
}
