/**
 * The parsed, immutable process graph the runtime executes. It is plain JSON so a deployed model can be
 * stored with its definition and loaded without parsing the XML again.
 */
export type ElementType =
  | 'process'
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'task'
  | 'manualTask'
  | 'userTask'
  | 'receiveTask'
  | 'serviceTask'
  | 'subProcess'
  | 'eventSubProcess'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'eventBasedGateway';

export type EventDefinitionModel =
  | { readonly kind: 'message'; readonly messageId: string; readonly messageName: string }
  | { readonly kind: 'terminate' }
  | {
      readonly kind: 'error';
      readonly errorId?: string;
      /** Absent on a catching event: it catches every error. */
      readonly errorCode?: string;
      readonly errorMessage?: string;
      /** Camunda extensions: variables that receive the caught error's code and message. */
      readonly errorCodeVariable?: string;
      readonly errorMessageVariable?: string;
    };

export interface UserTaskSpec {
  readonly assignee?: string;
  readonly candidateUsers?: string;
  readonly candidateGroups?: string;
  readonly formKey?: string;
  readonly dueDate?: string;
  readonly followUpDate?: string;
  readonly priority?: string;
}

export interface ExternalTaskSpec {
  readonly topic: string;
  readonly priority?: string;
}

export interface FlowNodeModel {
  readonly id: string;
  readonly type: ElementType;
  readonly name?: string;
  /** Id of the enclosing scope element (the process key for top-level elements); null for the process. */
  readonly parentId: string | null;
  readonly incoming: readonly string[];
  readonly outgoing: readonly string[];
  readonly eventDefinition?: EventDefinitionModel;
  /** Boundary events: the activity they are attached to, and whether they interrupt it. */
  readonly attachedToId?: string;
  readonly cancelActivity?: boolean;
  /** Start events of event subprocesses: interrupting (default) or not. */
  readonly isInterrupting?: boolean;
  /** Exclusive gateways (and activities): the default flow. */
  readonly defaultFlowId?: string;
  /** Containers (process, subprocesses): direct children, by kind. */
  readonly childIds?: readonly string[];
  readonly noneStartEventIds?: readonly string[];
  readonly messageStartEventIds?: readonly string[];
  readonly eventSubProcessIds?: readonly string[];
  /** Activities: the boundary events attached to them. */
  readonly boundaryEventIds?: readonly string[];
  readonly userTask?: UserTaskSpec;
  readonly externalTask?: ExternalTaskSpec;
}

export interface SequenceFlowModel {
  readonly id: string;
  readonly name?: string;
  readonly sourceId: string;
  readonly targetId: string;
  /** The condition expression as written in the model (FEEL `=…` or JUEL `${…}`). */
  readonly condition?: string;
}

export interface ProcessModel {
  /** The BPMN process id: the key that versions are counted under. */
  readonly key: string;
  readonly name?: string;
  readonly versionTag?: string;
  readonly historyTimeToLive?: string;
  readonly isStartableInTasklist: boolean;
  readonly elements: Readonly<Record<string, FlowNodeModel>>;
  readonly flows: Readonly<Record<string, SequenceFlowModel>>;
}

/** Message start events at the process level: what a deployment subscribes to. */
export function messageStartEvents(model: ProcessModel): { elementId: string; messageName: string }[] {
  const root = model.elements[model.key];
  return (root.messageStartEventIds ?? []).map((id) => {
    const def = model.elements[id].eventDefinition;
    return { elementId: id, messageName: def && def.kind === 'message' ? def.messageName : '' };
  });
}

export function element(model: ProcessModel, id: string): FlowNodeModel {
  const found = model.elements[id];
  if (!found) throw new Error(`Element '${id}' is not part of process '${model.key}'`);
  return found;
}

/** Scope-creating element types: their instances can own local variables and child instances. */
export const CONTAINER_TYPES: ReadonlySet<ElementType> = new Set<ElementType>(['process', 'subProcess', 'eventSubProcess']);
