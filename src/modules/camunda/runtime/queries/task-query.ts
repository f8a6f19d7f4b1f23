import { tenantFilter } from '../../../../infrastructure/auth/request-context';
import { CamundaSort, readBoolean, readList, readVariableConditions } from '../../common/camunda-query';
import { querySorts } from './sorting';
import { SqlFragment, instanceVariableExists } from './variable-conditions';

export interface TaskFilter {
  readonly where: SqlFragment;
  readonly sorts: readonly CamundaSort[];
}

/** Sort keys on columns of `user_task t`; keys for fields that are always null here fall back to the id. */
export const TASK_SORTS = {
  instanceId: 't.process_instance_id',
  caseInstanceId: 't.id',
  dueDate: 't.id',
  followUpDate: 't.id',
  executionId: 't.execution_id',
  caseExecutionId: 't.id',
  assignee: 't.assignee',
  created: 't.created_at',
  lastUpdated: 't.id',
  description: 't.id',
  id: 't.id',
  name: 't.name',
  nameCaseInsensitive: 'LOWER(t.name)',
  priority: 't.priority',
  tenantId: 't.tenant_id',
} as const;

const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

function inList(column: string, values: readonly string[]): string {
  return values.length === 0 ? '1 = 0' : `${column} IN (${values.map(() => '?').join(', ')})`;
}

/** `%,value,%` for a comma-separated list column, with LIKE's wildcards in the value escaped. */
function listMember(value: string): string {
  return `%,${value.replace(/[\\%_]/g, (c) => `\\${c}`)},%`;
}

/**
 * Camunda's task query filters (GET /task) over `user_task t` joined with its running instance `p`.
 * Candidate filters follow Camunda: only unassigned tasks unless includeAssignedTasks=true; without an
 * identity service, a candidate user matches the task's candidate users only.
 */
export function taskFilterFromQuery(q: Record<string, unknown>): TaskFilter {
  const where: string[] = ["p.state = 'running'"];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  const equal: [string, unknown][] = [
    ['t.id', q.taskId],
    ['t.process_instance_id', q.processInstanceId],
    ['t.business_key', q.processInstanceBusinessKey],
    ['t.process_definition_id', q.processDefinitionId],
    ['t.process_definition_key', q.processDefinitionKey],
    ['t.element_id', q.taskDefinitionKey],
    ['t.name', q.name],
    ['t.assignee', q.assignee],
  ];
  for (const [column, value] of equal) if (text(value) !== undefined) add(`${column} = ?`, text(value));
  const like: [string, unknown][] = [
    ['t.business_key', q.processInstanceBusinessKeyLike],
    ['t.name', q.nameLike],
    ['t.assignee', q.assigneeLike],
  ];
  for (const [column, value] of like) if (text(value) !== undefined) add(`${column} LIKE ?`, text(value));
  const lists: [string, unknown][] = [
    ['t.id', q.taskIdIn],
    ['t.process_instance_id', q.processInstanceIdIn],
    ['t.process_definition_key', q.processDefinitionKeyIn],
    ['t.element_id', q.taskDefinitionKeyIn],
  ];
  for (const [column, value] of lists) {
    const values = readList(value);
    if (values !== undefined) add(inList(column, values), ...values);
  }
  if (readBoolean(q.assigned, 'assigned') === true) add('t.assignee IS NOT NULL');
  if (readBoolean(q.unassigned, 'unassigned') === true) add('t.assignee IS NULL');
  const candidateGroup = text(q.candidateGroup);
  const candidateUser = text(q.candidateUser);
  if (candidateGroup !== undefined) add(`(',' || REPLACE(t.candidate_groups, ' ', '') || ',') LIKE ? ESCAPE '\\'`, listMember(candidateGroup));
  if (candidateUser !== undefined) add(`(',' || REPLACE(t.candidate_users, ' ', '') || ',') LIKE ? ESCAPE '\\'`, listMember(candidateUser));
  if ((candidateGroup !== undefined || candidateUser !== undefined) && readBoolean(q.includeAssignedTasks, 'includeAssignedTasks') !== true) {
    add('t.assignee IS NULL');
  }
  if (readBoolean(q.suspended, 'suspended') === true) add('1 = 0');
  if (readBoolean(q.withoutTenantId, 'withoutTenantId') === true) add("t.tenant_id = ''");
  const tenantIds = readList(q.tenantIdIn);
  if (tenantIds !== undefined) add(inList('t.tenant_id', tenantIds), ...tenantIds);
  // Tasks of tenants the caller may not see do not exist for it.
  const visible = tenantFilter('t.tenant_id');
  add(visible.sql, ...visible.params);
  for (const exists of instanceVariableExists('t.process_instance_id', readVariableConditions(q.processVariables), {
    names: readBoolean(q.variableNamesIgnoreCase, 'variableNamesIgnoreCase') === true,
    values: readBoolean(q.variableValuesIgnoreCase, 'variableValuesIgnoreCase') === true,
  })) {
    add(exists.sql, ...exists.params);
  }
  return { where: { sql: where.join(' AND '), params }, sorts: querySorts(q, TASK_SORTS) };
}
