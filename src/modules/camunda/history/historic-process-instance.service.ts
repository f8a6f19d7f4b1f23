import { Inject, Injectable } from '@nestjs/common';

import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/configuration';
import { Database, Row } from '../../../infrastructure/persistence/database';
import { CamundaCountDto, camundaDate } from '../common/camunda-dto';
import { invalidRequest } from '../common/camunda-errors';
import { CamundaPage, pageSql } from '../common/camunda-query';
import { CamundaHistoricProcessInstanceDto, HistoricProcessInstanceState } from './dto/historic-process-instance.dto';
import { epoch, nullableText, orderBy } from './queries/history-sql';
import {
  HistoricProcessInstanceCriteria,
  NULLABLE_PROCESS_INSTANCE_SORTS,
  historicProcessInstanceWhere,
} from './queries/historic-process-instance-query';

/**
 * The start event an instance began at (its first start event directly in the process scope), and the
 * history row of the instance's own termination, whose cause is the delete reason.
 */
const COLUMNS = `p.id, p.business_key, p.process_definition_id, p.process_definition_key, p.process_definition_version, p.tenant_id,
  p.state, p.started_at, p.ended_at, d.name AS definition_name,
  (SELECT s.element_id FROM history_event s WHERE s.process_instance_id = p.id AND s.kind = 'element-activated'
    AND s.element_type = 'startEvent' AND s.parent_instance_id = p.id ORDER BY s.id LIMIT 1) AS start_activity_id,
  CASE WHEN p.state = 'terminated' THEN (SELECT x.detail FROM history_event x WHERE x.process_instance_id = p.id
    AND x.element_instance_id = p.id AND x.kind = 'element-terminated' ORDER BY x.id LIMIT 1) END AS end_detail`;

const FROM = 'FROM process_instance p LEFT JOIN process_definition d ON d.id = p.process_definition_id';

const STATES: Readonly<Record<string, HistoricProcessInstanceState>> = {
  running: 'ACTIVE',
  completed: 'COMPLETED',
  terminated: 'EXTERNALLY_TERMINATED',
};

/**
 * Camunda's historic process instances: every instance, running or ended, until the retention period
 * deletes an ended one. Cancelled instances are EXTERNALLY_TERMINATED with the cancellation's cause as
 * delete reason; their removal time is when that retention sweep is due.
 */
@Injectable()
export class HistoricProcessInstanceService {
  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(criteria: HistoricProcessInstanceCriteria, page: CamundaPage): Promise<CamundaHistoricProcessInstanceDto[]> {
    return this.db.read(async (sql) => {
      const where = historicProcessInstanceWhere(criteria, sql.dialect);
      const order = orderBy(criteria.sort, NULLABLE_PROCESS_INSTANCE_SORTS, 'p.id');
      const rows = await sql.query(`SELECT ${COLUMNS} ${FROM}${where.where} ORDER BY ${order}${pageSql(page, sql.dialect)}`, where.params);
      return rows.map((row) => this.toDto(row));
    });
  }

  count(criteria: HistoricProcessInstanceCriteria): Promise<CamundaCountDto> {
    return this.db.read(async (sql) => {
      const where = historicProcessInstanceWhere(criteria, sql.dialect);
      const [row] = await sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n ${FROM}${where.where}`, where.params);
      return { count: Number(row.n) };
    });
  }

  async get(id: string): Promise<CamundaHistoricProcessInstanceDto> {
    const [row] = await this.db.read((sql) => {
      const where = historicProcessInstanceWhere({ ...NO_CRITERIA, processInstanceId: id }, sql.dialect);
      return sql.query(`SELECT ${COLUMNS} ${FROM}${where.where}`, where.params);
    });
    if (!row) throw invalidRequest(`Historic process instance with id ${id} does not exist`, 404);
    return this.toDto(row);
  }

  private toDto(row: Row): CamundaHistoricProcessInstanceDto {
    const started = epoch(row.started_at) ?? 0;
    const ended = epoch(row.ended_at);
    return {
      id: String(row.id),
      businessKey: nullableText(row.business_key),
      processDefinitionId: String(row.process_definition_id),
      processDefinitionKey: String(row.process_definition_key),
      processDefinitionName: nullableText(row.definition_name),
      processDefinitionVersion: Number(row.process_definition_version),
      startTime: camundaDate(started) ?? '',
      endTime: camundaDate(ended),
      removalTime: camundaDate(ended === null ? null : ended + this.config.historyRetentionMs),
      durationInMillis: ended === null ? null : ended - started,
      startUserId: null,
      startActivityId: nullableText(row.start_activity_id),
      deleteReason: deleteReason(row.end_detail),
      rootProcessInstanceId: String(row.id),
      superProcessInstanceId: null,
      superCaseInstanceId: null,
      caseInstanceId: null,
      tenantId: nullableText(row.tenant_id),
      state: STATES[String(row.state)] ?? 'ACTIVE',
      restartedProcessInstanceId: null,
    };
  }
}

const NO_CRITERIA: HistoricProcessInstanceCriteria = {
  finished: false,
  unfinished: false,
  withoutTenantId: false,
  withIncidents: false,
  impossible: false,
  variables: [],
  ignoreCase: { names: false, values: false },
  sort: null,
};

function deleteReason(detail: unknown): string | null {
  if (detail === null || detail === undefined) return null;
  try {
    const cause = (JSON.parse(String(detail)) as { cause?: unknown }).cause;
    return typeof cause === 'string' ? cause : null;
  } catch {
    return null;
  }
}
