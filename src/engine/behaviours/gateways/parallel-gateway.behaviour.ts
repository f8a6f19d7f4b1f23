import { ok } from '../../errors/failure';
import { ElementBehaviour } from '../element-behaviour';
import { completeAtOnce } from '../pass-through';

/**
 * A parallel gateway forks a token onto every outgoing flow. As a join it is entered only once a token
 * has arrived on each incoming flow; the waiting is done where tokens arrive (see take-flow).
 */
export const parallelGatewayBehaviour: ElementBehaviour = {
  activate: (ctx, instance) => completeAtOnce(ctx, instance),
  outgoing: (ctx, instance) => ok(ctx.node(instance.elementId).outgoing),
};
