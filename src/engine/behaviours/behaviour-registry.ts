import { ElementType } from '../model/process-model';
import { containerBehaviour } from './containers/container.behaviour';
import { ElementBehaviour } from './element-behaviour';
import { boundaryEventBehaviour } from './events/boundary-event.behaviour';
import { endEventBehaviour } from './events/end-event.behaviour';
import { intermediateCatchEventBehaviour } from './events/intermediate-catch-event.behaviour';
import { intermediateThrowEventBehaviour } from './events/intermediate-throw-event.behaviour';
import { startEventBehaviour } from './events/start-event.behaviour';
import { eventBasedGatewayBehaviour } from './gateways/event-based-gateway.behaviour';
import { exclusiveGatewayBehaviour } from './gateways/exclusive-gateway.behaviour';
import { parallelGatewayBehaviour } from './gateways/parallel-gateway.behaviour';
import { passThroughTaskBehaviour } from './tasks/pass-through-task.behaviour';
import { externalTaskBehaviour } from './tasks/external-task.behaviour';
import { receiveTaskBehaviour } from './tasks/receive-task.behaviour';
import { userTaskBehaviour } from './tasks/user-task.behaviour';

/**
 * Element type → behaviour. The parser accepts exactly the types listed here, so a model can never
 * contain an element the runtime does not know how to execute.
 */
const BEHAVIOURS: Partial<Record<ElementType, ElementBehaviour>> = {
  process: containerBehaviour,
  subProcess: containerBehaviour,
  eventSubProcess: containerBehaviour,
  startEvent: startEventBehaviour,
  endEvent: endEventBehaviour,
  intermediateCatchEvent: intermediateCatchEventBehaviour,
  intermediateThrowEvent: intermediateThrowEventBehaviour,
  boundaryEvent: boundaryEventBehaviour,
  task: passThroughTaskBehaviour,
  manualTask: passThroughTaskBehaviour,
  userTask: userTaskBehaviour,
  receiveTask: receiveTaskBehaviour,
  serviceTask: externalTaskBehaviour,
  exclusiveGateway: exclusiveGatewayBehaviour,
  parallelGateway: parallelGatewayBehaviour,
  eventBasedGateway: eventBasedGatewayBehaviour,
};

export const EXECUTABLE_TYPES: ReadonlySet<ElementType> = new Set(Object.keys(BEHAVIOURS) as ElementType[]);

export function behaviourFor(type: ElementType): ElementBehaviour {
  const behaviour = BEHAVIOURS[type];
  if (!behaviour) throw new Error(`No behaviour is registered for element type '${type}'`);
  return behaviour;
}
