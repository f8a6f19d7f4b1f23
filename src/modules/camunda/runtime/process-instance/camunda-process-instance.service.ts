import { Injectable } from '@nestjs/common';

import { ApiError, CamundaError, ErrorCode } from '../../../../common/errors/api-error';
import { fromSnapshot } from '../../../../engine';
import { tenantFilter } from '../../../../infrastructure/auth/request-context';
import { Database, Row, Sql } from '../../../../infrastructure/persistence/database';
import { activeElements } from '../../../../infrastructure/persistence/read/instance-reader';
import { toInstanceRow } from '../../../../infrastructure/persistence/repositories/instance-store';
import { CancelInstanceCommand } from '../../../correlations/commands/cancel-instance.command';
import { CamundaCountDto, CamundaProcessInstanceDto, processInstanceDto } from '../../common/camunda-dto';
import { invalidRequest } from '../../common/camunda-errors';
import { CamundaPage, pageSql } from '../../common/camunda-query';
import { ProcessInstanceFilter, processInstanceWhere } from '../queries/process-instance-query';
import { orderBySql } from '../queries/sorting';

const COLUMNS = `p.id, p.process_definition_id, p.process_definition_key, p.process_definition_version, p.tenant_id, p.business_key,
  p.correlation_id, p.state, p.revision, p.started_at, p.ended_at`;

/** Camunda's process instance runtime resource: only running instances exist here (ended ones are history). */
@Injectable()
export class CamundaProcessInstanceService {
  constructor(
    private readonly db: Database,
    private readonly cancelCommand: CancelInstanceCommand,
  ) {}

  list(filter: ProcessInstanceFilter, page: CamundaPage): Promise<CamundaProcessInstanceDto[]> {
    return this.db.read(async (sql) => {
      if (filter.activityIdIn === undefined) {
        const where = processInstanceWhere(filter);
        const rows = await sql.query(
          `SELECT ${COLUMNS} FROM process_instance p WHERE ${where.sql} ORDER BY ${orderBySql(filter.sorts, 'p.id')}${pageSql(page, sql.dialect)}`,
          where.params,
        );
        return rows.map((r) => processInstanceDto(toInstanceRow(r)));
      }
      const rows = await this.atActivities(sql, filter);
      const end = page.maxResults === null ? undefined : page.firstResult + page.maxResults;
      return rows.slice(page.firstResult, end).map((r) => processInstanceDto(toInstanceRow(r)));
    });
  }

  count(filter: ProcessInstanceFilter): Promise<CamundaCountDto> {
    return this.db.read(async (sql) => {
      if (filter.activityIdIn !== undefined) return { count: (await this.atActivities(sql, filter)).length };
      const where = processInstanceWhere(filter);
      const [row] = await sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM process_instance p WHERE ${where.sql}`, where.params);
      return { count: Number(row.n) };
    });
  }

  async get(id: string): Promise<CamundaProcessInstanceDto> {
    const visible = tenantFilter('p.tenant_id');
    const [row] = await this.db.read((sql) =>
      sql.query(`SELECT ${COLUMNS} FROM process_instance p WHERE p.id = ? AND p.state = 'running' AND ${visible.sql}`, [id, ...visible.params]),
    );
    if (!row) throw invalidRequest(`Process instance with id ${id} does not exist`, 404);
    return processInstanceDto(toInstanceRow(row));
  }

  /**
   * Cancels the instance. Camunda 7.24 answers an unknown (or already ended) instance with the engine's
   * NotFoundException text wrapped in a 404 InvalidRequestException (code 0 from the engine cause), or
   * with 204 when failIfNotExists=false.
   */
  async delete(id: string, failIfNotExists: boolean): Promise<void> {
    try {
      await this.cancelCommand.execute(id);
    } catch (error) {
      const missing = error instanceof ApiError && (error.code === ErrorCode.INSTANCE_NOT_FOUND || error.code === ErrorCode.INSTANCE_NOT_RUNNING);
      if (!missing) throw error;
      if (!failIfNotExists) return;
      throw new CamundaError(404, 'InvalidRequestException', `No process instance found for id '${id}': processInstance is null`, 0);
    }
  }

  /** activityIdIn needs the execution trees, so those queries filter in memory after the SQL filters. */
  private async atActivities(sql: Sql, filter: ProcessInstanceFilter): Promise<Row[]> {
    const where = processInstanceWhere(filter);
    const rows = await sql.query(`SELECT ${COLUMNS}, p.snapshot FROM process_instance p WHERE ${where.sql} ORDER BY ${orderBySql(filter.sorts, 'p.id')}`, where.params);
    const wanted = new Set(filter.activityIdIn);
    return rows.filter((r) => activeElements(fromSnapshot(String(r.snapshot))).some((a) => wanted.has(a.elementId)));
  }
}
