/** The shapes of the native API answers the cockpit reads (see openapi/openapi.json). */
export interface ProcessModel {
  key: string;
  version: number;
  name: string | null;
  tenantId: string | null;
  processDefinitionId: string;
  resourceName: string;
  deployedAt: string;
}

export interface ProcessModelDetail extends ProcessModel {
  startEvents: { id: string; kind: 'none' | 'message'; messageName?: string }[];
  messages: { elementId: string; elementType: string; messageName: string; interrupting?: boolean }[];
}

export interface TypedValue {
  value: unknown;
  type: string;
  valueInfo?: Record<string, unknown>;
}
export type TypedVariables = Record<string, TypedValue>;

export interface InstanceSummary {
  processInstanceId: string;
  processModelKey: string;
  processModelVersion: number;
  businessKey: string | null;
  state: string;
  startedAt: string;
  endedAt: string | null;
  activeElementIds: string[];
  variables: TypedVariables;
}

export interface CorrelationSummary {
  correlationId: string;
  state: string;
  processModelKeys: string[];
  instanceCount: number;
  startedAt: string;
}

export interface Correlation {
  correlationId: string;
  state: string;
  startedAt: string;
  processInstances: InstanceSummary[];
}

export interface WaitingEvent {
  eventId: string;
  eventKey: string;
  eventType: string;
  eventName: string;
  processInstanceId: string;
  interrupting?: boolean;
  createdAt: string;
}

export interface OpenTask {
  taskId: string;
  elementId: string;
  name: string | null;
}

export interface Incident {
  id: string;
  incidentType: string;
  elementId: string | null;
  message: string;
  createdAt: string;
}

export interface InstanceDetail {
  processInstanceId: string;
  processModelKey: string;
  processModelVersion: number;
  processDefinitionId: string;
  correlationId: string;
  businessKey: string | null;
  tenantId: string | null;
  state: string;
  startedAt: string;
  endedAt: string | null;
  activeElements: { elementId: string; count: number }[];
  waitingEvents: WaitingEvent[];
  openTasks: OpenTask[];
  incidents: Incident[];
}

export interface ActivityInstance {
  id: string;
  elementId: string;
  elementType: string;
  parentId: string | null;
  startedAt: string;
  endedAt: string | null;
  state: 'active' | 'completed' | 'terminated';
  cause?: string;
}

export interface HistoryEvent {
  id: number;
  kind: string;
  at: string;
  elementId: string | null;
  elementInstanceId: string | null;
  elementType: string | null;
  detail: Record<string, unknown>;
}

export interface InstanceHistory {
  processInstanceId: string;
  activityInstances: ActivityInstance[];
  events: HistoryEvent[];
}

/** A variable as the cockpit shows it: with the scope it lives in. */
export interface ScopedVariable extends TypedValue {
  name: string;
  scope: string;
}
