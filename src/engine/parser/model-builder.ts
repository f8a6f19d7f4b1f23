import type { ModdleElement } from 'bpmn-moddle';

import {
  ElementType,
  EventDefinitionModel,
  FlowNodeModel,
  ProcessModel,
  SequenceFlowModel,
} from '../model/process-model';
import { DOCUMENTATION_ELEMENTS, FLOW_NODE_TYPES, unsupportedExtension, unsupportedProperties } from './element-support';
import { ModelProblem } from './model-problem';

type Writable<V> = V extends readonly (infer U)[] ? U[] : V;
type Mutable<T> = { -readonly [K in keyof T]: Writable<T[K]> };
type NodeDraft = Mutable<FlowNodeModel>;

/** Builds the executable model of one bpmn:Process, collecting every problem rather than stopping at the first. */
export class ModelBuilder {
  private readonly elements: Record<string, NodeDraft> = {};
  private readonly flows: Record<string, SequenceFlowModel> = {};
  readonly problems: ModelProblem[] = [];

  constructor(private readonly process: ModdleElement) {}

  build(): ProcessModel {
    const key = String(this.process.id);
    this.checkElement(this.process);
    this.elements[key] = this.node(this.process, 'process', null);
    this.walk(this.process, key);
    this.linkFlows();
    return {
      key,
      name: str(this.process.name),
      versionTag: str(this.process.versionTag),
      historyTimeToLive: this.process.historyTimeToLive === undefined ? undefined : String(this.process.historyTimeToLive),
      isStartableInTasklist: this.process.isStartableInTasklist !== false,
      elements: this.elements,
      flows: this.flows,
    };
  }

  private walk(container: ModdleElement, containerId: string): void {
    const children = (container.flowElements as ModdleElement[] | undefined) ?? [];
    for (const child of children) {
      if (child.$type === 'bpmn:SequenceFlow') {
        this.addFlow(child);
        continue;
      }
      if (DOCUMENTATION_ELEMENTS.has(child.$type)) continue;
      let type = FLOW_NODE_TYPES[child.$type];
      if (!type) {
        this.problem(child.id, `element <${child.$type}> is not supported by this engine`);
        continue;
      }
      if (type === 'subProcess' && child.triggeredByEvent === true) type = 'eventSubProcess';
      this.checkElement(child);
      const draft = this.node(child, type, containerId);
      this.elements[draft.id] = draft;
      this.register(this.elements[containerId], draft);
      if (type === 'subProcess' || type === 'eventSubProcess') {
        this.walk(child, draft.id);
      }
    }
  }

  private node(el: ModdleElement, type: ElementType, parentId: string | null): NodeDraft {
    const draft: NodeDraft = { id: String(el.id), type, name: str(el.name), parentId, incoming: [], outgoing: [] };
    const definition = this.eventDefinition(el);
    if (definition) draft.eventDefinition = definition;
    if (type === 'boundaryEvent') {
      const host = el.attachedToRef as ModdleElement | undefined;
      draft.attachedToId = host ? String(host.id) : undefined;
      draft.cancelActivity = el.cancelActivity !== false;
    }
    if (type === 'startEvent') draft.isInterrupting = el.isInterrupting !== false;
    const dflt = el.default as ModdleElement | undefined;
    if (dflt) draft.defaultFlowId = String(dflt.id);
    if (type === 'process' || type === 'subProcess' || type === 'eventSubProcess') {
      draft.childIds = [];
      draft.noneStartEventIds = [];
      draft.messageStartEventIds = [];
      draft.eventSubProcessIds = [];
    }
    if (type === 'userTask') {
      draft.userTask = {
        assignee: str(el.assignee),
        candidateUsers: str(el.candidateUsers),
        candidateGroups: str(el.candidateGroups),
        formKey: str(el.formKey),
        dueDate: str(el.dueDate),
        followUpDate: str(el.followUpDate),
        priority: str(el.priority),
      };
    }
    if (type === 'receiveTask') {
      const message = el.messageRef as ModdleElement | undefined;
      if (!message) this.problem(draft.id, 'a receive task needs a messageRef to a bpmn:message');
      else draft.eventDefinition = this.message(draft.id, message);
    }
    if (type === 'serviceTask') {
      if (el.type !== 'external' || !str(el.topic)) {
        this.problem(draft.id, 'a service task must be an external task (camunda:type="external" with a camunda:topic)');
      } else {
        draft.externalTask = { topic: String(el.topic), priority: str(el.taskPriority) };
      }
    }
    return draft;
  }

