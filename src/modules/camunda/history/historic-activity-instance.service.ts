import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/configuration';
import { FlowNodeModel, ProcessModel } from '../../../engine';
import { tenantFilter } from '../../../infrastructure/auth/request-context';
import { Row, Sql, Database } from '../../../infrastructure/persistence/database';
import { DefinitionRepository } from '../../../infrastructure/persistence/repositories/definition.repository';
import { CamundaCountDto, camundaDate } from '../common/camunda-dto';
import { invalidRequest } from '../common/camunda-errors';
import { CamundaPage, CamundaSort, pageSql } from '../common/camunda-query';
import { SqlFilter } from '../repository/query-params';
import { CamundaHistoricActivityInstanceDto } from './dto/historic-activity-instance.dto';
import { activityAssignee, camundaActivityType, endsScope } from './queries/activity-types';
import {
  ACTIVITY_INSTANCE_BASE,
  ACTIVITY_INSTANCE_COLUMNS,
  ACTIVITY_INSTANCE_FROM,
  BY_ACTIVITY_NAME,
  BY_ACTIVITY_TYPE,
  EXECUTION_ID_SQL,
  HistoricActivityInstanceCriteria,
  NULLABLE_ACTIVITY_INSTANCE_SORTS,
  OCCURRENCE,
  elementPredicate,
} from './queries/historic-activity-instance-query';
import { epoch, nullableText, orderBy } from './queries/history-sql';

type Models = ReadonlyMap<string, ProcessModel>;

/**
 * Camunda's historic activity instances, derived from the element lifecycle rows of the history. What
 * only the deployed model knows (the element's name, its Camunda activity type, the assignee, whether it
 * ends its scope) comes from the definition; criteria on it become the matching element ids per
 * definition, so filtering and paging stay in SQL. Sorting by name or type happens in memory.
 */
