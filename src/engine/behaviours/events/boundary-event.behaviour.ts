import { ElementBehaviour } from '../element-behaviour';
import { completeAtOnce } from '../pass-through';

/**
 * A boundary event is entered only when its message arrived (the subscription belongs to the activity it
 * is attached to) or its error was thrown; by then an interrupting one has already terminated that activity.
 */
export const boundaryEventBehaviour: ElementBehaviour = {
  activate: (ctx, instance) => completeAtOnce(ctx, instance),
};