  private register(container: NodeDraft, child: NodeDraft): void {
    container.childIds!.push(child.id);
    if (child.type === 'eventSubProcess') container.eventSubProcessIds!.push(child.id);
    if (child.type === 'startEvent') {
      if (!child.eventDefinition) container.noneStartEventIds!.push(child.id);
      else if (child.eventDefinition.kind === 'message') container.messageStartEventIds!.push(child.id);
    }
  }

  private eventDefinition(el: ModdleElement): EventDefinitionModel | undefined {
    const definitions = (el.eventDefinitions as ModdleElement[] | undefined) ?? [];
    if (definitions.length === 0) return undefined;
    if (definitions.length > 1) {
      this.problem(el.id, 'multiple event definitions on one event are not supported');
      return undefined;
    }
    const def = definitions[0];
    this.checkElement(def, el.id);
    switch (def.$type) {
      case 'bpmn:MessageEventDefinition': {
        const message = def.messageRef as ModdleElement | undefined;
        if (!message) {
          this.problem(el.id, 'a message event definition needs a messageRef to a bpmn:message');
          return undefined;
        }
        return this.message(String(el.id), message);
      }
      case 'bpmn:TerminateEventDefinition':
        return { kind: 'terminate' };
      case 'bpmn:ErrorEventDefinition': {
        const error = def.errorRef as ModdleElement | undefined;
        return {
          kind: 'error',
          errorId: error ? String(error.id) : undefined,
          errorCode: str(error?.errorCode),
          errorMessage: str(error?.errorMessage),
          errorCodeVariable: str(def.errorCodeVariable),
          errorMessageVariable: str(def.errorMessageVariable),
        };
      }
      default:
        this.problem(el.id, `${def.$type.replace('bpmn:', '')} events are not supported by this engine`);
        return undefined;
    }
  }

  private message(elementId: string, message: ModdleElement): EventDefinitionModel {
    const name = str(message.name);
    if (!name) this.problem(elementId, `message '${String(message.id)}' has no name`);
    return { kind: 'message', messageId: String(message.id), messageName: name ?? '' };
  }

  private addFlow(el: ModdleElement): void {
    this.checkElement(el);
    const source = el.sourceRef as ModdleElement | undefined;
    const target = el.targetRef as ModdleElement | undefined;
    if (!source || !target) {
      this.problem(el.id, 'a sequence flow needs both sourceRef and targetRef');
      return;
    }
    const condition = el.conditionExpression as ModdleElement | undefined;
    let text: string | undefined;
    if (condition) {
      this.checkElement(condition, el.id);
      text = str(condition.body)?.trim();
      const language = str(condition.language);
      if (language && !/^(feel|juel|https?:\/\/www\.omg\.org\/spec\/FEEL.*)$/i.test(language)) {
        this.problem(el.id, `condition language '${language}' is not supported (use FEEL '=…' or JUEL '\${…}')`);
      }
      if (str(condition.resource)) this.problem(el.id, 'external condition resources (camunda:resource) are not supported');
    }
    const id = String(el.id);
    this.flows[id] = { id, name: str(el.name), sourceId: String(source.id), targetId: String(target.id), condition: text || undefined };
  }

  /** Incoming/outgoing come from the flows themselves, so files without those children still work. */
  private linkFlows(): void {
    for (const flow of Object.values(this.flows)) {
      const source = this.elements[flow.sourceId];
      const target = this.elements[flow.targetId];
      if (!source) this.problem(flow.id, `source '${flow.sourceId}' is not an executable flow node of this process`);
      if (!target) this.problem(flow.id, `target '${flow.targetId}' is not an executable flow node of this process`);
      if (!source || !target) continue;
      source.outgoing.push(flow.id);
      target.incoming.push(flow.id);
    }
    for (const node of Object.values(this.elements)) {
      if (node.type !== 'boundaryEvent' || !node.attachedToId) continue;
      const host = this.elements[node.attachedToId];
      if (host) (host.boundaryEventIds ??= []).push(node.id);
    }
  }

  private checkElement(el: ModdleElement, ownerId?: unknown): void {
    const id = ownerId ?? el.id;
    for (const p of unsupportedProperties(el)) this.problem(id, p.message);
    const extensions = el.extensionElements as ModdleElement | undefined;
    for (const ext of (extensions?.values as ModdleElement[] | undefined) ?? []) {
      const reason = unsupportedExtension(ext);
      if (reason) this.problem(id, reason);
    }
  }

  private problem(elementId: unknown, message: string): void {
    this.problems.push({ elementId: elementId === undefined ? undefined : String(elementId), message });
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
