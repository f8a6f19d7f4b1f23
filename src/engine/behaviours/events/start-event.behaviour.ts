import { ElementBehaviour } from '../element-behaviour';
import { completeAtOnce } from '../pass-through';

/**
 * A start event completes as soon as it is entered: a none start event has nothing to wait for, and a
 * message start event is only ever entered because its message has already arrived.
 */
export const startEventBehaviour: ElementBehaviour = {
  activate: (ctx, instance) => completeAtOnce(ctx, instance),
};
