import { Injectable, Logger } from '@nestjs/common';

import { InstanceState, formatCamundaDate, fromSnapshot } from '../../../../engine';
import { tenantFilter } from '../../../../infrastructure/auth/request-context';
import { Database, Row, Sql } from '../../../../infrastructure/persistence/database';
import { InstanceReader } from '../../../../infrastructure/persistence/read/instance-reader';
import { ContinuationService } from '../../../../infrastructure/queue/continuation.service';
import { CompleteTaskCommand, TaskNotFound } from '../../../tasks/commands/complete-task.command';
import { CamundaCountDto } from '../../common/camunda-dto';
import { invalidRequest, restException } from '../../common/camunda-errors';
import { CamundaPage, pageSql } from '../../common/camunda-query';
import { renderCamundaVariables } from '../../common/camunda-variables';
import { CamundaTaskDto } from '../dto/runtime-views.dto';
import { CamundaCompleteTaskDto } from '../dto/variables.dto';
import { executionOf } from '../queries/executions';
import { orderBySql } from '../queries/sorting';
import { TaskFilter } from '../queries/task-query';
import { convertInput } from '../variables/variable-input';

const FROM = 'FROM user_task t JOIN process_instance p ON p.id = t.process_instance_id';

/** Camunda's user task resource over the open tasks of running instances. */
@Injectable()
export class CamundaTaskService {
  private readonly logger = new Logger('CamundaTask');

  constructor(
    private readonly db: Database,
    private readonly completeCommand: CompleteTaskCommand,
    private readonly continuation: ContinuationService,
    private readonly reader: InstanceReader,
  ) {}

  list(filter: TaskFilter, page: CamundaPage): Promise<CamundaTaskDto[]> {
    return this.db.read(async (sql) => {
      const rows = await sql.query(
        `SELECT t.* ${FROM} WHERE ${filter.where.sql} ORDER BY ${orderBySql(filter.sorts, 't.id')}${pageSql(page, sql.dialect)}`,
        filter.where.params,
      );
      return this.taskDtos(sql, rows);
    });
  }

  count(filter: TaskFilter): Promise<CamundaCountDto> {
    return this.db.read(async (sql) => {
      const [row] = await sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n ${FROM} WHERE ${filter.where.sql}`, filter.where.params);
      return { count: Number(row.n) };
    });
  }

  async get(id: string): Promise<CamundaTaskDto> {
    const visible = tenantFilter('t.tenant_id');
    const [task] = await this.db.read(async (sql) =>
      this.taskDtos(sql, await sql.query(`SELECT t.* ${FROM} WHERE t.id = ? AND p.state = 'running' AND ${visible.sql}`, [id, ...visible.params])),
    );
    if (!task) throw invalidRequest(`No matching task with id ${id}`, 404);
    return task;
  }

  /**
   * Completes the task and answers after the continuation reached the next wait states, as Camunda runs
   * it synchronously. With withVariablesInReturn, the process variables as they are then (§4.6).
   */
  async complete(id: string, body: CamundaCompleteTaskDto): Promise<Record<string, unknown> | undefined> {
    const prefix = `Cannot complete task ${id}: `;
    const variables = convertInput(body?.variables, prefix, prefix) ?? {};
    let processInstanceId: string;
    try {
      processInstanceId = (await this.completeCommand.execute(id, variables)).id;
    } catch (error) {
      // Camunda answers an unknown task with the engine's NullValueException wrapped in a 500, not a 404.
      if (error instanceof TaskNotFound) throw restException(500, `${prefix}Cannot find task with id ${id}: task is null`);
      throw error;
    }
    if (!(await this.continuation.waitForSettled([processInstanceId]))) {
      this.logger.warn(`Task completion answered before the continuation of ${processInstanceId} settled (timeout)`);
    }
    if (!body?.withVariablesInReturn) return undefined;
    const values = await this.db.read((sql) => this.reader.variables(sql, [processInstanceId]));
    return renderCamundaVariables(values.get(processInstanceId) ?? {});
  }

  /** A task's execution is the (sub)process scope its element instance lives in, read from the instance trees. */
  private async taskDtos(sql: Sql, rows: Row[]): Promise<CamundaTaskDto[]> {
    const instanceIds = [...new Set(rows.map((r) => String(r.process_instance_id)))];
    const states = new Map<string, InstanceState>();
    if (instanceIds.length > 0) {
      const snapshots = await sql.query<{ id: string; snapshot: string }>(
        `SELECT id, snapshot FROM process_instance WHERE id IN (${instanceIds.map(() => '?').join(', ')})`,
        instanceIds,
      );
      for (const s of snapshots) states.set(s.id, fromSnapshot(s.snapshot));
    }
    return rows.map((row) => {
      const state = states.get(String(row.process_instance_id));
      return taskDto(row, state ? executionOf(state, String(row.execution_id)) : String(row.process_instance_id));
    });
  }
}

function taskDto(row: Row, executionId: string): CamundaTaskDto {
  const nullable = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(row.id),
    name: nullable(row.name),
    assignee: nullable(row.assignee),
    created: formatCamundaDate(Number(row.created_at)),
    due: null,
    followUp: null,
    lastUpdated: null,
    delegationState: null,
    description: null,
    executionId,
    owner: null,
    parentTaskId: null,
    priority: Number(row.priority),
    processDefinitionId: String(row.process_definition_id),
    processInstanceId: String(row.process_instance_id),
    taskDefinitionKey: String(row.element_id),
    caseExecutionId: null,
    caseInstanceId: null,
    caseDefinitionId: null,
    suspended: false,
    formKey: nullable(row.form_key),
    camundaFormRef: null,
    tenantId: row.tenant_id ? String(row.tenant_id) : null,
    taskState: 'Created',
  };
}
