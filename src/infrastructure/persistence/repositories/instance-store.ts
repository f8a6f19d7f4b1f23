import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';

import {
  InstanceState,
  ProcessModel,
  RunContext,
  SubscriptionRecord,
  TaskCreated,
  VariableRecord,
  fromSnapshot,
  toSnapshot,
} from '../../../engine';
import { Row, Sql, Tx } from '../database';
import { fromColumns, toColumns } from '../mappers/variable-columns';
import { DefinitionRepository, DefinitionRow } from './definition.repository';
import { ExternalTaskSignal } from './external-task-signal';
import { HistoryWriter } from './history-writer';
import { TaskVariableRepository } from './task-variable.repository';

export interface InstanceRow {
  readonly id: string;
  readonly processDefinitionId: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionVersion: number;
  readonly tenantId: string | null;
  readonly businessKey: string | null;
  readonly correlationId: string;
  readonly state: string;
  readonly revision: number;
  readonly startedAt: number;
  readonly endedAt: number | null;
}

/** An instance loaded for a command: its row, model, execution state and variables. */
export interface LoadedInstance {
  readonly row: InstanceRow;
  readonly definition: DefinitionRow;
  readonly model: ProcessModel;
  readonly state: InstanceState;
  readonly variables: readonly VariableRecord[];
  readonly isNew: boolean;
}

export interface SaveResult {
  /** Set when the run left continuation work: the outbox row to hand to the continuation driver. */
  readonly outboxId?: string;
}

const INSTANCE_COLUMNS = `id, process_definition_id, process_definition_key, process_definition_version, tenant_id, business_key,
  correlation_id, state, revision, started_at, ended_at`;

/**
 * Loads instances for commands and writes back what a run changed, all inside the caller's transaction:
 * the execution snapshot, variable rows, subscription and task rows (the indexes correlation and task
 * lists read), incidents, and the outbox row when continuation work is left.
 */
@Injectable()
export class InstanceStore {
  constructor(
    private readonly definitions: DefinitionRepository,
    private readonly externalTasksCreated: ExternalTaskSignal,
    private readonly history: HistoryWriter,
    private readonly taskVariables: TaskVariableRepository,
  ) {}

  /** Loads and, on PostgreSQL, locks the instance row until the transaction ends. */
  async load(tx: Sql, id: string, options: { lock: boolean }): Promise<LoadedInstance | null> {
    const lock = options.lock && tx.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const [row] = await tx.query(`SELECT ${INSTANCE_COLUMNS}, snapshot FROM process_instance WHERE id = ?${lock}`, [id]);
    if (!row) return null;
    const definition = await this.definitions.byId(tx, String(row.process_definition_id));
    if (!definition) throw new Error(`Definition ${String(row.process_definition_id)} of instance ${id} is missing`);
    const variables = await this.variables(tx, id);
    return { row: toInstanceRow(row), definition: definition.row, model: definition.model, state: fromSnapshot(String(row.snapshot)), variables, isNew: false };
  }

  async variables(sql: Sql, processInstanceId: string): Promise<VariableRecord[]> {
    const rows = await sql.query<{ scope_id: string; name: string } & Parameters<typeof fromColumns>[0]>(
      'SELECT scope_id, name, type, text_value, long_value, double_value, value_info FROM variable WHERE process_instance_id = ?',
      [processInstanceId],
    );
    return rows.map((r) => ({ scopeId: r.scope_id, name: r.name, value: fromColumns(r) }));
  }

  /** A new instance, not yet stored; `save` inserts it. */
  fresh(row: InstanceRow, definition: DefinitionRow, model: ProcessModel, state: InstanceState): LoadedInstance {
    return { row, definition, model, state, variables: [], isNew: true };
  }

