import { FlowNodeModel } from '../../../../engine';

/**
 * Camunda 7's activity type of an element (org.camunda.bpm.engine.ActivityTypes): events are told apart by
 * their event definition, and an event subprocess is a `subProcess`.
 */
export function camundaActivityType(node: Pick<FlowNodeModel, 'type' | 'eventDefinition'> | undefined, elementType: string): string {
  const definition = node?.eventDefinition?.kind;
  switch (node?.type ?? elementType) {
    case 'startEvent':
      return definition === 'message' ? 'messageStartEvent' : definition === 'error' ? 'errorStartEvent' : 'startEvent';
    case 'endEvent':
      if (definition === 'terminate') return 'terminateEndEvent';
      if (definition === 'error') return 'errorEndEvent';
      if (definition === 'message') return 'messageEndEvent';
      return 'noneEndEvent';
    case 'intermediateCatchEvent':
      return definition === 'message' ? 'intermediateMessageCatch' : 'intermediateCatchEvent';
    case 'intermediateThrowEvent':
      return definition === 'message' ? 'intermediateMessageThrowEvent' : definition === undefined ? 'intermediateNoneThrowEvent' : 'intermediateThrowEvent';
    case 'boundaryEvent':
      return definition === 'error' ? 'boundaryError' : 'boundaryMessage';
    case 'eventSubProcess':
      return 'subProcess';
    default:
      return node?.type ?? elementType;
  }
}

/** The assignee Camunda records on a userTask activity: the task's assignee as the model declares it. */
export function activityAssignee(node: FlowNodeModel | undefined): string | null {
  return node?.type === 'userTask' ? (node.userTask?.assignee ?? null) : null;
}

/** Whether completing this element ends its scope's path: Camunda's completeScope (no outgoing sequence flows). */
export function endsScope(node: FlowNodeModel | undefined): boolean {
  return node !== undefined && node.type !== 'process' && node.outgoing.length === 0;
}
