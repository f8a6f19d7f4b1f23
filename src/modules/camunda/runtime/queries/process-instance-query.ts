import { tenantFilter } from '../../../../infrastructure/auth/request-context';
import { CamundaSort, readBoolean, readList, readVariableConditions } from '../../common/camunda-query';
import { CamundaProcessInstanceQueryDto } from '../dto/process-instance-query.dto';
import { bodySorts, querySorts } from './sorting';
import { IgnoreCase, SqlFragment, VariableCondition, instanceVariableExists, readBodyConditions } from './variable-conditions';
import { camundaIncidentTypeSql } from '../../common/camunda-incident-type';

/** The filters of Camunda's process instance query, read from a query string or a POST body alike. */
export interface ProcessInstanceFilter {
  readonly processInstanceIds?: readonly string[];
  readonly businessKey?: string;
  readonly businessKeyLike?: string;
  readonly processDefinitionId?: string;
  readonly processDefinitionKey?: string;
  readonly processDefinitionKeyIn?: readonly string[];
  readonly processDefinitionKeyNotIn?: readonly string[];
  readonly deploymentId?: string;
  /** super/subProcessInstance: there are no call activities, so naming one matches nothing. */
  readonly callActivityRelation: boolean;
  readonly suspended: boolean;
  readonly withIncident: boolean;
  readonly incidentId?: string;
  readonly incidentType?: string;
  readonly incidentMessage?: string;
  readonly incidentMessageLike?: string;
  readonly tenantIdIn?: readonly string[];
  readonly withoutTenantId: boolean;
  readonly activityIdIn?: readonly string[];
  readonly variables: readonly VariableCondition[];
  readonly ignoreCase: IgnoreCase;
  readonly sorts: readonly CamundaSort[];
}

export const PROCESS_INSTANCE_SORTS = {
  instanceId: 'p.id',
  definitionKey: 'p.process_definition_key',
  definitionId: 'p.process_definition_id',
  tenantId: 'p.tenant_id',
  businessKey: 'p.business_key',
} as const;

const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

export function processInstanceFilterFromQuery(q: Record<string, unknown>): ProcessInstanceFilter {
  return {
    processInstanceIds: readList(q.processInstanceIds),
    businessKey: text(q.businessKey),
    businessKeyLike: text(q.businessKeyLike),
    processDefinitionId: text(q.processDefinitionId),
    processDefinitionKey: text(q.processDefinitionKey),
    processDefinitionKeyIn: readList(q.processDefinitionKeyIn),
    processDefinitionKeyNotIn: readList(q.processDefinitionKeyNotIn),
    deploymentId: text(q.deploymentId),
    callActivityRelation: text(q.superProcessInstance) !== undefined || text(q.subProcessInstance) !== undefined,
    suspended: readBoolean(q.suspended, 'suspended') === true && readBoolean(q.active, 'active') !== true,
    withIncident: readBoolean(q.withIncident, 'withIncident') === true,
    incidentId: text(q.incidentId),
    incidentType: text(q.incidentType),
    incidentMessage: text(q.incidentMessage),
    incidentMessageLike: text(q.incidentMessageLike),
    tenantIdIn: readList(q.tenantIdIn),
    withoutTenantId: readBoolean(q.withoutTenantId, 'withoutTenantId') === true,
    activityIdIn: readList(q.activityIdIn),
    variables: readVariableConditions(q.variables),
    ignoreCase: {
      names: readBoolean(q.variableNamesIgnoreCase, 'variableNamesIgnoreCase') === true,
      values: readBoolean(q.variableValuesIgnoreCase, 'variableValuesIgnoreCase') === true,
    },
    sorts: querySorts(q, PROCESS_INSTANCE_SORTS),
  };
}

