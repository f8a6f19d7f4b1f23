import { Injectable } from '@nestjs/common';

import { CorrelationSet, TypedValue, checkCriteria, decideCorrelation } from '../../engine';
import { tenantFilter, visibleTenants } from '../../infrastructure/auth/request-context';
import { Database, Row, Sql } from '../../infrastructure/persistence/database';
import { fromColumns } from '../../infrastructure/persistence/mappers/variable-columns';
import { placeholders } from '../../infrastructure/persistence/read/instance-reader';
import { executionMatchQuery, startMatchQuery } from './correlation-query';
import { ExplainResponseDto, ExplainedEventDto } from './dto/explain.dto';

const LIMIT = 50;

const EVENT_TYPES: Record<string, string> = {
  catch: 'intermediateCatchEvent',
  gateway: 'intermediateCatchEvent',
  'receive-task': 'receiveTask',
  boundary: 'boundaryEvent',
  'event-subprocess': 'startEvent',
  start: 'startEvent',
};

/**
 * Answers "why (not)?" for a message without correlating anything: the same matching queries as the real
 * correlation, then, for the events waiting for a message of that name that did not match, which of the
 * criteria failed (checked one by one with the same rules).
 */
@Injectable()
export class ExplainService {
  constructor(private readonly db: Database) {}

  async explain(set: CorrelationSet, all: boolean, limit = LIMIT): Promise<ExplainResponseDto> {
    return this.db.read(async (sql) => {
      const tenants = visibleTenants();
      const executionQuery = executionMatchQuery(set, { limit, visibleTenants: tenants });
      const executions = await sql.query(executionQuery.sql, executionQuery.params);
      const startQuery = startMatchQuery(set, tenants);
      const starts = all || executions.length === 0 ? await sql.query(startQuery.sql, startQuery.params) : [];
      const decision = decideCorrelation(
        executions.map((r) => ({ kind: 'execution' as const, subscriptionId: String(r.id), processInstanceId: String(r.process_instance_id), executionId: '', elementId: String(r.activity_id), tenantId: null })),
        starts.map((r) => ({ kind: 'start' as const, processDefinitionId: String(r.process_definition_id), processDefinitionKey: String(r.process_definition_key), elementId: String(r.activity_id), tenantId: null })),
        all,
      );
      const matchedIds = new Set([...executions, ...starts].map((r) => String(r.id)));
      const { nearMisses, truncated } = await this.nearMisses(sql, set, matchedIds, limit);
      return {
        messageName: set.messageName,
        outcome: decision.ok ? 'correlated' : decision.reason === 'no-match' ? 'no-match' : 'ambiguous',
        matches: [...executions.map((r) => event(r, 'Execution')), ...starts.map((r) => event({ ...r, kind: 'start' }, 'ProcessDefinition'))],
        nearMisses,
        truncated,
      };
    });
  }

  private async nearMisses(sql: Sql, set: CorrelationSet, matched: Set<string>, limit: number) {
    // Near misses of tenants the caller may not see stay hidden: they would leak business keys and values.
    const visible = tenantFilter('s.tenant_id');
    const rows = await sql.query(
      `SELECT s.id, s.kind, s.process_instance_id, s.scope_id, s.activity_id, s.process_definition_key, s.tenant_id, s.business_key
       FROM event_subscription s WHERE s.event_type = 'message' AND s.event_name = ? AND ${visible.sql} ORDER BY s.created_at, s.id LIMIT ?`,
      [set.messageName, ...visible.params, limit + matched.size + 1],
    );
    const candidates = rows.filter((r) => !matched.has(String(r.id)));
    const shown = candidates.slice(0, limit);
    const variables = await this.variablesOf(sql, shown, set);
    const nearMisses: ExplainedEventDto[] = [];
    for (const row of shown) {
      const instanceId = (row.process_instance_id as string | null) ?? null;
      const mine = variables.filter((v) => v.processInstanceId === instanceId);
      const mismatches = instanceId
        ? checkCriteria(set, {
            processInstanceId: instanceId,
            businessKey: (row.business_key as string | null) ?? null,
            tenantId: row.tenant_id ? String(row.tenant_id) : null,
            variables: (name) => mine.filter((v) => v.name === name).map((v) => v.value),
            localVariable: (name) => mine.find((v) => v.name === name && v.scopeId === row.scope_id)?.value,
          })
        : checkCriteria({ messageName: set.messageName, tenantId: set.tenantId, withoutTenantId: set.withoutTenantId }, {
            processInstanceId: '',
            businessKey: null,
            tenantId: row.tenant_id ? String(row.tenant_id) : null,
            variables: () => [],
            localVariable: () => undefined,
          });
      if (mismatches.length > 0) nearMisses.push({ ...event(row, instanceId ? 'Execution' : 'ProcessDefinition'), mismatches: [...mismatches] });
    }
    return { nearMisses, truncated: candidates.length > limit };
  }

  /** The variables named by the message's keys, of the instances the near misses belong to. */
  private async variablesOf(sql: Sql, rows: Row[], set: CorrelationSet) {
    const instanceIds = [...new Set(rows.map((r) => r.process_instance_id).filter((id): id is string => typeof id === 'string'))];
    const names = [...new Set([...Object.keys(set.correlationKeys ?? {}), ...Object.keys(set.localCorrelationKeys ?? {})])];
    if (instanceIds.length === 0 || names.length === 0) return [];
    const found = await sql.query<{ process_instance_id: string; scope_id: string; name: string } & Parameters<typeof fromColumns>[0]>(
      `SELECT process_instance_id, scope_id, name, type, text_value, long_value, double_value, value_info FROM variable
       WHERE process_instance_id IN (${placeholders(instanceIds)}) AND name IN (${placeholders(names)})`,
      [...instanceIds, ...names],
    );
    return found.map((v) => ({ processInstanceId: v.process_instance_id, scopeId: v.scope_id, name: v.name, value: fromColumns(v) as TypedValue }));
  }
}

function event(row: Row, resultType: 'Execution' | 'ProcessDefinition'): ExplainedEventDto {
  return {
    resultType,
    eventId: String(row.id),
    eventKey: String(row.activity_id),
    eventType: EVENT_TYPES[String(row.kind ?? 'start')] ?? String(row.kind),
    processInstanceId: (row.process_instance_id as string | null) ?? null,
    processModelKey: String(row.process_definition_key),
  };
}
