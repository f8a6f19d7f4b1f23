import { InstanceState, formatCamundaDate } from '../../../../engine';
import { tenantFilter } from '../../../../infrastructure/auth/request-context';
import { Row } from '../../../../infrastructure/persistence/database';
import { FAILED_EXTERNAL_TASK, FAILED_JOB, camundaIncidentType, camundaIncidentTypeSql } from '../../common/camunda-incident-type';
import { CamundaSort, readList } from '../../common/camunda-query';
import { date } from '../../repository/query-params';
import { executionOf } from '../queries/executions';
import { querySorts } from '../queries/sorting';
import { SqlFragment } from '../queries/variable-conditions';
import { CamundaIncidentDto } from './camunda-incident.dto';

/**
 * Incident types as Camunda clients see them (see camunda-incident-type.ts): a failing condition of a
 * continuation is a `failedJob` incident, with the engine failure kind (CONDITION_ERROR, …) kept in the
 * message.
 */
const plainMessage = (kind: string) => kind === FAILED_JOB || kind === FAILED_EXTERNAL_TASK;

export interface IncidentFilter {
  readonly where: SqlFragment;
  readonly sorts: readonly CamundaSort[];
  /** Matched after the rows are read: an incident's execution is derived from its instance's snapshot. */
  readonly executionId?: string;
}

const SORTS = {
  incidentId: 'i.id',
  incidentMessage: 'i.message',
  incidentTimestamp: 'i.created_at',
  incidentType: 'i.incident_type',
  executionId: 'i.execution_id',
  activityId: 'i.activity_id',
  processInstanceId: 'i.process_instance_id',
  processDefinitionId: 'i.process_definition_id',
  causeIncidentId: 'i.id',
  rootCauseIncidentId: 'i.id',
  configuration: 'i.execution_id',
  tenantId: 'i.tenant_id',
} as const;

const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

/** The message as Camunda clients see it: the engine failure kind first, when the incident has one. */
const MESSAGE_SQL = `CASE WHEN i.incident_type IN ('${FAILED_JOB}', '${FAILED_EXTERNAL_TASK}') THEN i.message ELSE i.incident_type || ': ' || i.message END`;

/** Camunda's incident query parameters (GET /incident, GET /incident/count). */
export function incidentFilterFromQuery(q: Record<string, unknown>): IncidentFilter {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  const equal: [string, unknown][] = [
    ['i.id', q.incidentId],
    ['i.process_instance_id', q.processInstanceId],
    ['i.process_definition_id', q.processDefinitionId],
    ['i.activity_id', q.activityId],
    ['i.activity_id', q.failedActivityId],
    ['i.id', q.causeIncidentId],
    ['i.id', q.rootCauseIncidentId],
  ];
  for (const [column, value] of equal) {
    if (text(value) !== undefined) add(`${column} = ?`, text(value));
  }
  const incidentType = text(q.incidentType);
  if (incidentType !== undefined) add(`${camundaIncidentTypeSql('i')} = ?`, incidentType);
  const configuration = text(q.configuration);
  if (configuration !== undefined) add(`i.incident_type IN ('${FAILED_JOB}', '${FAILED_EXTERNAL_TASK}') AND i.execution_id = ?`, configuration);
  const message = text(q.incidentMessage);
  if (message !== undefined) add(`${MESSAGE_SQL} = ?`, message);
  const messageLike = text(q.incidentMessageLike);
  if (messageLike !== undefined) add(`${MESSAGE_SQL} LIKE ?`, messageLike);
  const definitionKeys = readList(q.processDefinitionKeyIn);
  if (definitionKeys !== undefined) {
    add(
      definitionKeys.length > 0
        ? `i.process_definition_id IN (SELECT id FROM process_definition WHERE key IN (${definitionKeys.map(() => '?').join(', ')}))`
        : '1 = 0',
      ...definitionKeys,
    );
  }
  const tenantIds = readList(q.tenantIdIn);
  if (tenantIds !== undefined) {
    add(tenantIds.length > 0 ? `i.tenant_id IN (${tenantIds.map(() => '?').join(', ')})` : '1 = 0', ...tenantIds);
  }
  if (readList(q.jobDefinitionIdIn) !== undefined) add('1 = 0');
  const before = date(q, 'incidentTimestampBefore');
  if (before !== undefined) add('i.created_at < ?', before);
  const after = date(q, 'incidentTimestampAfter');
  if (after !== undefined) add('i.created_at > ?', after);
  // Incidents of tenants the caller may not see do not exist for it.
  const visible = tenantFilter('i.tenant_id');
  add(visible.sql, ...visible.params);
  return { where: { sql: where.join(' AND '), params }, sorts: querySorts(q, SORTS), executionId: text(q.executionId) };
}

/**
 * Camunda's IncidentDto of an incident row. `executionId` is the Camunda execution (process instance or
 * subprocess instance) holding the failed element, as the /execution routes name executions; a failed
 * continuation as a whole belongs to the process instance.
 */
export function incidentDto(row: Row, state?: InstanceState): CamundaIncidentDto {
  const id = String(row.id);
  const kind = String(row.incident_type);
  const failedJob = plainMessage(kind);
  const processInstanceId = String(row.process_instance_id);
  const activityId = (row.activity_id as string | null) ?? null;
  const executionId = (row.execution_id as string | null) ?? null;
  return {
    id,
    processDefinitionId: String(row.process_definition_id),
    processInstanceId,
    executionId: failedJob || executionId === null || !state ? processInstanceId : executionOf(state, executionId),
    incidentTimestamp: formatCamundaDate(Number(row.created_at)),
    incidentType: camundaIncidentType(kind),
    activityId,
    failedActivityId: activityId,
    causeIncidentId: id,
    rootCauseIncidentId: id,
    configuration: failedJob ? executionId : null,
    tenantId: row.tenant_id ? String(row.tenant_id) : null,
    incidentMessage: failedJob ? String(row.message) : `${kind}: ${String(row.message)}`,
    jobDefinitionId: null,
    annotation: null,
  };
}
