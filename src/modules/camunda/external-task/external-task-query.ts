import { tenantFilter } from '../../../infrastructure/auth/request-context';
import { Dialect } from '../../../infrastructure/persistence/database';
import { CamundaSort, readVariableConditions } from '../common/camunda-query';
import { invalidRequest } from '../common/camunda-errors';
import { SqlFilter, bool, date, list, text } from '../repository/query-params';
import { querySorts } from '../runtime/queries/sorting';
import { instanceVariableExists } from '../runtime/queries/variable-conditions';

export interface ExternalTaskFilter {
  readonly where: string;
  readonly params: readonly unknown[];
  readonly sorts: readonly CamundaSort[];
}

/** ExternalTaskQueryDto's sort keys over `external_task t`. */
const SORTS = {
  id: 't.id',
  lockExpirationTime: 't.lock_expiration_time',
  processInstanceId: 't.process_instance_id',
  processDefinitionId: 't.process_definition_id',
  processDefinitionKey: 't.process_definition_key',
  tenantId: 't.tenant_id',
  taskPriority: 't.priority',
  createTime: 't.created_at',
} as const;

type Query = Record<string, unknown>;

/** LongConverter. */
function long(query: Query, name: string): number | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  if (/^-?\d+$/.test(value.trim()) && Number.isSafeInteger(Number(value))) return Number(value);
  throw invalidRequest(`Cannot set query parameter '${name}' to value '${value}': Cannot convert value ${value} to java type java.lang.Long`);
}

/**
 * Camunda's external task query parameters (GET /external-task and /count), over `external_task t` left
 * joined with its definition `d`. The clock for locked/notLocked is the time of the request.
 */
export function externalTaskFilterFromQuery(q: Query, dialect: Dialect, now: number): ExternalTaskFilter {
  const f = new SqlFilter(dialect);
  const equal: [string, string][] = [
    ['t.id', 'externalTaskId'],
    ['t.activity_id', 'activityId'],
    ['t.topic_name', 'topicName'],
    ['t.execution_id', 'executionId'],
    ['t.process_instance_id', 'processInstanceId'],
    ['t.process_definition_id', 'processDefinitionId'],
    ['t.process_definition_key', 'processDefinitionKey'],
    ['d.name', 'processDefinitionName'],
    ['t.worker_id', 'workerId'],
  ];
  for (const [column, name] of equal) {
    const value = text(q, name);
    if (value !== undefined) f.add(`${column} = ?`, value);
  }
  const lists: [string, string][] = [
    ['t.id', 'externalTaskIdIn'],
    ['t.activity_id', 'activityIdIn'],
    ['t.process_instance_id', 'processInstanceIdIn'],
    ['t.process_definition_key', 'processDefinitionKeyIn'],
    ['t.tenant_id', 'tenantIdIn'],
  ];
  for (const [column, name] of lists) {
    const values = list(q, name)?.filter((v) => v !== '');
    if (values !== undefined && values.length > 0) f.in(column, values);
  }
  const nameLike = text(q, 'processDefinitionNameLike');
  if (nameLike !== undefined) f.like('d.name', nameLike);
  const before = date(q, 'lockExpirationBefore');
  if (before !== undefined) f.add('t.lock_expiration_time < ?', before);
  const after = date(q, 'lockExpirationAfter');
  if (after !== undefined) f.add('t.lock_expiration_time > ?', after);
  if (bool(q, 'locked') === true) f.add('t.lock_expiration_time IS NOT NULL AND t.lock_expiration_time > ?', now);
  if (bool(q, 'notLocked') === true) f.add('(t.lock_expiration_time IS NULL OR t.lock_expiration_time < ?)', now);
  // Suspension is not supported: every task is active.
  if (bool(q, 'suspended') === true) f.add('1 = 0');
  bool(q, 'active');
  if (bool(q, 'withRetriesLeft') === true) f.add('(t.retries IS NULL OR t.retries > 0)');
  if (bool(q, 'noRetriesLeft') === true) f.add('t.retries IS NOT NULL AND t.retries = 0');
  const higher = long(q, 'priorityHigherThanOrEquals');
  if (higher !== undefined) f.add('t.priority >= ?', higher);
  const lower = long(q, 'priorityLowerThanOrEquals');
  if (lower !== undefined) f.add('t.priority <= ?', lower);
  // Tasks of tenants the caller may not see do not exist for it.
  const visible = tenantFilter('t.tenant_id');
  f.add(visible.sql, ...visible.params);
  const ignoreCase = { names: bool(q, 'variableNamesIgnoreCase') === true, values: bool(q, 'variableValuesIgnoreCase') === true };
  for (const exists of instanceVariableExists('t.process_instance_id', readVariableConditions(text(q, 'processVariables')), ignoreCase)) {
    f.add(exists.sql, ...exists.params);
  }
  return { where: f.where, params: f.params, sorts: querySorts(q, SORTS) };
}
