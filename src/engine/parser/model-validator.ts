import { ElementType, FlowNodeModel, ProcessModel } from '../model/process-model';
import { ExpressionEvaluator } from '../ports/expression-evaluator.port';
import { ModelProblem } from './model-problem';

const ACTIVITIES: ReadonlySet<ElementType> = new Set<ElementType>([
  'task', 'manualTask', 'userTask', 'receiveTask', 'serviceTask', 'subProcess',
]);

/**
 * Structural rules a model must meet before it can run. Each rule mirrors a Camunda 7 parse error or
 * closes a gap where executing the model would mean guessing what the modeller meant.
 */
export function validateModel(
  model: ProcessModel,
  executableTypes: ReadonlySet<ElementType>,
  expressions: ExpressionEvaluator,
): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const add = (elementId: string, message: string) => problems.push({ elementId, message });

  for (const node of Object.values(model.elements)) {
    if (!executableTypes.has(node.type)) {
      add(node.id, `${node.type} elements are not supported by this engine`);
      continue;
    }
    checkNode(model, node, add, expressions);
  }
  for (const flow of Object.values(model.flows)) {
    const source = model.elements[flow.sourceId];
    const target = model.elements[flow.targetId];
    if (source && target && source.parentId !== target.parentId) {
      add(flow.id, `a sequence flow cannot cross the boundary of a subprocess ('${flow.sourceId}' → '${flow.targetId}')`);
    }
    if (flow.condition) {
      const error = expressions.validate(flow.condition);
      if (error) add(flow.id, `invalid condition '${flow.condition}': ${error}`);
      if (source && (source.type === 'parallelGateway' || source.type === 'eventBasedGateway')) {
        add(flow.id, `a sequence flow leaving a ${source.type} cannot have a condition`);
      }
      if (source && source.type.endsWith('Event')) add(flow.id, 'a sequence flow leaving an event cannot have a condition');
    }
  }
  checkDuplicateMessages(model, add);
  return problems;
}

