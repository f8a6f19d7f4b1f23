import { Failure } from '../errors/failure';
import { ElementType } from '../model/process-model';
import { TypedValue } from '../variables/typed-value';
import { ElementState } from './token-lifecycle';

/**
 * Bumped whenever the persisted shape changes; snapshot readers upgrade older versions
 * (see instance-snapshot.ts) so instances started before an upgrade keep running.
 */
export const STATE_VERSION = 1;

/** A live element instance: a token sitting on a flow node, or a scope (process, subprocess) holding tokens. */
export interface ElementInstance {
  readonly id: string;
  readonly elementId: string;
  readonly type: ElementType;
  /** The scope instance this one lives in; null only for the process instance itself. */
  readonly parentId: string | null;
  state: ElementState;
  readonly startedAt: string;
}

export type SubscriptionKind = 'catch' | 'receive-task' | 'boundary' | 'event-subprocess' | 'gateway';

/** A waiting message event. Its row in the subscription table is the index that correlation searches. */
export interface SubscriptionRecord {
  readonly id: string;
  readonly kind: SubscriptionKind;
  readonly messageName: string;
  /** The BPMN element that catches the message (catch event, receive task, boundary or event-subprocess start). */
  readonly elementId: string;
  /** The element instance that owns the subscription (Camunda's "execution" holding it). */
  readonly ownerId: string;
  readonly interrupting: boolean;
  readonly createdAt: string;
}

export type TaskKind = 'user' | 'external';

export interface TaskRecord {
  readonly id: string;
  readonly kind: TaskKind;
  readonly elementInstanceId: string;
  readonly elementId: string;
}

/** Continuation work that has been decided but not yet run. */
export type Operation =
  | { readonly op: 'activate'; readonly instanceId: string; readonly trigger?: TriggerData }
  | { readonly op: 'complete'; readonly instanceId: string }
  | { readonly op: 'check-scope'; readonly scopeId: string };

/** What an element activated by a message (rather than by a sequence flow) needs to know. */
export interface TriggerData {
  /** The start event an event subprocess or process was triggered through. */
  readonly startEventId?: string;
  /** Variables destined for the scope the trigger creates (Camunda's processVariablesToTriggeredScope). */
  readonly scopeVariables?: Readonly<Record<string, TypedValue>>;
}

export interface IncidentRecord {
  readonly id: string;
  readonly elementId: string;
  readonly elementInstanceId?: string;
  readonly failure: Failure;
  /** The operation that failed; resolving the incident puts it back on the agenda. */
  readonly operation: Operation;
  readonly createdAt: string;
}

export type InstanceStatus = 'running' | 'completed' | 'terminated';

export interface InstanceState {
  readonly version: number;
  readonly processInstanceId: string;
  status: InstanceStatus;
  readonly elements: Record<string, ElementInstance>;
  readonly subscriptions: Record<string, SubscriptionRecord>;
  readonly tasks: Record<string, TaskRecord>;
  /** Tokens waiting at joining parallel gateways: `${scopeId}/${gatewayId}` → incoming flow id → count. */
  readonly joins: Record<string, Record<string, number>>;
  readonly agenda: Operation[];
  readonly incidents: Record<string, IncidentRecord>;
  /** Transient variables live until the continuation that follows their trigger has run. */
  readonly transient: Record<string, Record<string, TypedValue>>;
}

export function emptyState(processInstanceId: string): InstanceState {
  return {
    version: STATE_VERSION,
    processInstanceId,
    status: 'running',
    elements: {},
    subscriptions: {},
    tasks: {},
    joins: {},
    agenda: [],
    incidents: {},
    transient: {},
  };
}

export function joinKey(scopeId: string, gatewayId: string): string {
  return `${scopeId}/${gatewayId}`;
}
