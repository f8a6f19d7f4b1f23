import { openMessageSubscription } from '../event-definitions/message-event-definition';
import { ElementBehaviour } from '../element-behaviour';
import { waitHere } from '../pass-through';

/** A receive task waits for its message, exactly like an intermediate message catch event. */
export const receiveTaskBehaviour: ElementBehaviour = {
  activate(ctx, instance) {
    const opened = openMessageSubscription(ctx, instance, ctx.node(instance.elementId), 'receive-task');
    return opened.ok ? waitHere(instance) : opened;
  },
};