export function processInstanceFilterFromBody(b: CamundaProcessInstanceQueryDto): ProcessInstanceFilter {
  const body = b ?? {};
  return {
    processInstanceIds: body.processInstanceIds ?? undefined,
    businessKey: body.businessKey ?? undefined,
    businessKeyLike: body.businessKeyLike ?? undefined,
    processDefinitionId: body.processDefinitionId ?? undefined,
    processDefinitionKey: body.processDefinitionKey ?? undefined,
    processDefinitionKeyIn: body.processDefinitionKeyIn ?? undefined,
    processDefinitionKeyNotIn: body.processDefinitionKeyNotIn ?? undefined,
    deploymentId: body.deploymentId ?? undefined,
    callActivityRelation: body.superProcessInstance != null || body.subProcessInstance != null,
    suspended: body.suspended === true && body.active !== true,
    withIncident: body.withIncident === true,
    incidentId: body.incidentId ?? undefined,
    incidentType: body.incidentType ?? undefined,
    incidentMessage: body.incidentMessage ?? undefined,
    incidentMessageLike: body.incidentMessageLike ?? undefined,
    tenantIdIn: body.tenantIdIn ?? undefined,
    withoutTenantId: body.withoutTenantId === true,
    activityIdIn: body.activityIdIn ?? undefined,
    variables: readBodyConditions(body.variables),
    ignoreCase: { names: body.variableNamesIgnoreCase === true, values: body.variableValuesIgnoreCase === true },
    sorts: bodySorts(body, PROCESS_INSTANCE_SORTS),
  };
}

/**
 * WHERE clause over `process_instance p`. Only running instances exist for the runtime API; instances are
 * never suspended here, so `suspended=true` (without `active=true`) matches nothing.
 */
export function processInstanceWhere(f: ProcessInstanceFilter): SqlFragment {
  const where: string[] = ["p.state = 'running'"];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  const addIn = (column: string, values: readonly string[] | undefined, negate = false) => {
    if (values === undefined) return;
    if (values.length === 0) return negate ? undefined : add('1 = 0');
    add(`${column} ${negate ? 'NOT IN' : 'IN'} (${values.map(() => '?').join(', ')})`, ...values);
  };
  if (f.suspended || f.callActivityRelation) add('1 = 0');
  addIn('p.id', f.processInstanceIds);
  if (f.businessKey !== undefined) add('p.business_key = ?', f.businessKey);
  if (f.businessKeyLike !== undefined) add('p.business_key LIKE ?', f.businessKeyLike);
  if (f.processDefinitionId !== undefined) add('p.process_definition_id = ?', f.processDefinitionId);
  if (f.processDefinitionKey !== undefined) add('p.process_definition_key = ?', f.processDefinitionKey);
  addIn('p.process_definition_key', f.processDefinitionKeyIn);
  addIn('p.process_definition_key', f.processDefinitionKeyNotIn, true);
  if (f.deploymentId !== undefined) add('p.process_definition_id IN (SELECT d.id FROM process_definition d WHERE d.deployment_id = ?)', f.deploymentId);
  const incident = incidentConditions(f);
  if (incident) add(`EXISTS (SELECT 1 FROM incident i WHERE i.process_instance_id = p.id${incident.sql})`, ...incident.params);
  // withoutTenantId wins over tenantIdIn, as in Camunda's query object (the later call resets the ids).
  if (f.withoutTenantId) add("p.tenant_id = ''");
  else addIn('p.tenant_id', f.tenantIdIn);
  // Instances of tenants the caller may not see do not exist for it.
  const visible = tenantFilter('p.tenant_id');
  add(visible.sql, ...visible.params);
  for (const exists of instanceVariableExists('p.id', f.variables, f.ignoreCase)) add(exists.sql, ...exists.params);
  return { sql: where.join(' AND '), params };
}

function incidentConditions(f: ProcessInstanceFilter): SqlFragment | null {
  const criteria: [string, string | undefined][] = [
    ['i.id = ?', f.incidentId],
    [`${camundaIncidentTypeSql('i')} = ?`, f.incidentType],
    ['i.message = ?', f.incidentMessage],
    ['i.message LIKE ?', f.incidentMessageLike],
  ];
  const given = criteria.filter(([, value]) => value !== undefined);
  if (given.length === 0 && !f.withIncident) return null;
  return { sql: given.map(([sql]) => ` AND ${sql}`).join(''), params: given.map(([, value]) => value) };
}
