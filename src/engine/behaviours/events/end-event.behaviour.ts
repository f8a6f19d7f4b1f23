import { ElementBehaviour } from '../element-behaviour';
import { completeAtOnce } from '../pass-through';

/**
 * A none end event consumes its token. A terminate end event also ends every other token of its scope
 * (the process, or the subprocess it is in), which then completes.
 */
export const endEventBehaviour: ElementBehaviour = {
  activate(ctx, instance) {
    if (ctx.node(instance.elementId).eventDefinition?.kind === 'terminate' && instance.parentId !== null) {
      for (const sibling of ctx.children(instance.parentId)) {
        if (sibling.id !== instance.id) ctx.terminate(sibling.id);
      }
      ctx.clearJoins(instance.parentId);
    }
    return completeAtOnce(ctx, instance);
  },
  outgoing: () => ({ ok: true, value: [] }),
};
