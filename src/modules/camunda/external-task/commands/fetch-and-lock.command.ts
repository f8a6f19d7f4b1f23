import { Injectable } from '@nestjs/common';

import { InstanceState, TypedValue, fromSnapshot } from '../../../../engine';
import { tenantFilterFor } from '../../../../infrastructure/auth/request-context';
import { Database, Sql } from '../../../../infrastructure/persistence/database';
import { fromColumns } from '../../../../infrastructure/persistence/mappers/variable-columns';
import { renderCamundaVariables } from '../../common/camunda-variables';
import { scopeChain } from '../../runtime/queries/executions';
import { SqlFragment, variablePredicate } from '../../runtime/queries/variable-conditions';
import { ExternalTaskRow, toExternalTaskRow } from '../external-task-row';
import { FetchRequest, FetchTopic } from '../fetch-request';

/** A task this attempt locked, with the variables its topic asked for (serialized form). */
export interface LockedTask {
  readonly task: ExternalTaskRow;
  readonly topic: FetchTopic;
  readonly variables: Record<string, unknown>;
}

/**
 * One fetch-and-lock attempt (FetchExternalTasksCmd) in one short transaction: select up to maxTasks
 * fetchable tasks of the requested topics (each topic's filters AND-ed, topics OR-ed; not locked or lock
 * expired; retries left), lock them for the worker with their topic's lock duration, and read the
 * variables each topic asked for. On PostgreSQL the selection takes row locks with SKIP LOCKED, so
 * concurrent attempts never hand out the same task and never wait for each other; SQLite serialises
 * transactions anyway.
 */
@Injectable()
export class FetchAndLockCommand {
  constructor(private readonly db: Database) {}

  async execute(request: FetchRequest): Promise<LockedTask[]> {
    if (request.topics.length === 0 || request.maxTasks === 0) return [];
    return this.db.transaction(async (tx) => {
      const now = Date.now();
      const selection = selectFetchable(request, now, tx.dialect);
      const rows = (await tx.query(selection.sql, selection.params)).map(toExternalTaskRow);
      if (rows.length === 0) return [];
      const topics = new Map(request.topics.map((t) => [t.topicName, t]));
      const byExpiry = new Map<number, string[]>();
      for (const row of rows) {
        const expiry = now + topics.get(row.topicName)!.lockDuration;
        byExpiry.set(expiry, [...(byExpiry.get(expiry) ?? []), row.id]);
      }
      for (const [expiry, ids] of byExpiry) {
        await tx.execute(`UPDATE external_task SET worker_id = ?, lock_expiration_time = ? WHERE id IN (${ids.map(() => '?').join(', ')})`, [
          request.workerId,
          expiry,
          ...ids,
        ]);
      }
      const locked = rows.map((row) => ({
        task: { ...row, workerId: request.workerId, lockExpirationTime: now + topics.get(row.topicName)!.lockDuration },
        topic: topics.get(row.topicName)!,
      }));
      const variables = await taskVariables(tx, locked);
      return locked.map((l) => ({ ...l, variables: variables.get(l.task.id) ?? {} }));
    });
  }

  /** The topic names that have a fetchable task right now: a cheap check before retrying parked requests. */
  async fetchableTopics(): Promise<Set<string>> {
    const now = Date.now();
    const rows = await this.db.read((sql) =>
      sql.query<{ topic_name: string }>(
        `SELECT DISTINCT topic_name FROM external_task
         WHERE (lock_expiration_time IS NULL OR lock_expiration_time <= ?) AND (retries IS NULL OR retries > 0)`,
        [now],
      ),
    );
    return new Set(rows.map((r) => r.topic_name));
  }
}

/** The selection query of FetchExternalTasksCmd (ExternalTask.xml#selectExternalTasksForTopics). */
function selectFetchable(request: FetchRequest, now: number, dialect: Sql['dialect']): SqlFragment {
  const visible = tenantFilterFor('t.tenant_id', request.visibleTenants);
  const params: unknown[] = [now, ...visible.params];
  const topicClauses = request.topics.map((topic) => {
    const clause = topicClause(topic);
    params.push(...clause.params);
    return `(${clause.sql})`;
  });
  const order = [
    ...(request.usePriority ? ['t.priority DESC'] : []),
    ...request.sorting.map((s) => `t.${s.column} ${s.direction}`),
    't.created_at ASC',
    't.id ASC',
  ];
  params.push(request.maxTasks);
  return {
    sql:
      `SELECT t.* FROM external_task t
       WHERE (t.lock_expiration_time IS NULL OR t.lock_expiration_time <= ?)
         AND (t.retries IS NULL OR t.retries > 0)
         AND ${visible.sql}
         AND (${topicClauses.join(' OR ')})
       ORDER BY ${order.join(', ')}
       LIMIT ?` + (dialect === 'postgres' ? ' FOR UPDATE OF t SKIP LOCKED' : ''),
    params,
  };
}

