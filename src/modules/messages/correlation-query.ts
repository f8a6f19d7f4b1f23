import { CorrelationSet, TypedValue } from '../../engine';
import { tenantFilterFor } from '../../infrastructure/auth/request-context';
import { textKey } from '../../infrastructure/persistence/mappers/variable-columns';

export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * The condition a variable row (alias `v`) must meet to equal a typed value, type-exactly, on the indexed
 * value columns. A `Null` criterion matches any variable holding null, as in Camunda's query SQL.
 */
export function valueCondition(alias: string, value: TypedValue): SqlFragment {
  const allNull = `${alias}.text_value IS NULL AND ${alias}.long_value IS NULL AND ${alias}.double_value IS NULL`;
  if (value.type === 'Null') return { sql: allNull, params: [] };
  if (value.value === null) return { sql: `${alias}.type = ? AND ${allNull}`, params: [value.type] };
  switch (value.type) {
    case 'String':
      return { sql: `${alias}.type = 'String' AND ${alias}.text_key = ? AND ${alias}.text_value = ?`, params: [textKey(String(value.value)), value.value] };
    case 'Double':
      return { sql: `${alias}.type = 'Double' AND ${alias}.double_value = ?`, params: [value.value] };
    case 'Boolean':
      return { sql: `${alias}.type = 'Boolean' AND ${alias}.long_value = ?`, params: [value.value ? 1 : 0] };
    default:
      return { sql: `${alias}.type = ? AND ${alias}.long_value = ?`, params: [value.type, value.value] };
  }
}

/**
 * Waiting executions for a message (Camunda's phase A). Correlation keys are written as
 * `process_instance_id IN (variable lookup)`, so the planner starts from the variable index (name, type,
 * value), then the subscriptions of those instances, and the cost does not grow with the number of
 * instances waiting for the same message name.
 */
export function executionMatchQuery(
  set: CorrelationSet,
  options: { subscriptionId?: string; limit?: number; count?: boolean; visibleTenants?: readonly string[] | null } = {},
): SqlFragment {
  // With a criterion that names few instances (a subscription, an instance, a business key, a correlation key)
  // the name terms are written so that no index can serve them: otherwise SQLite's planner, which has no
  // statistics, walks every subscription of that message name and the cost grows with the waiting instances.
  const narrowed = options.subscriptionId !== undefined || set.processInstanceId !== undefined || set.businessKey !== undefined || Object.keys(set.correlationKeys ?? {}).length > 0;
  const name = narrowed ? "s.event_type || '' = 'message' AND s.event_name || '' = ?" : "s.event_type = 'message' AND s.event_name = ?";
  const where: string[] = [name, 's.process_instance_id IS NOT NULL'];
  const params: unknown[] = [set.messageName];
  const add = (fragment: SqlFragment) => {
    where.push(fragment.sql);
    params.push(...fragment.params);
  };
  if (options.subscriptionId) add({ sql: 's.id = ?', params: [options.subscriptionId] });
  if (set.businessKey !== undefined) add({ sql: 's.business_key = ?', params: [set.businessKey] });
  if (set.processInstanceId !== undefined) add({ sql: 's.process_instance_id = ?', params: [set.processInstanceId] });
  add(tenantCondition(set));
  add(tenantFilterFor('s.tenant_id', options.visibleTenants ?? null));
  Object.entries(set.correlationKeys ?? {}).forEach(([name, value], i) => {
    const c = valueCondition(`k${i}`, value);
    add({ sql: `s.process_instance_id IN (SELECT k${i}.process_instance_id FROM variable k${i} WHERE k${i}.name = ? AND ${c.sql})`, params: [name, ...c.params] });
  });
  Object.entries(set.localCorrelationKeys ?? {}).forEach(([name, value], i) => {
    const c = valueCondition(`l${i}`, value);
    add({ sql: `EXISTS (SELECT 1 FROM variable l${i} WHERE l${i}.scope_id = s.scope_id AND l${i}.name = ? AND ${c.sql})`, params: [name, ...c.params] });
  });
  const columns = options.count ? 'COUNT(*) AS n' : 's.id, s.kind, s.process_instance_id, s.process_definition_key, s.execution_id, s.scope_id, s.activity_id, s.tenant_id, s.correlation_id, s.business_key';
  const order = options.count ? '' : ' ORDER BY s.created_at, s.id';
  const limit = options.limit !== undefined ? ` LIMIT ${Number(options.limit)}` : '';
  return { sql: `SELECT ${columns} FROM event_subscription s WHERE ${where.join(' AND ')}${order}${limit}`, params };
}

/** Message start events of the latest definition versions (phase B): only name and tenant count. */
export function startMatchQuery(set: CorrelationSet, visibleTenants: readonly string[] | null = null): SqlFragment {
  const tenant = tenantCondition(set);
  const visible = tenantFilterFor('s.tenant_id', visibleTenants);
  return {
    sql: `SELECT s.id, s.process_definition_id, s.process_definition_key, s.activity_id, s.tenant_id FROM event_subscription s
      WHERE s.kind = 'start' AND s.event_type = 'message' AND s.event_name = ? AND ${tenant.sql} AND ${visible.sql}
      ORDER BY s.tenant_id, s.process_definition_key`,
    params: [set.messageName, ...tenant.params, ...visible.params],
  };
}

function tenantCondition(set: CorrelationSet): SqlFragment {
  if (set.tenantId !== undefined) return { sql: 's.tenant_id = ?', params: [set.tenantId] };
  if (set.withoutTenantId) return { sql: "s.tenant_id = ''", params: [] };
  return { sql: '1 = 1', params: [] };
}
