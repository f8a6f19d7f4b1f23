import { tenantFilter } from '../../../../infrastructure/auth/request-context';
import { CamundaSort, readBoolean, readList, readVariableConditions } from '../../common/camunda-query';
import { querySorts } from './sorting';
import { IgnoreCase, SqlFragment, VariableCondition, instanceVariableExists } from './variable-conditions';
import { camundaIncidentTypeSql } from '../../common/camunda-incident-type';

/** Camunda's execution query filters (GET /execution). */
export interface ExecutionFilter {
  readonly processInstanceId?: string;
  readonly businessKey?: string;
  readonly processDefinitionId?: string;
  readonly processDefinitionKey?: string;
  readonly activityId?: string;
  readonly messageEventSubscriptionName?: string;
  /** Signals are not supported, so no execution waits for one. */
  readonly signalEventSubscriptionName?: string;
  readonly suspended: boolean;
  readonly incidentId?: string;
  readonly incidentType?: string;
  readonly incidentMessage?: string;
  readonly incidentMessageLike?: string;
  readonly tenantIdIn?: readonly string[];
  /** Local variables of the execution. */
  readonly variables: readonly VariableCondition[];
  /** Variables anywhere in the execution's process instance. */
  readonly processVariables: readonly VariableCondition[];
  readonly ignoreCase: IgnoreCase;
  readonly sorts: readonly CamundaSort[];
}

/** Sort keys map onto fields of the derived execution rows (sorted in memory). */
export const EXECUTION_SORTS = {
  instanceId: 'processInstanceId',
  definitionKey: 'processDefinitionKey',
  definitionId: 'processDefinitionId',
  tenantId: 'tenantId',
} as const;

const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

export function executionFilterFromQuery(q: Record<string, unknown>): ExecutionFilter {
  return {
    processInstanceId: text(q.processInstanceId),
    businessKey: text(q.businessKey),
    processDefinitionId: text(q.processDefinitionId),
    processDefinitionKey: text(q.processDefinitionKey),
    activityId: text(q.activityId),
    messageEventSubscriptionName: text(q.messageEventSubscriptionName),
    signalEventSubscriptionName: text(q.signalEventSubscriptionName),
    suspended: readBoolean(q.suspended, 'suspended') === true && readBoolean(q.active, 'active') !== true,
    incidentId: text(q.incidentId),
    incidentType: text(q.incidentType),
    incidentMessage: text(q.incidentMessage),
    incidentMessageLike: text(q.incidentMessageLike),
    tenantIdIn: readList(q.tenantIdIn),
    variables: readVariableConditions(q.variables),
    processVariables: readVariableConditions(q.processVariables),
    ignoreCase: {
      names: readBoolean(q.variableNamesIgnoreCase, 'variableNamesIgnoreCase') === true,
      values: readBoolean(q.variableValuesIgnoreCase, 'variableValuesIgnoreCase') === true,
    },
    sorts: querySorts(q, EXECUTION_SORTS),
  };
}

/** The instance-level part of the filter, over `process_instance p`: what SQL can decide before the trees are read. */
export function executionInstanceWhere(f: ExecutionFilter): SqlFragment {
  const where: string[] = ["p.state = 'running'"];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (f.suspended || f.signalEventSubscriptionName !== undefined) add('1 = 0');
  if (f.processInstanceId !== undefined) add('p.id = ?', f.processInstanceId);
  if (f.businessKey !== undefined) add('p.business_key = ?', f.businessKey);
  if (f.processDefinitionId !== undefined) add('p.process_definition_id = ?', f.processDefinitionId);
  if (f.processDefinitionKey !== undefined) add('p.process_definition_key = ?', f.processDefinitionKey);
  if (f.tenantIdIn !== undefined) {
    if (f.tenantIdIn.length === 0) add('1 = 0');
    else add(`p.tenant_id IN (${f.tenantIdIn.map(() => '?').join(', ')})`, ...f.tenantIdIn);
  }
  // Executions of tenants the caller may not see do not exist for it.
  const visible = tenantFilter('p.tenant_id');
  add(visible.sql, ...visible.params);
  const incident: [string, string | undefined][] = [
    ['i.id = ?', f.incidentId],
    [`${camundaIncidentTypeSql('i')} = ?`, f.incidentType],
    ['i.message = ?', f.incidentMessage],
    ['i.message LIKE ?', f.incidentMessageLike],
  ];
  for (const [sql, value] of incident) {
    if (value !== undefined) add(`EXISTS (SELECT 1 FROM incident i WHERE i.process_instance_id = p.id AND ${sql})`, value);
  }
  if (f.messageEventSubscriptionName !== undefined) {
    add("EXISTS (SELECT 1 FROM event_subscription s WHERE s.process_instance_id = p.id AND s.event_type = 'message' AND s.event_name = ?)", f.messageEventSubscriptionName);
  }
  for (const exists of instanceVariableExists('p.id', f.processVariables, f.ignoreCase)) add(exists.sql, ...exists.params);
  return { sql: where.join(' AND '), params };
}
