import { Injectable } from '@nestjs/common';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { readVariables } from '../../common/variables/native-variables';
import { tenantFilter } from '../../infrastructure/auth/request-context';
import { Database, Row } from '../../infrastructure/persistence/database';
import { iso } from '../correlations/instance-views';
import { CompleteTaskCommand, TaskNotFound } from './commands/complete-task.command';
import { CompleteTaskDto, TaskDto, TaskPageDto, TaskQueryDto } from './dto/task.dto';

const FILTERS: readonly [keyof TaskQueryDto, string][] = [
  ['processInstanceId', 'process_instance_id'],
  ['correlationId', 'correlation_id'],
  ['processModelKey', 'process_definition_key'],
  ['elementId', 'element_id'],
  ['tenantId', 'tenant_id'],
];

@Injectable()
export class TasksService {
  constructor(
    private readonly db: Database,
    private readonly completeCommand: CompleteTaskCommand,
  ) {}

  async list(query: TaskQueryDto): Promise<TaskPageDto> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    for (const [field, column] of FILTERS) {
      if (query[field] === undefined) continue;
      conditions.push(`${column} = ?`);
      params.push(query[field]);
    }
    const visible = tenantFilter('tenant_id');
    conditions.push(visible.sql);
    params.push(...visible.params);
    const where = `WHERE ${conditions.join(' AND ')}`;
    return this.db.read(async (sql) => {
      const [{ total }] = await sql.query<{ total: number }>(`SELECT COUNT(*) AS total FROM user_task ${where}`, params);
      const rows = await sql.query(`SELECT * FROM user_task ${where} ORDER BY created_at, id LIMIT ? OFFSET ?`, [
        ...params, query.limit ?? 50, query.offset ?? 0,
      ]);
      return { total: Number(total), items: rows.map(toTaskDto) };
    });
  }

  async get(id: string): Promise<TaskDto> {
    const visible = tenantFilter('tenant_id');
    const [row] = await this.db.read((sql) => sql.query(`SELECT * FROM user_task WHERE id = ? AND ${visible.sql}`, [id, ...visible.params]));
    if (!row) throw new ApiError(ErrorCode.TASK_NOT_FOUND, `No open task with id ${id}`);
    return toTaskDto(row);
  }

  async complete(id: string, body: CompleteTaskDto): Promise<void> {
    const variables = readVariables(body);
    try {
      await this.completeCommand.execute(id, variables);
    } catch (error) {
      if (error instanceof TaskNotFound) throw new ApiError(ErrorCode.TASK_NOT_FOUND, `No open task with id ${id}`);
      throw error;
    }
  }
}

export function toTaskDto(row: Row): TaskDto {
  return {
    id: String(row.id),
    elementId: String(row.element_id),
    name: (row.name as string | null) ?? null,
    processInstanceId: String(row.process_instance_id),
    correlationId: String(row.correlation_id),
    processModelKey: String(row.process_definition_key),
    businessKey: (row.business_key as string | null) ?? null,
    tenantId: row.tenant_id ? String(row.tenant_id) : null,
    assignee: (row.assignee as string | null) ?? null,
    candidateGroups: (row.candidate_groups as string | null) ?? null,
    candidateUsers: (row.candidate_users as string | null) ?? null,
    formKey: (row.form_key as string | null) ?? null,
    priority: Number(row.priority),
    createdAt: iso(Number(row.created_at)),
  };
}
