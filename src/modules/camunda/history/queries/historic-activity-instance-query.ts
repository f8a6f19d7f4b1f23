import { FlowNodeModel } from '../../../../engine';
import { engineException } from '../../common/camunda-errors';
import { CamundaSort, readSort } from '../../common/camunda-query';
import { bool, date, list, text } from '../../repository/query-params';
import { activityAssignee, camundaActivityType, endsScope } from './activity-types';

type Query = Record<string, unknown>;

/**
 * Activity instances are the element instances of the history: the first `element-activated` row of each
 * element instance (`a`, the process instance's own row excluded), with its `element-completed` or
 * `element-terminated` row (`e`) once it ended, in its process instance (`p`).
 */
export const ACTIVITY_INSTANCE_FROM = `FROM history_event a
  JOIN process_instance p ON p.id = a.process_instance_id
  LEFT JOIN history_event e ON e.element_instance_id = a.element_instance_id AND e.kind IN ('element-completed', 'element-terminated')
    AND NOT EXISTS (SELECT 1 FROM history_event e2 WHERE e2.element_instance_id = e.element_instance_id
      AND e2.kind IN ('element-completed', 'element-terminated') AND e2.id < e.id)`;

export const ACTIVITY_INSTANCE_BASE = `a.kind = 'element-activated' AND a.element_type <> 'process'
  AND NOT EXISTS (SELECT 1 FROM history_event a2 WHERE a2.element_instance_id = a.element_instance_id AND a2.kind = 'element-activated' AND a2.id < a.id)`;

/** Camunda's executionId: a (sub)process scope is its own execution; any other activity runs in the scope around it. */
export const EXECUTION_ID_SQL = "CASE WHEN a.element_type IN ('subProcess', 'eventSubProcess') THEN a.element_instance_id ELSE a.parent_instance_id END";

export const ACTIVITY_INSTANCE_COLUMNS = `a.id AS seq, a.element_instance_id, a.element_id, a.element_type, a.parent_instance_id, a.at AS started_at,
  e.kind AS end_kind, e.at AS ended_at, ${EXECUTION_ID_SQL} AS execution_id, p.id AS process_instance_id, p.process_definition_id,
  p.process_definition_key, p.tenant_id, p.ended_at AS instance_ended_at,
  CASE WHEN a.element_type = 'userTask' THEN (SELECT t.detail FROM history_event t WHERE t.element_instance_id = a.element_instance_id
    AND t.kind = 'task-created' ORDER BY t.id DESC LIMIT 1) END AS task_detail`;

/** Sort keys that depend on the deployed model rather than on a column: sorted in memory. */
export const BY_ACTIVITY_NAME = '@activityName';
export const BY_ACTIVITY_TYPE = '@activityType';

/** sortBy values of GET /history/activity-instance and what they sort by. */
export const HISTORIC_ACTIVITY_INSTANCE_SORTS = {
  activityInstanceId: 'a.element_instance_id',
  instanceId: 'a.process_instance_id',
  executionId: EXECUTION_ID_SQL,
  activityId: 'a.element_id',
  activityName: BY_ACTIVITY_NAME,
  activityType: BY_ACTIVITY_TYPE,
  startTime: 'a.at',
  endTime: 'e.at',
  duration: '(e.at - a.at)',
  definitionId: 'p.process_definition_id',
  occurrence: 'a.id',
  tenantId: 'p.tenant_id',
} as const;

export const NULLABLE_ACTIVITY_INSTANCE_SORTS: ReadonlySet<string> = new Set(['e.at', '(e.at - a.at)']);

/** The order of occurrence: the tie-breaker of every sort, and the order without one. */
export const OCCURRENCE = 'a.id';

/** The criteria of Camunda's HistoricActivityInstanceQueryDto, read and validated from a query string. */
export interface HistoricActivityInstanceCriteria {
  readonly activityInstanceId?: string;
  readonly processInstanceId?: string;
  readonly processDefinitionId?: string;
  readonly executionId?: string;
  readonly activityId?: string;
  readonly finished: boolean;
  readonly unfinished: boolean;
  readonly state?: 'completeScope' | 'canceled';
  readonly startedBefore?: number;
  readonly startedAfter?: number;
  readonly finishedBefore?: number;
  readonly finishedAfter?: number;
  readonly tenantIdIn?: readonly string[];
  readonly withoutTenantId: boolean;
  /** Criteria on what the deployed model says about an element (name, Camunda type, assignee, whether it ends its scope). */
  readonly element: ElementCriteria;
  readonly sort: CamundaSort | null;
}

export interface ElementCriteria {
  readonly activityName?: string;
  readonly activityType?: string;
  readonly taskAssignee?: string;
  readonly completeScope: boolean;
}

export function historicActivityInstanceCriteria(q: Query): HistoricActivityInstanceCriteria {
  // HistoricActivityInstanceQueryImpl holds one activity instance state; completeScope is applied first.
  const completeScope = bool(q, 'completeScope') === true;
  const canceled = bool(q, 'canceled') === true;
  if (completeScope && canceled) throw engineException(500, 'ProcessEngineException', 'Already querying for activity instance state <scopeComplete>');
  return {
    activityInstanceId: text(q, 'activityInstanceId'),
    processInstanceId: text(q, 'processInstanceId'),
    processDefinitionId: text(q, 'processDefinitionId'),
    executionId: text(q, 'executionId'),
    activityId: text(q, 'activityId'),
    finished: bool(q, 'finished') === true,
    unfinished: bool(q, 'unfinished') === true,
    state: completeScope ? 'completeScope' : canceled ? 'canceled' : undefined,
    startedBefore: date(q, 'startedBefore'),
    startedAfter: date(q, 'startedAfter'),
    finishedBefore: date(q, 'finishedBefore'),
    finishedAfter: date(q, 'finishedAfter'),
    tenantIdIn: list(q, 'tenantIdIn'),
    withoutTenantId: bool(q, 'withoutTenantId') === true,
    element: {
      activityName: text(q, 'activityName'),
      activityType: text(q, 'activityType'),
      taskAssignee: text(q, 'taskAssignee'),
      completeScope,
    },
    sort: readSort(q, HISTORIC_ACTIVITY_INSTANCE_SORTS),
  };
}

/** The element test for the model-based criteria, or null when there are none. */
export function elementPredicate(c: ElementCriteria): ((node: FlowNodeModel) => boolean) | null {
  const tests: ((node: FlowNodeModel) => boolean)[] = [];
  if (c.activityName !== undefined) tests.push((node) => node.name === c.activityName);
  if (c.activityType !== undefined) tests.push((node) => camundaActivityType(node, node.type) === c.activityType);
  if (c.taskAssignee !== undefined) tests.push((node) => activityAssignee(node) === c.taskAssignee);
  if (c.completeScope) tests.push(endsScope);
  if (tests.length === 0) return null;
  return (node) => node.type !== 'process' && tests.every((test) => test(node));
}
