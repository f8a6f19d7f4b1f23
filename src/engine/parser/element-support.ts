import type { ModdleElement } from 'bpmn-moddle';

import { ElementType } from '../model/process-model';

/** BPMN flow-node types the engine executes, by moddle type. Event subprocesses are told apart later. */
export const FLOW_NODE_TYPES: Readonly<Record<string, ElementType>> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:Task': 'task',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:UserTask': 'userTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
};

/** Flow elements that only document the diagram; executing a process never depends on them. */
export const DOCUMENTATION_ELEMENTS: ReadonlySet<string> = new Set([
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

/**
 * Properties that never change how a process runs: identity, diagram links, documentation, modeler
 * metadata, and Camunda job settings that our continuation model already implies (every element after a
 * trigger runs asynchronously in a continuation).
 */
const COMMON = [
  'id', 'name', 'documentation', 'extensionElements', 'incoming', 'outgoing', 'asyncBefore', 'asyncAfter',
  'async', 'exclusive', 'jobPriority', 'modelerTemplate', 'modelerTemplateVersion', 'dataInputAssociations',
  'dataOutputAssociations', 'lanes', 'categoryValueRef', 'auditing', 'monitoring',
];

const ACTIVITY = [...COMMON, 'default', 'isForCompensation:false', 'startQuantity:1', 'completionQuantity:1'];

/** Allowed own properties per moddle type. `name:value` allows the property only with that value. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  'bpmn:Process': [
    ...COMMON, 'isExecutable', 'flowElements', 'laneSets', 'artifacts', 'historyTimeToLive', 'versionTag',
    'isStartableInTasklist', 'candidateStarterGroups', 'candidateStarterUsers', 'taskPriority', 'processType',
    'isClosed',
  ],
  'bpmn:SubProcess': [...ACTIVITY, 'flowElements', 'artifacts', 'laneSets', 'triggeredByEvent'],
  'bpmn:StartEvent': [...COMMON, 'eventDefinitions', 'isInterrupting', 'formKey', 'formRef', 'formRefBinding', 'formRefVersion', 'parallelMultiple:false'],
  'bpmn:EndEvent': [...COMMON, 'eventDefinitions'],
  'bpmn:IntermediateCatchEvent': [...COMMON, 'eventDefinitions', 'parallelMultiple:false'],
  'bpmn:IntermediateThrowEvent': [...COMMON, 'eventDefinitions'],
  'bpmn:BoundaryEvent': [...COMMON, 'eventDefinitions', 'attachedToRef', 'cancelActivity', 'parallelMultiple:false'],
  'bpmn:Task': ACTIVITY,
  'bpmn:ManualTask': ACTIVITY,
  'bpmn:UserTask': [
    ...ACTIVITY, 'assignee', 'candidateUsers', 'candidateGroups', 'dueDate', 'followUpDate', 'priority', 'formKey',
    'formRef', 'formRefBinding', 'formRefVersion', 'implementation:##unspecified',
  ],
  'bpmn:ReceiveTask': [...ACTIVITY, 'messageRef', 'instantiate:false'],
  'bpmn:ServiceTask': [...ACTIVITY, 'type:external', 'topic', 'taskPriority'],
  'bpmn:ExclusiveGateway': [...COMMON, 'default', 'gatewayDirection'],
  'bpmn:ParallelGateway': [...COMMON, 'gatewayDirection'],
  'bpmn:EventBasedGateway': [...COMMON, 'gatewayDirection', 'instantiate:false', 'eventGatewayType:Exclusive'],
  'bpmn:SequenceFlow': [...COMMON, 'sourceRef', 'targetRef', 'conditionExpression', 'isImmediate'],
  'bpmn:MessageEventDefinition': ['id', 'messageRef'],
  'bpmn:TerminateEventDefinition': ['id'],
  'bpmn:ErrorEventDefinition': ['id', 'errorRef', 'errorCodeVariable', 'errorMessageVariable'],
  'bpmn:FormalExpression': ['id', 'body', 'language', 'evaluatesToTypeRef'],
};

/** Why a known but unsupported property is refused, so the deployer learns what to change. */
const REASONS: Readonly<Record<string, string>> = {
  class: 'Java delegates (camunda:class) cannot run in this engine',
  delegateExpression: 'delegate expressions (camunda:delegateExpression) cannot run in this engine',
  expression: 'service expressions (camunda:expression) cannot run in this engine',
  resultVariable: 'camunda:resultVariable needs an expression implementation, which is not supported',
  type: 'only camunda:type="external" is supported for service tasks',
  loopCharacteristics: 'multi-instance and loop characteristics are not supported',
  initiator: 'camunda:initiator is not supported (the engine has no authenticated start user)',
  isForCompensation: 'compensation is not supported',
  ioSpecification: 'BPMN ioSpecification is not supported',
  properties: 'BPMN properties are not supported',
  resources: 'resource assignments are not supported; use camunda:assignee / candidate attributes',
};

export interface PropertyProblem {
  readonly property: string;
  readonly message: string;
}

/** Lists each own property of a moddle element that the engine would have to ignore to run it. */
export function unsupportedProperties(el: ModdleElement): PropertyProblem[] {
  const allowed = ALLOWED[el.$type];
  if (!allowed) return [];
  const problems: PropertyProblem[] = [];
  for (const key of Object.keys(el)) {
    if (key.startsWith('$')) continue;
    const value = el[key];
    if (value === undefined) continue;
    if (allowed.includes(key)) continue;
    const pinned = allowed.find((entry) => entry.startsWith(`${key}:`));
    if (pinned !== undefined) {
      if (String(value) === pinned.slice(key.length + 1)) continue;
      problems.push({ property: key, message: `${describe(key)} = '${String(value)}' is not supported${reasonSuffix(key)}` });
      continue;
    }
    problems.push({ property: key, message: `${describe(key)} is not supported${reasonSuffix(key)}` });
  }
  return problems;
}

/** Extension elements that carry only metadata; everything else (listeners, io mappings, connectors) runs code. */
export function unsupportedExtension(ext: ModdleElement): string | null {
  switch (ext.$type) {
    case 'camunda:Properties':
      return null;
    case 'camunda:FormData': {
      const fields = (ext.fields as ModdleElement[] | undefined) ?? [];
      const validated = fields.some((f) => f.validation !== undefined);
      return validated ? 'camunda:formData with validation constraints is not supported' : null;
    }
    case 'camunda:InputOutput':
      return 'input/output mappings (camunda:inputOutput) are not supported';
    case 'camunda:ExecutionListener':
    case 'camunda:TaskListener':
      return `${ext.$type} cannot run in this engine (listeners execute code)`;
    case 'camunda:FailedJobRetryTimeCycle':
      return 'camunda:failedJobRetryTimeCycle is not supported; continuation retries are configured engine-wide';
    default:
      return `extension element <${ext.$type}> is not understood by this engine`;
  }
}

function describe(key: string): string {
  return `attribute or child '${key}'`;
}

function reasonSuffix(key: string): string {
  return REASONS[key] ? ` (${REASONS[key]})` : '';
}