function checkNode(
  model: ProcessModel,
  node: FlowNodeModel,
  add: (id: string, message: string) => void,
  expressions: ExpressionEvaluator,
): void {
  const def = node.eventDefinition;
  switch (node.type) {
    case 'process':
    case 'subProcess': {
      const starts = node.noneStartEventIds ?? [];
      if (node.type === 'process' && starts.length + (node.messageStartEventIds ?? []).length === 0) {
        add(node.id, 'a process needs at least one none or message start event');
      }
      if (node.type === 'process' && starts.length > 1) add(node.id, 'a process can have at most one none start event');
      if (node.type === 'subProcess' && (starts.length !== 1 || (node.messageStartEventIds ?? []).length > 0)) {
        add(node.id, 'an embedded subprocess needs exactly one none start event');
      }
      break;
    }
    case 'eventSubProcess': {
      const starts = (node.childIds ?? []).map((id) => model.elements[id]).filter((n) => n?.type === 'startEvent');
      if (starts.length !== 1 || starts[0].eventDefinition?.kind !== 'message') {
        add(node.id, 'an event subprocess needs exactly one start event, and it must be a message start event');
      }
      if (node.incoming.length + node.outgoing.length > 0) add(node.id, 'an event subprocess cannot have sequence flows');
      break;
    }
    case 'startEvent':
      if (node.incoming.length > 0) add(node.id, 'a start event cannot have incoming sequence flows');
      if (def && def.kind !== 'message') add(node.id, `${def.kind} start events are not supported`);
      if (def?.kind === 'message' && isExpression(def.messageName)) {
        add(node.id, 'the message name of a start event cannot be an expression');
      }
      if (!node.isInterrupting && model.elements[node.parentId ?? '']?.type !== 'eventSubProcess') {
        add(node.id, 'only start events of event subprocesses can be non-interrupting');
      }
      break;
    case 'endEvent':
      if (node.outgoing.length > 0) add(node.id, 'an end event cannot have outgoing sequence flows');
      if (def && def.kind !== 'terminate' && def.kind !== 'error') add(node.id, `${def.kind} end events are not supported`);
      if (def?.kind === 'error' && !def.errorCode) add(node.id, 'an error end event needs an errorRef to a bpmn:error with an errorCode');
      break;
    case 'intermediateCatchEvent':
      if (def?.kind !== 'message') add(node.id, 'intermediate catch events must be message catch events');
      break;
    case 'serviceTask':
      if (!node.externalTask) add(node.id, 'a service task must be an external task (camunda:type="external" with a camunda:topic)');
      break;
    case 'intermediateThrowEvent':
      if (def) add(node.id, `${def.kind} intermediate throw events are not supported (only none throw events)`);
      break;
    case 'boundaryEvent': {
      const host = node.attachedToId ? model.elements[node.attachedToId] : undefined;
      if (!host || !ACTIVITIES.has(host.type)) add(node.id, 'a boundary event must be attached to a task or subprocess');
      else if (host.parentId !== node.parentId) add(node.id, 'a boundary event must be in the same scope as its activity');
      if (node.incoming.length > 0) add(node.id, 'a boundary event cannot have incoming sequence flows');
      if (def?.kind !== 'message' && def?.kind !== 'error') add(node.id, 'boundary events must be message or error events');
      if (def?.kind === 'error' && node.cancelActivity === false) add(node.id, 'error boundary events are always interrupting');
      if (def?.kind === 'error' && host && node.parentId === host.parentId) {
        const sameCode = (host.boundaryEventIds ?? []).filter((id) => {
          const other = model.elements[id]?.eventDefinition;
          return id !== node.id && other?.kind === 'error' && other.errorCode === def.errorCode;
        });
        if (sameCode.length > 0) add(node.id, `another error boundary event of '${host.id}' catches the same error (${sameCode.join(', ')})`);
      }
      break;
    }
    case 'exclusiveGateway':
      if (node.defaultFlowId && !node.outgoing.includes(node.defaultFlowId)) {
        add(node.id, `default flow '${node.defaultFlowId}' is not an outgoing flow of this gateway`);
      }
      break;
    case 'eventBasedGateway':
      if (node.outgoing.length < 2) add(node.id, 'an event-based gateway needs at least two outgoing flows');
      for (const flowId of node.outgoing) {
        const target = model.elements[model.flows[flowId]?.targetId ?? ''];
        if (target && (target.type !== 'intermediateCatchEvent' || target.eventDefinition?.kind !== 'message')) {
          add(node.id, `'${target.id}' follows an event-based gateway but is not a message intermediate catch event`);
        }
        if (target && target.incoming.length > 1) {
          add(target.id, 'an event after an event-based gateway cannot have other incoming flows');
        }
      }
      break;
    default:
      if (node.defaultFlowId && !node.outgoing.includes(node.defaultFlowId)) {
        add(node.id, `default flow '${node.defaultFlowId}' is not an outgoing flow of this element`);
      }
  }
  if (def?.kind === 'message' && isExpression(def.messageName) && node.type !== 'startEvent') {
    const error = expressions.validate(def.messageName);
    if (error) add(node.id, `invalid message name expression '${def.messageName}': ${error}`);
  }
}

/** Camunda refuses two subscriptions for one message name in the same scope: which one would win? */
function checkDuplicateMessages(model: ProcessModel, add: (id: string, message: string) => void): void {
  const groups = new Map<string, string[]>();
  const note = (group: string, node: FlowNodeModel) => {
    if (node.eventDefinition?.kind !== 'message') return;
    const key = `${group}\u0000${node.eventDefinition.messageName}`;
    groups.set(key, [...(groups.get(key) ?? []), node.id]);
  };
  for (const node of Object.values(model.elements)) {
    if (node.type === 'startEvent') {
      const parent = model.elements[node.parentId ?? ''];
      const scope = parent?.type === 'eventSubProcess' ? parent.parentId : parent?.id;
      note(`start:${scope}`, node);
    }
    if (node.type === 'boundaryEvent') note(`boundary:${node.attachedToId}`, node);
    if (node.type === 'intermediateCatchEvent') {
      const gateway = node.incoming.map((f) => model.elements[model.flows[f]?.sourceId ?? '']).find((n) => n?.type === 'eventBasedGateway');
      if (gateway) note(`gateway:${gateway.id}`, node);
    }
  }
  for (const [key, ids] of groups) {
    if (ids.length < 2) continue;
    const name = key.split('\u0000')[1];
    for (const id of ids) add(id, `another element of the same scope already waits for message '${name}' (${ids.join(', ')})`);
  }
}

export function isExpression(text: string): boolean {
  return text.includes('${') || text.includes('#{') || text.startsWith('=');
}
