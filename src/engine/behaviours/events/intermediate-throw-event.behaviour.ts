import { ElementBehaviour } from '../element-behaviour';
import { completeAtOnce } from '../pass-through';

/** A none intermediate throw event only marks a milestone in the diagram. */
export const intermediateThrowEventBehaviour: ElementBehaviour = {
  activate: (ctx, instance) => completeAtOnce(ctx, instance),
};
