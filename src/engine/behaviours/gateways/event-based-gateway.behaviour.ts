import { ok } from '../../errors/failure';
import { openMessageSubscription } from '../event-definitions/message-event-definition';
import { ElementBehaviour } from '../element-behaviour';
import { waitHere } from '../pass-through';

/**
 * An event-based gateway waits for whichever of the events after it happens first. It holds one
 * subscription per following catch event; the first message consumes them all, and the token continues
 * through that event only (see the trigger for kind 'gateway').
 */
export const eventBasedGatewayBehaviour: ElementBehaviour = {
  activate(ctx, instance) {
    for (const flowId of ctx.node(instance.elementId).outgoing) {
      const target = ctx.node(ctx.model.flows[flowId].targetId);
      const opened = openMessageSubscription(ctx, instance, target, 'gateway');
      if (!opened.ok) return opened;
    }
    return waitHere(instance);
  },
  outgoing: () => ok([]),
};
