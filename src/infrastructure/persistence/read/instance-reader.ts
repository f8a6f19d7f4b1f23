import { Injectable } from '@nestjs/common';

import { CONTAINER_TYPES, InstanceState, TypedValue, fromSnapshot } from '../../../engine';
import { Row, Sql } from '../database';
import { fromColumns } from '../mappers/variable-columns';
import { InstanceRow, toInstanceRow } from '../repositories/instance-store';

export interface InstanceView extends InstanceRow {
  readonly snapshot: InstanceState;
}

export interface SubscriptionView {
  readonly id: string;
  readonly kind: string;
  readonly eventName: string;
  readonly interrupting: boolean;
  readonly processInstanceId: string | null;
  readonly executionId: string | null;
  readonly activityId: string;
  readonly processDefinitionId: string;
  readonly processDefinitionKey: string;
  readonly tenantId: string | null;
  readonly businessKey: string | null;
  readonly correlationId: string | null;
  readonly createdAt: number;
}

export interface IncidentView {
  readonly id: string;
  readonly processInstanceId: string;
  readonly processDefinitionId: string;
  readonly incidentType: string;
  readonly activityId: string | null;
  readonly executionId: string | null;
  readonly message: string;
  readonly tenantId: string | null;
  readonly createdAt: number;
}

const INSTANCE_COLUMNS = `id, process_definition_id, process_definition_key, process_definition_version, tenant_id, business_key,
  correlation_id, state, revision, started_at, ended_at, snapshot`;

/** Read-side queries over instances, shared by the native and the Camunda-compatible routes. */
@Injectable()
export class InstanceReader {
  async instance(sql: Sql, id: string): Promise<InstanceView | null> {
    const [row] = await sql.query(`SELECT ${INSTANCE_COLUMNS} FROM process_instance WHERE id = ?`, [id]);
    return row ? toView(row) : null;
  }

  async instances(sql: Sql, where: string, params: readonly unknown[], order = 'started_at DESC, id'): Promise<InstanceView[]> {
    const rows = await sql.query(`SELECT ${INSTANCE_COLUMNS} FROM process_instance ${where ? `WHERE ${where}` : ''} ORDER BY ${order}`, params);
    return rows.map(toView);
  }

  async subscriptions(sql: Sql, processInstanceIds: readonly string[]): Promise<SubscriptionView[]> {
    if (processInstanceIds.length === 0) return [];
    const rows = await sql.query(
      `SELECT * FROM event_subscription WHERE process_instance_id IN (${placeholders(processInstanceIds)}) ORDER BY created_at, id`,
      processInstanceIds,
    );
    return rows.map(toSubscriptionView);
  }

  async incidents(sql: Sql, processInstanceIds: readonly string[]): Promise<IncidentView[]> {
    if (processInstanceIds.length === 0) return [];
    const rows = await sql.query(
      `SELECT * FROM incident WHERE process_instance_id IN (${placeholders(processInstanceIds)}) ORDER BY created_at, id`,
      processInstanceIds,
    );
    return rows.map(toIncidentView);
  }

  /** Variables of one scope of each instance (the process instance itself unless a scope is named). */
  async variables(sql: Sql, processInstanceIds: readonly string[], scopeId?: string): Promise<Map<string, Record<string, TypedValue>>> {
    const result = new Map<string, Record<string, TypedValue>>(processInstanceIds.map((id) => [id, {}]));
    if (processInstanceIds.length === 0) return result;
    const scopeFilter = scopeId ? 'scope_id = ?' : 'scope_id = process_instance_id';
    const rows = await sql.query<{ process_instance_id: string; name: string } & Parameters<typeof fromColumns>[0]>(
      `SELECT process_instance_id, name, type, text_value, long_value, double_value, value_info FROM variable
       WHERE process_instance_id IN (${placeholders(processInstanceIds)}) AND ${scopeFilter} ORDER BY name`,
      scopeId ? [...processInstanceIds, scopeId] : processInstanceIds,
    );
    // defineProperty, not assignment: a variable may be called __proto__.
    for (const row of rows) {
      Object.defineProperty(result.get(row.process_instance_id)!, row.name, { value: fromColumns(row), enumerable: true, writable: true, configurable: true });
    }
    return result;
  }
}

/** Element ids holding tokens, with how many: tokens on flow nodes plus tokens waiting at joins. */
export function activeElements(state: InstanceState): { elementId: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const element of Object.values(state.elements)) {
    if (CONTAINER_TYPES.has(element.type)) continue;
    counts.set(element.elementId, (counts.get(element.elementId) ?? 0) + 1);
  }
  for (const [key, arrived] of Object.entries(state.joins)) {
    const gatewayId = key.slice(key.lastIndexOf('/') + 1);
    const waiting = Object.values(arrived).reduce((a, b) => a + b, 0);
    if (waiting > 0) counts.set(gatewayId, (counts.get(gatewayId) ?? 0) + waiting);
  }
  return [...counts.entries()].map(([elementId, count]) => ({ elementId, count })).sort((a, b) => a.elementId.localeCompare(b.elementId));
}

export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(', ');
}

function toView(row: Row): InstanceView {
  return { ...toInstanceRow(row), snapshot: fromSnapshot(String(row.snapshot)) };
}

export function toSubscriptionView(row: Row): SubscriptionView {
  return {
    id: String(row.id),
    kind: String(row.kind),
    eventName: String(row.event_name),
    interrupting: row.interrupting === true || row.interrupting === 1,
    processInstanceId: (row.process_instance_id as string | null) ?? null,
    executionId: (row.execution_id as string | null) ?? null,
    activityId: String(row.activity_id),
    processDefinitionId: String(row.process_definition_id),
    processDefinitionKey: String(row.process_definition_key),
    tenantId: row.tenant_id ? String(row.tenant_id) : null,
    businessKey: (row.business_key as string | null) ?? null,
    correlationId: (row.correlation_id as string | null) ?? null,
    createdAt: Number(row.created_at),
  };
}

function toIncidentView(row: Row): IncidentView {
  return {
    id: String(row.id),
    processInstanceId: String(row.process_instance_id),
    processDefinitionId: String(row.process_definition_id),
    incidentType: String(row.incident_type),
    activityId: (row.activity_id as string | null) ?? null,
    executionId: (row.execution_id as string | null) ?? null,
    message: String(row.message),
    tenantId: row.tenant_id ? String(row.tenant_id) : null,
    createdAt: Number(row.created_at),
  };
}