@Injectable()
export class HistoricActivityInstanceService {
  constructor(
    private readonly db: Database,
    private readonly definitions: DefinitionRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(criteria: HistoricActivityInstanceCriteria, page: CamundaPage): Promise<CamundaHistoricActivityInstanceDto[]> {
    return this.db.read(async (sql) => {
      const where = await this.where(sql, criteria);
      const sort = criteria.sort;
      if (sort && (sort.column === BY_ACTIVITY_NAME || sort.column === BY_ACTIVITY_TYPE)) {
        const rows = await sql.query(`SELECT ${ACTIVITY_INSTANCE_COLUMNS} ${ACTIVITY_INSTANCE_FROM}${where.where} ORDER BY ${OCCURRENCE} ASC`, where.params);
        const all = await this.toDtos(sql, rows);
        const end = page.maxResults === null ? undefined : page.firstResult + page.maxResults;
        return sortInMemory(all, sort).slice(page.firstResult, end);
      }
      const order = orderBy(sort, NULLABLE_ACTIVITY_INSTANCE_SORTS, OCCURRENCE);
      const rows = await sql.query(
        `SELECT ${ACTIVITY_INSTANCE_COLUMNS} ${ACTIVITY_INSTANCE_FROM}${where.where} ORDER BY ${order}${pageSql(page, sql.dialect)}`,
        where.params,
      );
      return this.toDtos(sql, rows);
    });
  }

  count(criteria: HistoricActivityInstanceCriteria): Promise<CamundaCountDto> {
    return this.db.read(async (sql) => {
      const where = await this.where(sql, criteria);
      const [row] = await sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n ${ACTIVITY_INSTANCE_FROM}${where.where}`, where.params);
      return { count: Number(row.n) };
    });
  }

  async get(id: string): Promise<CamundaHistoricActivityInstanceDto> {
    const found = await this.db.read(async (sql) => {
      const visible = tenantFilter('p.tenant_id');
      const rows = await sql.query(
        `SELECT ${ACTIVITY_INSTANCE_COLUMNS} ${ACTIVITY_INSTANCE_FROM} WHERE ${ACTIVITY_INSTANCE_BASE} AND a.element_instance_id = ? AND ${visible.sql}`,
        [id, ...visible.params],
      );
      return this.toDtos(sql, rows);
    });
    if (found.length === 0) throw invalidRequest(`Historic activity instance with id ${id} does not exist`, 404);
    return found[0];
  }

  private async where(sql: Sql, c: HistoricActivityInstanceCriteria): Promise<SqlFilter> {
    const f = new SqlFilter(sql.dialect);
    f.add(ACTIVITY_INSTANCE_BASE);
    if (c.activityInstanceId !== undefined) f.add('a.element_instance_id = ?', c.activityInstanceId);
    if (c.processInstanceId !== undefined) f.add('a.process_instance_id = ?', c.processInstanceId);
    if (c.processDefinitionId !== undefined) f.add('p.process_definition_id = ?', c.processDefinitionId);
    if (c.executionId !== undefined) f.add(`${EXECUTION_ID_SQL} = ?`, c.executionId);
    if (c.activityId !== undefined) f.add('a.element_id = ?', c.activityId);
    if (c.finished) f.add('e.id IS NOT NULL');
    if (c.unfinished) f.add('e.id IS NULL');
    if (c.state === 'completeScope') f.add("e.kind = 'element-completed'");
    if (c.state === 'canceled') f.add("e.kind = 'element-terminated'");
    if (c.startedBefore !== undefined) f.add('a.at <= ?', c.startedBefore);
    if (c.startedAfter !== undefined) f.add('a.at >= ?', c.startedAfter);
    if (c.finishedBefore !== undefined) f.add('e.at <= ?', c.finishedBefore);
    if (c.finishedAfter !== undefined) f.add('e.at >= ?', c.finishedAfter);
    f.tenants('p.tenant_id', c.tenantIdIn, c.withoutTenantId, false);
    const visible = tenantFilter('p.tenant_id');
    f.add(visible.sql, ...visible.params);
    const predicate = elementPredicate(c.element);
    if (predicate) {
      const elements = await this.matchingElements(sql, predicate, c.processDefinitionId);
      f.add(elements.sql, ...elements.params);
    }
    return f;
  }

  /** `(definition, element id)` pairs whose deployed element passes the test, as a condition on `p` and `a`. */
  private async matchingElements(sql: Sql, test: (node: FlowNodeModel) => boolean, definitionId?: string): Promise<{ sql: string; params: unknown[] }> {
    const visible = tenantFilter('d.tenant_id');
    const only = definitionId === undefined ? '' : ' AND d.id = ?';
    const ids = await sql.query<{ id: string }>(`SELECT d.id FROM process_definition d WHERE ${visible.sql}${only} ORDER BY d.id`, [
      ...visible.params,
      ...(definitionId === undefined ? [] : [definitionId]),
    ]);
    const terms: string[] = [];
    const params: unknown[] = [];
    for (const { id } of ids) {
      const loaded = await this.definitions.byId(sql, String(id));
      if (!loaded) continue;
      const elements = Object.values(loaded.model.elements).filter(test).map((node) => node.id);
      if (elements.length === 0) continue;
      terms.push(`(p.process_definition_id = ? AND a.element_id IN (${elements.map(() => '?').join(', ')}))`);
      params.push(String(id), ...elements);
    }
    return terms.length === 0 ? { sql: '1 = 0', params: [] } : { sql: `(${terms.join(' OR ')})`, params };
  }

  private async toDtos(sql: Sql, rows: readonly Row[]): Promise<CamundaHistoricActivityInstanceDto[]> {
    const models = new Map<string, ProcessModel>();
    for (const definitionId of new Set(rows.map((r) => String(r.process_definition_id)))) {
      const loaded = await this.definitions.byId(sql, definitionId);
      if (loaded) models.set(definitionId, loaded.model);
    }
    return rows.map((row) => this.toDto(row, models));
  }

  private toDto(row: Row, models: Models): CamundaHistoricActivityInstanceDto {
    const node = models.get(String(row.process_definition_id))?.elements[String(row.element_id)];
    const started = epoch(row.started_at) ?? 0;
    const ended = epoch(row.ended_at);
    const instanceEnded = epoch(row.instance_ended_at);
    const completed = row.end_kind === 'element-completed';
    return {
      id: String(row.element_instance_id),
      parentActivityInstanceId: String(row.parent_instance_id),
      activityId: String(row.element_id),
      activityName: node?.name ?? null,
      activityType: camundaActivityType(node, String(row.element_type)),
      processDefinitionKey: String(row.process_definition_key),
      processDefinitionId: String(row.process_definition_id),
      processInstanceId: String(row.process_instance_id),
      executionId: String(row.execution_id),
      taskId: taskId(row.task_detail),
      calledProcessInstanceId: null,
      calledCaseInstanceId: null,
      assignee: activityAssignee(node),
      startTime: camundaDate(started) ?? '',
      endTime: camundaDate(ended),
      durationInMillis: ended === null ? null : ended - started,
      canceled: row.end_kind === 'element-terminated',
      completeScope: completed && endsScope(node),
      tenantId: nullableText(row.tenant_id),
      removalTime: camundaDate(instanceEnded === null ? null : instanceEnded + this.config.historyRetentionMs),
      rootProcessInstanceId: String(row.process_instance_id),
    };
  }
}

function taskId(detail: unknown): string | null {
  if (detail === null || detail === undefined) return null;
  try {
    const id = (JSON.parse(String(detail)) as { taskId?: unknown }).taskId;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** Sorting by a field of the DTO, nulls last ascending and first descending; equal keys keep their order of occurrence. */
function sortInMemory(items: CamundaHistoricActivityInstanceDto[], sort: CamundaSort): CamundaHistoricActivityInstanceDto[] {
  const key = (item: CamundaHistoricActivityInstanceDto) => (sort.column === BY_ACTIVITY_NAME ? item.activityName : item.activityType);
  const direction = sort.direction === 'ASC' ? 1 : -1;
  return [...items].sort((left, right) => {
    const a = key(left);
    const b = key(right);
    if (a === b) return 0;
    if (a === null) return direction;
    if (b === null) return -direction;
    return (a < b ? -1 : 1) * direction;
  });
}
