import { tenantFilter } from '../../../../infrastructure/auth/request-context';
import { Dialect } from '../../../../infrastructure/persistence/database';
import { engineException } from '../../common/camunda-errors';
import { CamundaSort, readSort, readVariableConditions } from '../../common/camunda-query';
import { SqlFilter, bool, date, list, text } from '../../repository/query-params';
import { IgnoreCase, VariableCondition, instanceVariableExists } from '../../runtime/queries/variable-conditions';
import { HistoricProcessInstanceState } from '../dto/historic-process-instance.dto';
import { inList } from './history-sql';

type Query = Record<string, unknown>;

/** sortBy values of GET /history/process-instance and the expressions over `process_instance p` / `process_definition d` they sort by. */
export const HISTORIC_PROCESS_INSTANCE_SORTS = {
  instanceId: 'p.id',
  definitionId: 'p.process_definition_id',
  definitionKey: 'p.process_definition_key',
  definitionName: 'd.name',
  definitionVersion: 'p.process_definition_version',
  businessKey: 'p.business_key',
  startTime: 'p.started_at',
  endTime: 'p.ended_at',
  duration: '(p.ended_at - p.started_at)',
  tenantId: 'p.tenant_id',
} as const;

export const NULLABLE_PROCESS_INSTANCE_SORTS: ReadonlySet<string> = new Set(['d.name', 'p.business_key', 'p.ended_at', '(p.ended_at - p.started_at)']);

/** The `state` column value each historic state stands for; SUSPENDED and INTERNALLY_TERMINATED never happen here. */
const STATE_COLUMN: Readonly<Record<HistoricProcessInstanceState, string | null>> = {
  ACTIVE: 'running',
  SUSPENDED: null,
  COMPLETED: 'completed',
  EXTERNALLY_TERMINATED: 'terminated',
  INTERNALLY_TERMINATED: null,
};

/** The state flags in the order Camunda's REST layer applies them to the query. */
const STATE_FLAGS: readonly [string, HistoricProcessInstanceState][] = [
  ['active', 'ACTIVE'],
  ['suspended', 'SUSPENDED'],
  ['completed', 'COMPLETED'],
  ['externallyTerminated', 'EXTERNALLY_TERMINATED'],
  ['internallyTerminated', 'INTERNALLY_TERMINATED'],
];

/** The criteria of Camunda's HistoricProcessInstanceQueryDto, read and validated from a query string. */
export interface HistoricProcessInstanceCriteria {
  readonly processInstanceId?: string;
  readonly processInstanceIds?: readonly string[];
  readonly processDefinitionId?: string;
  readonly processDefinitionKey?: string;
  readonly processDefinitionKeyIn?: readonly string[];
  readonly processDefinitionKeyNotIn?: readonly string[];
  readonly processDefinitionName?: string;
  readonly processDefinitionNameLike?: string;
  readonly businessKey?: string;
  readonly businessKeyIn?: readonly string[];
  readonly businessKeyLike?: string;
  readonly finished: boolean;
  readonly unfinished: boolean;
  readonly state?: HistoricProcessInstanceState;
  readonly startedBefore?: number;
  readonly startedAfter?: number;
  readonly finishedBefore?: number;
  readonly finishedAfter?: number;
  readonly tenantIdIn?: readonly string[];
  readonly withoutTenantId: boolean;
  readonly withIncidents: boolean;
  readonly activeActivityIdIn?: readonly string[];
  readonly executedActivityIdIn?: readonly string[];
  /** Criteria on relations this engine never has (call activities, cases, start users): nothing matches them. */
  readonly impossible: boolean;
  readonly variables: readonly VariableCondition[];
  readonly ignoreCase: IgnoreCase;
  readonly sort: CamundaSort | null;
}

export function historicProcessInstanceCriteria(q: Query): HistoricProcessInstanceCriteria {
  let state: HistoricProcessInstanceState | undefined;
  for (const [flag, value] of STATE_FLAGS) {
    if (bool(q, flag) !== true) continue;
    // HistoricProcessInstanceQueryImpl refuses a second state (EnsureUtil.ensureEmpty names the first one).
    if (state !== undefined) {
      throw engineException(400, 'BadUserRequestException', `Already querying for historic process instance with another state: ${state} is not empty`);
    }
    state = value;
  }
  // Every instance is a root instance (there are no call activities): rootProcessInstances=true keeps them all.
  if (bool(q, 'rootProcessInstances') === true) {
    for (const relation of ['superProcessInstanceId', 'superCaseInstanceId']) {
      if (text(q, relation) === undefined) continue;
      throw engineException(400, 'BadUserRequestException', `Invalid query usage: cannot set both rootProcessInstances and ${relation}`);
    }
  }
  const impossible = ['superProcessInstanceId', 'subProcessInstanceId', 'superCaseInstanceId', 'subCaseInstanceId', 'caseInstanceId', 'startedBy'].some(
    (name) => text(q, name) !== undefined,
  );
  return {
    processInstanceId: text(q, 'processInstanceId'),
    processInstanceIds: list(q, 'processInstanceIds'),
    processDefinitionId: text(q, 'processDefinitionId'),
    processDefinitionKey: text(q, 'processDefinitionKey'),
    processDefinitionKeyIn: list(q, 'processDefinitionKeyIn'),
    processDefinitionKeyNotIn: list(q, 'processDefinitionKeyNotIn'),
    processDefinitionName: text(q, 'processDefinitionName'),
    processDefinitionNameLike: text(q, 'processDefinitionNameLike'),
    businessKey: text(q, 'processInstanceBusinessKey'),
    businessKeyIn: list(q, 'processInstanceBusinessKeyIn'),
    businessKeyLike: text(q, 'processInstanceBusinessKeyLike'),
    finished: bool(q, 'finished') === true,
    unfinished: bool(q, 'unfinished') === true,
    state,
    startedBefore: date(q, 'startedBefore'),
    startedAfter: date(q, 'startedAfter'),
    finishedBefore: date(q, 'finishedBefore'),
    finishedAfter: date(q, 'finishedAfter'),
    tenantIdIn: list(q, 'tenantIdIn'),
    withoutTenantId: bool(q, 'withoutTenantId') === true,
    withIncidents: bool(q, 'withIncidents') === true,
    activeActivityIdIn: list(q, 'activeActivityIdIn'),
    executedActivityIdIn: list(q, 'executedActivityIdIn'),
    impossible,
    variables: readVariableConditions(q.variables),
    ignoreCase: {
      names: bool(q, 'variableNamesIgnoreCase') === true,
      values: bool(q, 'variableValuesIgnoreCase') === true,
    },
    sort: readSort(q, HISTORIC_PROCESS_INSTANCE_SORTS),
  };
}

