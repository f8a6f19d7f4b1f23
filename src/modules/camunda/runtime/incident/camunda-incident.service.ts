import { Injectable } from '@nestjs/common';

import { InstanceState, fromSnapshot } from '../../../../engine';
import { tenantFilter } from '../../../../infrastructure/auth/request-context';
import { Database, Row } from '../../../../infrastructure/persistence/database';
import { invalidRequest } from '../../common/camunda-errors';
import { CamundaCountDto } from '../../common/camunda-dto';
import { CamundaPage, pageSql } from '../../common/camunda-query';
import { orderBySql } from '../queries/sorting';
import { CamundaIncidentDto } from './camunda-incident.dto';
import { IncidentFilter, incidentDto } from './incident-query';

/**
 * Runtime incidents are those of running instances (an incident goes with its instance when it ends or is
 * cancelled, as Camunda's runtime incident rows do).
 */
const FROM = "incident i JOIN process_instance p ON p.id = i.process_instance_id AND p.state = 'running'";

/** Open incidents (runtime), as Camunda 7's /incident resource lists them. */
@Injectable()
export class CamundaIncidentService {
  constructor(private readonly db: Database) {}

  /** With an executionId filter the page is cut after matching, since executions come from the snapshots. */
  list(filter: IncidentFilter, page: CamundaPage): Promise<CamundaIncidentDto[]> {
    return this.db.read(async (sql) => {
      const paging = filter.executionId === undefined ? pageSql(page, sql.dialect) : '';
      const rows = await sql.query(
        `SELECT i.*, p.snapshot AS instance_snapshot FROM ${FROM} WHERE ${filter.where.sql} ORDER BY ${orderBySql(filter.sorts, 'i.id')}${paging}`,
        filter.where.params,
      );
      const incidents = toDtos(rows);
      if (filter.executionId === undefined) return incidents;
      const matching = incidents.filter((i) => i.executionId === filter.executionId);
      return matching.slice(page.firstResult, page.maxResults === null ? undefined : page.firstResult + page.maxResults);
    });
  }

  count(filter: IncidentFilter): Promise<CamundaCountDto> {
    return this.db.read(async (sql) => {
      if (filter.executionId !== undefined) {
        const rows = await sql.query(`SELECT i.*, p.snapshot AS instance_snapshot FROM ${FROM} WHERE ${filter.where.sql}`, filter.where.params);
        return { count: toDtos(rows).filter((i) => i.executionId === filter.executionId).length };
      }
      const [row] = await sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${FROM} WHERE ${filter.where.sql}`, filter.where.params);
      return { count: Number(row.n) };
    });
  }

  /** Camunda answers an unknown id with a 404 InvalidRequestException. */
  async get(id: string): Promise<CamundaIncidentDto> {
    const visible = tenantFilter('i.tenant_id');
    const rows = await this.db.read((sql) =>
      sql.query(`SELECT i.*, p.snapshot AS instance_snapshot FROM ${FROM} WHERE i.id = ? AND ${visible.sql}`, [id, ...visible.params]),
    );
    if (rows.length === 0) throw invalidRequest(`No matching incident with id ${id}`, 404);
    return toDtos(rows)[0];
  }
}

/** Each instance's snapshot is read once, however many incidents it has. */
function toDtos(rows: readonly Row[]): CamundaIncidentDto[] {
  const states = new Map<string, InstanceState>();
  return rows.map((row) => {
    const instanceId = String(row.process_instance_id);
    let state = states.get(instanceId);
    if (!state && row.instance_snapshot) {
      state = fromSnapshot(String(row.instance_snapshot));
      states.set(instanceId, state);
    }
    return incidentDto(row, state);
  });
}
