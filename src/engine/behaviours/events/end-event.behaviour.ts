import { ok } from '../../errors/failure';
import { ElementBehaviour } from '../element-behaviour';
import { endUncaught, throwBpmnError } from '../event-definitions/error-event-definition';
import { completeAtOnce } from '../pass-through';

/**
 * A none end event consumes its token. A terminate end event also ends every other token of its scope
 * (the process, or the subprocess it is in), which then completes. An error end event throws its error
 * to the nearest matching error boundary event around it; uncaught, it ends like a none end event.
 */
export const endEventBehaviour: ElementBehaviour = {
  activate(ctx, instance) {
    const def = ctx.node(instance.elementId).eventDefinition;
    if (def?.kind === 'error' && def.errorCode) {
      if (!throwBpmnError(ctx, instance, { errorCode: def.errorCode, errorMessage: def.errorMessage })) endUncaught(ctx, instance);
      return ok(undefined);
    }
    if (ctx.node(instance.elementId).eventDefinition?.kind === 'terminate' && instance.parentId !== null) {
      for (const sibling of ctx.children(instance.parentId)) {
        if (sibling.id !== instance.id) ctx.terminate(sibling.id, `terminate end event '${instance.elementId}'`);
      }
      ctx.clearJoins(instance.parentId);
    }
    return completeAtOnce(ctx, instance);
  },
  outgoing: () => ({ ok: true, value: [] }),
};
