import { openMessageSubscription } from '../event-definitions/message-event-definition';
import { ElementBehaviour } from '../element-behaviour';
import { completeAtOnce, waitHere } from '../pass-through';

/**
 * An intermediate message catch event waits for its message. After an event-based gateway it is entered
 * only once its message has won the race, so it completes at once.
 */
export const intermediateCatchEventBehaviour: ElementBehaviour = {
  activate(ctx, instance, trigger) {
    if (trigger) return completeAtOnce(ctx, instance);
    const opened = openMessageSubscription(ctx, instance, ctx.node(instance.elementId), 'catch');
    return opened.ok ? waitHere(instance) : opened;
  },
};