function topicClause(topic: FetchTopic): SqlFragment {
  const clauses: string[] = ['t.topic_name = ?'];
  const params: unknown[] = [topic.topicName];
  const add = (sql: string, ...values: unknown[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  const inList = (column: string, values: readonly string[]) => add(`${column} IN (${values.map(() => '?').join(', ')})`, ...values);
  // Camunda tests the business key with OGNL truthiness: an empty string is no filter.
  if (topic.businessKey) add('t.business_key = ?', topic.businessKey);
  if (topic.processDefinitionId !== null) add('t.process_definition_id = ?', topic.processDefinitionId);
  if (topic.processDefinitionIdIn && topic.processDefinitionIdIn.length > 0) inList('t.process_definition_id', topic.processDefinitionIdIn);
  if (topic.processDefinitionKey !== null) add('t.process_definition_key = ?', topic.processDefinitionKey);
  if (topic.processDefinitionKeyIn && topic.processDefinitionKeyIn.length > 0) inList('t.process_definition_key', topic.processDefinitionKeyIn);
  // withoutTenantId, then tenantIdIn (which replaces it when given): '' is "no tenant" here.
  if (topic.tenantIdIn !== null) {
    if (topic.tenantIdIn.length > 0) inList('t.tenant_id', topic.tenantIdIn);
  } else if (topic.withoutTenantId) {
    add("t.tenant_id = ''");
  }
  const criteria = Object.entries(topic.processVariables ?? {});
  if (criteria.length > 0) {
    const alternatives = criteria.map(([name, value]) => processVariableEquals(name, value));
    add(
      `EXISTS (SELECT 1 FROM variable pv WHERE pv.process_instance_id = t.process_instance_id AND pv.scope_id = t.process_instance_id
         AND (${alternatives.map((a) => `(${a.sql})`).join(' OR ')}))`,
      ...alternatives.flatMap((a) => a.params),
    );
  }
  if (topic.processDefinitionVersionTag !== null) add("t.process_definition_version_tag LIKE ? ESCAPE '\\'", topic.processDefinitionVersionTag);
  return { sql: clauses.join(' AND '), params };
}

/**
 * processInstanceVariableEquals with a plain JSON value, as Camunda types it: a string matches String
 * variables (never a Date), a number any numeric type of equal value, a boolean Boolean variables, null any
 * variable holding null; an object or array cannot be queried (500 ProcessEngineException).
 */
function processVariableEquals(name: string, value: unknown): SqlFragment {
  if (typeof value === 'string') return { sql: "pv.name = ? AND pv.type = 'String' AND pv.text_value = ?", params: [name, value] };
  return variablePredicate('pv', { name, operator: 'eq', value }, { names: false, values: false });
}

/**
 * The variables each locked task's topic asked for: those visible from the task's execution (inner scopes
 * shadowing outer ones), or only the execution's own with localVariables, restricted to the listed names.
 */
async function taskVariables(sql: Sql, locked: readonly { task: ExternalTaskRow; topic: FetchTopic }[]): Promise<Map<string, Record<string, unknown>>> {
  const instanceIds = [...new Set(locked.map((l) => l.task.processInstanceId))];
  const marks = instanceIds.map(() => '?').join(', ');
  const states = new Map<string, InstanceState>();
  for (const row of await sql.query<{ id: string; snapshot: string }>(`SELECT id, snapshot FROM process_instance WHERE id IN (${marks})`, instanceIds)) {
    states.set(row.id, fromSnapshot(row.snapshot));
  }
  const scoped = new Map<string, { name: string; value: TypedValue }[]>();
  const rows = await sql.query<{ scope_id: string; name: string } & Parameters<typeof fromColumns>[0]>(
    `SELECT scope_id, name, type, text_value, long_value, double_value, value_info FROM variable WHERE process_instance_id IN (${marks}) ORDER BY name`,
    instanceIds,
  );
  for (const row of rows) scoped.set(row.scope_id, [...(scoped.get(row.scope_id) ?? []), { name: row.name, value: fromColumns(row) }]);

  const result = new Map<string, Record<string, unknown>>();
  for (const { task, topic } of locked) {
    const state = states.get(task.processInstanceId);
    const chain = topic.localVariables || !state ? [task.executionId] : scopeChain(state, task.executionId);
    const wanted = topic.variables === null ? null : new Set(topic.variables);
    const values: Record<string, TypedValue> = {};
    for (const scope of chain) {
      for (const v of scoped.get(scope) ?? []) {
        // defineProperty, not assignment: a variable may be called __proto__.
        if (wanted === null || wanted.has(v.name)) Object.defineProperty(values, v.name, { value: v.value, enumerable: true, writable: true, configurable: true });
      }
    }
    result.set(task.id, renderCamundaVariables(values));
  }
  return result;
}
