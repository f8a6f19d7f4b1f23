import { ElementBehaviour } from '../element-behaviour';
import { completeAtOnce } from '../pass-through';

/** A task without implementation (bpmn:task, bpmn:manualTask): the token passes straight through. */
export const passThroughTaskBehaviour: ElementBehaviour = {
  activate: (ctx, instance) => completeAtOnce(ctx, instance),
};