  async save(tx: Tx, loaded: LoadedInstance, ctx: RunContext, now: number): Promise<SaveResult> {
    const { row } = loaded;
    const state = ctx.state;
    const endedAt = state.status === 'running' ? null : now;
    if (loaded.isNew) {
      await tx.execute(
        `INSERT INTO process_instance (${INSTANCE_COLUMNS}, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          row.id, row.processDefinitionId, row.processDefinitionKey, row.processDefinitionVersion, row.tenantId ?? '',
          row.businessKey, row.correlationId, state.status, 0, row.startedAt, endedAt, toSnapshot(state),
        ],
      );
    } else {
      await tx.execute('UPDATE process_instance SET snapshot = ?, state = ?, revision = revision + 1, ended_at = ? WHERE id = ?', [
        toSnapshot(state), state.status, endedAt, row.id,
      ]);
    }
    await this.saveVariables(tx, row.id, ctx, now);
    await this.saveSubscriptions(tx, loaded, ctx);
    await this.saveTasks(tx, loaded, ctx);
    await this.saveIncidents(tx, loaded, ctx, now);
    await this.history.record(tx, { ...row, state: state.status }, ctx, now);
    if (state.agenda.length === 0) return {};
    return { outboxId: await this.enqueue(tx, row.id, now) };
  }

  /** Records continuation work for an instance; at most one pending row per instance. */
  async enqueue(tx: Sql, processInstanceId: string, now: number): Promise<string> {
    // The no-op update makes RETURNING give the row that is already there: one round trip either way.
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO continuation_outbox (id, process_instance_id, status, attempts, created_at, available_at)
       VALUES (?, ?, 'pending', 0, ?, ?)
       ON CONFLICT (process_instance_id) DO UPDATE SET process_instance_id = excluded.process_instance_id RETURNING id`,
      [randomUUID(), processInstanceId, now, now],
    );
    return row.id;
  }

  private async saveVariables(tx: Tx, processInstanceId: string, ctx: RunContext, now: number): Promise<void> {
    for (const change of ctx.vars.changes()) {
      if (change.value === null) {
        await tx.execute('DELETE FROM variable WHERE scope_id = ? AND name = ?', [change.scopeId, change.name]);
        continue;
      }
      const c = toColumns(change.value);
      await tx.execute(
        `INSERT INTO variable (id, process_instance_id, scope_id, name, type, text_value, text_key, long_value, double_value, value_info, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (scope_id, name) DO UPDATE SET type = excluded.type, text_value = excluded.text_value, text_key = excluded.text_key,
           long_value = excluded.long_value, double_value = excluded.double_value, value_info = excluded.value_info, updated_at = excluded.updated_at`,
        [randomUUID(), processInstanceId, change.scopeId, change.name, c.type, c.textValue, c.textKey, c.longValue, c.doubleValue, c.valueInfo, now],
      );
    }
  }

  private async saveSubscriptions(tx: Tx, loaded: LoadedInstance, ctx: RunContext): Promise<void> {
    const { opened, closed } = ctx.effects.netSubscriptions();
    if (closed.length > 0) {
      await tx.execute(`DELETE FROM event_subscription WHERE id IN (${closed.map(() => '?').join(', ')})`, closed.map((s) => s.id));
    }
    for (const sub of opened) await this.insertSubscription(tx, loaded, ctx, sub);
  }

  /**
   * Camunda clients see the (sub)process scope around a waiting token as the execution holding its
   * subscription. Camunda itself gives concurrent branches and activities with boundary events executions
   * of their own; this engine does not (documented in the OpenAPI description of POST /message).
   */
  private async insertSubscription(tx: Tx, loaded: LoadedInstance, ctx: RunContext, sub: SubscriptionRecord): Promise<void> {
    const { row } = loaded;
    await tx.execute(
      `INSERT INTO event_subscription (id, event_type, event_name, kind, interrupting, tenant_id, process_definition_id,
         process_definition_key, process_instance_id, execution_id, scope_id, activity_id, business_key, correlation_id, created_at)
       VALUES (?, 'message', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        sub.id, sub.messageName, sub.kind, sub.interrupting, row.tenantId ?? '', row.processDefinitionId, row.processDefinitionKey,
        row.id, ctx.scopeOf(sub.ownerId), ctx.scopeOf(sub.ownerId), sub.elementId, row.businessKey, row.correlationId, Date.parse(sub.createdAt),
      ],
    );
  }

  private async saveTasks(tx: Tx, loaded: LoadedInstance, ctx: RunContext): Promise<void> {
    const { created, removed } = ctx.effects.netTasks();
    for (const [kind, table] of [['user', 'user_task'], ['external', 'external_task']] as const) {
      const gone = removed.filter((t) => t.kind === kind);
      if (gone.length === 0) continue;
      const ids = gone.map(() => '?').join(', ');
      await tx.execute(`DELETE FROM ${table} WHERE id IN (${ids})`, gone.map((t) => t.id));
      if (kind === 'user') await this.taskVariables.deleteForTasks(tx, gone.map((t) => t.id));
      // An external task whose retries ran out holds an incident; it goes with the task, however the task ended.
      if (kind === 'external') await tx.execute(`DELETE FROM incident WHERE incident_type = 'failedExternalTask' AND execution_id IN (${ids})`, gone.map((t) => t.id));
    }
    for (const task of created) {
      if (task.kind === 'user') await this.insertUserTask(tx, loaded, task);
      else await this.insertExternalTask(tx, loaded, ctx, task);
    }
    if (created.some((t) => t.kind === 'external')) tx.afterCommit(() => this.externalTasksCreated.emit());
  }

  private async insertExternalTask(tx: Tx, loaded: LoadedInstance, ctx: RunContext, task: TaskCreated): Promise<void> {
    const { row } = loaded;
    const spec = task.externalTask!;
    const priority = spec.priority && /^-?\d+$/.test(spec.priority) ? Number(spec.priority) : 0;
    await tx.execute(
      `INSERT INTO external_task (id, process_instance_id, execution_id, element_instance_id, activity_id, topic_name, priority, tenant_id,
         business_key, process_definition_id, process_definition_key, process_definition_version_tag, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        task.id, row.id, ctx.scopeOf(task.elementInstanceId), task.elementInstanceId, task.elementId, spec.topic, priority, row.tenantId ?? '',
        row.businessKey, row.processDefinitionId, row.processDefinitionKey, loaded.definition.versionTag, Date.parse(task.createdAt),
      ],
    );
  }

  private async insertUserTask(tx: Tx, loaded: LoadedInstance, task: TaskCreated): Promise<void> {
    const { row } = loaded;
    const spec = task.userTask ?? {};
    const priority = spec.priority && /^\d+$/.test(spec.priority) ? Number(spec.priority) : 50;
    await tx.execute(
      `INSERT INTO user_task (id, process_instance_id, execution_id, element_id, name, assignee, candidate_users, candidate_groups,
         form_key, priority, tenant_id, correlation_id, business_key, process_definition_id, process_definition_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        task.id, row.id, task.elementInstanceId, task.elementId, task.name ?? null, spec.assignee ?? null, spec.candidateUsers ?? null,
        spec.candidateGroups ?? null, spec.formKey ?? null, priority, row.tenantId ?? '', row.correlationId, row.businessKey,
        row.processDefinitionId, row.processDefinitionKey, Date.parse(task.createdAt),
      ],
    );
  }

  private async saveIncidents(tx: Tx, loaded: LoadedInstance, ctx: RunContext, now: number): Promise<void> {
    const resolved = ctx.effects.incidentsResolved;
    if (resolved.length > 0) {
      await tx.execute(`DELETE FROM incident WHERE id IN (${resolved.map(() => '?').join(', ')})`, resolved);
    }
    for (const incident of ctx.effects.incidents) {
      if (resolved.includes(incident.id)) continue;
      await tx.execute(
        `INSERT INTO incident (id, process_instance_id, process_definition_id, incident_type, activity_id, execution_id, message, tenant_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          incident.id, loaded.row.id, loaded.row.processDefinitionId, incident.failure.kind, incident.elementId || null,
          incident.elementInstanceId ?? null, incident.failure.message, loaded.row.tenantId ?? '', now,
        ],
      );
    }
  }
}

export function toInstanceRow(row: Row): InstanceRow {
  return {
    id: String(row.id),
    processDefinitionId: String(row.process_definition_id),
    processDefinitionKey: String(row.process_definition_key),
    processDefinitionVersion: Number(row.process_definition_version),
    tenantId: row.tenant_id ? String(row.tenant_id) : null,
    businessKey: (row.business_key as string | null) ?? null,
    correlationId: String(row.correlation_id),
    state: String(row.state),
    revision: Number(row.revision),
    startedAt: Number(row.started_at),
    endedAt: row.ended_at === null || row.ended_at === undefined ? null : Number(row.ended_at),
  };
}