/**
 * WHERE clause over `process_instance p JOIN process_definition d`. Running and ended instances alike
 * (ended ones stay until the retention period passes); instances of tenants the caller may not see do
 * not exist for it.
 */
export function historicProcessInstanceWhere(c: HistoricProcessInstanceCriteria, dialect: Dialect): SqlFilter {
  const f = new SqlFilter(dialect);
  const addIn = (column: string, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    const fragment = inList(column, values);
    f.add(fragment.sql, ...fragment.params);
  };
  if (c.impossible) f.add('1 = 0');
  if (c.processInstanceId !== undefined) f.add('p.id = ?', c.processInstanceId);
  addIn('p.id', c.processInstanceIds);
  if (c.processDefinitionId !== undefined) f.add('p.process_definition_id = ?', c.processDefinitionId);
  if (c.processDefinitionKey !== undefined) f.add('p.process_definition_key = ?', c.processDefinitionKey);
  addIn('p.process_definition_key', c.processDefinitionKeyIn);
  if (c.processDefinitionKeyNotIn !== undefined && c.processDefinitionKeyNotIn.length > 0) {
    f.add(`p.process_definition_key NOT IN (${c.processDefinitionKeyNotIn.map(() => '?').join(', ')})`, ...c.processDefinitionKeyNotIn);
  }
  if (c.processDefinitionName !== undefined) f.add('d.name = ?', c.processDefinitionName);
  if (c.processDefinitionNameLike !== undefined) f.like('d.name', c.processDefinitionNameLike);
  if (c.businessKey !== undefined) f.add('p.business_key = ?', c.businessKey);
  addIn('p.business_key', c.businessKeyIn);
  if (c.businessKeyLike !== undefined) f.like('p.business_key', c.businessKeyLike);
  if (c.finished) f.add('p.ended_at IS NOT NULL');
  if (c.unfinished) f.add('p.ended_at IS NULL');
  if (c.state !== undefined) {
    const column = STATE_COLUMN[c.state];
    if (column === null) f.add('1 = 0');
    else f.add('p.state = ?', column);
  }
  if (c.startedBefore !== undefined) f.add('p.started_at <= ?', c.startedBefore);
  if (c.startedAfter !== undefined) f.add('p.started_at >= ?', c.startedAfter);
  if (c.finishedBefore !== undefined) f.add('p.ended_at <= ?', c.finishedBefore);
  if (c.finishedAfter !== undefined) f.add('p.ended_at >= ?', c.finishedAfter);
  f.tenants('p.tenant_id', c.tenantIdIn, c.withoutTenantId, false);
  if (c.withIncidents) f.add('EXISTS (SELECT 1 FROM incident i WHERE i.process_instance_id = p.id)');
  if (c.activeActivityIdIn !== undefined && c.activeActivityIdIn.length > 0) {
    const ids = inList('h.element_id', c.activeActivityIdIn);
    f.add(`EXISTS (SELECT 1 FROM history_event h WHERE h.process_instance_id = p.id AND h.kind = 'element-activated' AND h.element_type <> 'process'
      AND ${ids.sql} AND NOT EXISTS (SELECT 1 FROM history_event x WHERE x.element_instance_id = h.element_instance_id
        AND x.kind IN ('element-completed', 'element-terminated')))`, ...ids.params);
  }
  if (c.executedActivityIdIn !== undefined && c.executedActivityIdIn.length > 0) {
    const ids = inList('h.element_id', c.executedActivityIdIn);
    f.add(`EXISTS (SELECT 1 FROM history_event h WHERE h.process_instance_id = p.id AND h.kind IN ('element-completed', 'element-terminated')
      AND h.element_type <> 'process' AND ${ids.sql})`, ...ids.params);
  }
  for (const exists of instanceVariableExists('p.id', c.variables, c.ignoreCase)) f.add(exists.sql, ...exists.params);
  const visible = tenantFilter('p.tenant_id');
  f.add(visible.sql, ...visible.params);
  return f;
}
