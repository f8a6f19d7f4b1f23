import { Injectable } from '@nestjs/common';

import { ApiError, ErrorCode } from '../../common/errors/api-error';
import { renderVariables } from '../../common/variables/native-variables';
import { canSeeTenant, tenantFilter } from '../../infrastructure/auth/request-context';
import { Database, Sql } from '../../infrastructure/persistence/database';
import { InstanceReader, activeElements } from '../../infrastructure/persistence/read/instance-reader';
import { CancelInstanceCommand } from './commands/cancel-instance.command';
import { CorrelationDto, CorrelationPageDto, CorrelationQueryDto, InstanceDetailDto } from './dto/instance.dto';
import { incident, instanceSummary, iso, waitingEvent } from './instance-views';

const CORRELATION_STATE = `CASE WHEN SUM(CASE WHEN state = 'running' THEN 1 ELSE 0 END) > 0 THEN 'running'
  WHEN SUM(CASE WHEN state = 'terminated' THEN 1 ELSE 0 END) > 0 THEN 'terminated' ELSE 'completed' END`;

@Injectable()
export class CorrelationsService {
  constructor(
    private readonly db: Database,
    private readonly reader: InstanceReader,
    private readonly cancelCommand: CancelInstanceCommand,
  ) {}

  async list(query: CorrelationQueryDto): Promise<CorrelationPageDto> {
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    return this.db.read(async (sql) => {
      // Only the instances the caller may see count: another tenant's instances in a correlation stay invisible.
      const visible = tenantFilter('tenant_id');
      const conditions = [visible.sql];
      const params: unknown[] = [...visible.params];
      if (query.processModelKey) {
        conditions.push(`correlation_id IN (SELECT correlation_id FROM process_instance WHERE process_definition_key = ? AND ${visible.sql})`);
        params.push(query.processModelKey, ...visible.params);
      }
      const where = `WHERE ${conditions.join(' AND ')}`;
      const having = query.state ? `HAVING ${CORRELATION_STATE} = ?` : '';
      if (query.state) params.push(query.state);
      const grouped = `SELECT correlation_id, ${CORRELATION_STATE} AS state, MIN(started_at) AS started_at, COUNT(*) AS instance_count
        FROM process_instance ${where} GROUP BY correlation_id ${having}`;
      const [{ total }] = await sql.query<{ total: number }>(`SELECT COUNT(*) AS total FROM (${grouped}) g`, params);
      const rows = await sql.query<{ correlation_id: string; state: string; started_at: number; instance_count: number }>(
        `${grouped} ORDER BY started_at DESC, correlation_id LIMIT ? OFFSET ?`,
        [...params, limit, offset],
      );
      const keys = await this.modelKeys(sql, rows.map((r) => r.correlation_id));
      return {
        total: Number(total),
        items: rows.map((r) => ({
          correlationId: r.correlation_id,
          state: r.state,
          processModelKeys: keys.get(r.correlation_id) ?? [],
          instanceCount: Number(r.instance_count),
          startedAt: iso(Number(r.started_at)),
        })),
      };
    });
  }

  async get(correlationId: string, processModelKey?: string): Promise<CorrelationDto> {
    return this.db.read(async (sql) => {
      const visible = tenantFilter('tenant_id');
      const where = `${processModelKey ? 'correlation_id = ? AND process_definition_key = ?' : 'correlation_id = ?'} AND ${visible.sql}`;
      const params = [...(processModelKey ? [correlationId, processModelKey] : [correlationId]), ...visible.params];
      const views = await this.reader.instances(sql, where, params, 'started_at, id');
      if (views.length === 0) {
        const scope = processModelKey ? ` for process model '${processModelKey}'` : '';
        throw new ApiError(ErrorCode.CORRELATION_NOT_FOUND, `No correlation '${correlationId}'${scope}`);
      }
      const variables = await this.reader.variables(sql, views.map((v) => v.id));
      const states = views.map((v) => v.state);
      const state = states.includes('running') ? 'running' : states.includes('terminated') ? 'terminated' : 'completed';
      return {
        correlationId,
        state,
        startedAt: iso(Math.min(...views.map((v) => v.startedAt))),
        processInstances: views.map((v) => instanceSummary(v, variables.get(v.id) ?? {})),
      };
    });
  }

  async instance(id: string): Promise<InstanceDetailDto> {
    return this.db.read(async (sql) => {
      const view = await this.reader.instance(sql, id);
      if (!view || !canSeeTenant(view.tenantId)) throw new ApiError(ErrorCode.INSTANCE_NOT_FOUND, `Process instance ${id} does not exist`);
      // One connection: the queries run one after the other.
      const subscriptions = await this.reader.subscriptions(sql, [id]);
      const incidents = await this.reader.incidents(sql, [id]);
      const tasks = await sql.query<{ id: string; element_id: string; name: string | null }>(
        'SELECT id, element_id, name FROM user_task WHERE process_instance_id = ? ORDER BY created_at, id',
        [id],
      );
      return {
        processInstanceId: view.id,
        processModelKey: view.processDefinitionKey,
        processModelVersion: view.processDefinitionVersion,
        processDefinitionId: view.processDefinitionId,
        correlationId: view.correlationId,
        businessKey: view.businessKey,
        tenantId: view.tenantId,
        state: view.state,
        startedAt: iso(view.startedAt),
        endedAt: view.endedAt === null ? null : iso(view.endedAt),
        activeElements: activeElements(view.snapshot),
        waitingEvents: subscriptions.map(waitingEvent),
        openTasks: tasks.map((t) => ({ taskId: t.id, elementId: t.element_id, name: t.name })),
        incidents: incidents.map(incident),
      };
    });
  }

  async variables(id: string, scope?: string): Promise<Record<string, unknown>> {
    return this.db.read(async (sql) => {
      const view = await this.reader.instance(sql, id);
      if (!view || !canSeeTenant(view.tenantId)) throw new ApiError(ErrorCode.INSTANCE_NOT_FOUND, `Process instance ${id} does not exist`);
      const values = await this.reader.variables(sql, [id], scope);
      return renderVariables(values.get(id) ?? {});
    });
  }

  cancel(id: string): Promise<void> {
    return this.cancelCommand.execute(id);
  }

  private async modelKeys(sql: Sql, correlationIds: string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (correlationIds.length === 0) return result;
    const visible = tenantFilter('tenant_id');
    const rows = await sql.query<{ correlation_id: string; process_definition_key: string }>(
      `SELECT DISTINCT correlation_id, process_definition_key FROM process_instance
       WHERE correlation_id IN (${correlationIds.map(() => '?').join(', ')}) AND ${visible.sql} ORDER BY process_definition_key`,
      [...correlationIds, ...visible.params],
    );
    for (const r of rows) result.set(r.correlation_id, [...(result.get(r.correlation_id) ?? []), r.process_definition_key]);
    return result;
  }
}
