import { Injectable } from '@nestjs/common';

import { tenantFilter } from '../../../../infrastructure/auth/request-context';
import { Database } from '../../../../infrastructure/persistence/database';
import { CamundaCountDto } from '../../common/camunda-dto';
import { CamundaPage, CamundaSort, pageSql, readBoolean, readList } from '../../common/camunda-query';
import { CamundaEventSubscriptionDto } from '../dto/runtime-views.dto';
import { orderBySql, querySorts } from '../queries/sorting';
import { SqlFragment } from '../queries/variable-conditions';
import { eventSubscriptionDto } from './event-subscription-view';

/** Camunda's event subscription query filters (GET /event-subscription). */
export interface EventSubscriptionFilter {
  readonly where: SqlFragment;
  readonly sorts: readonly CamundaSort[];
}

const SORTS = { created: 's.created_at', tenantId: 's.tenant_id' } as const;

const text = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

/**
 * Subscriptions of running instances and message start events of the latest definition versions; an
 * instance's subscriptions go with it when it ends (the join guards against a row outliving its instance).
 */
export function eventSubscriptionFilterFromQuery(q: Record<string, unknown>): EventSubscriptionFilter {
  const where: string[] = ["(s.process_instance_id IS NULL OR p.state = 'running')"];
  const params: unknown[] = [];
  const equal: [string, unknown][] = [
    ['s.id', q.eventSubscriptionId],
    ['s.event_name', q.eventName],
    ['s.event_type', q.eventType],
    ['s.scope_id', q.executionId],
    ['s.process_instance_id', q.processInstanceId],
    ['s.activity_id', q.activityId],
  ];
  for (const [column, value] of equal) {
    if (text(value) === undefined) continue;
    where.push(`${column} = ?`);
    params.push(text(value));
  }
  const tenantIds = readList(q.tenantIdIn);
  const withoutTenant = readBoolean(q.withoutTenantId, 'withoutTenantId') === true;
  const includeWithoutTenant = readBoolean(q.includeEventSubscriptionsWithoutTenantId, 'includeEventSubscriptionsWithoutTenantId') === true;
  if (withoutTenant) {
    where.push("s.tenant_id = ''");
  } else if (tenantIds !== undefined) {
    const list = tenantIds.length > 0 ? `s.tenant_id IN (${tenantIds.map(() => '?').join(', ')})` : '1 = 0';
    where.push(includeWithoutTenant ? `(${list} OR s.tenant_id = '')` : list);
    params.push(...tenantIds);
  }
  // Subscriptions of tenants the caller may not see do not exist for it.
  const visible = tenantFilter('s.tenant_id');
  where.push(visible.sql);
  params.push(...visible.params);
  return { where: { sql: where.join(' AND '), params }, sorts: querySorts(q, SORTS) };
}

@Injectable()
export class CamundaEventSubscriptionService {
  constructor(private readonly db: Database) {}

  list(filter: EventSubscriptionFilter, page: CamundaPage): Promise<CamundaEventSubscriptionDto[]> {
    return this.db.read(async (sql) => {
      const rows = await sql.query(
        `SELECT s.* FROM event_subscription s LEFT JOIN process_instance p ON p.id = s.process_instance_id
         WHERE ${filter.where.sql} ORDER BY ${orderBySql(filter.sorts, 's.id')}${pageSql(page, sql.dialect)}`,
        filter.where.params,
      );
      return rows.map(eventSubscriptionDto);
    });
  }

  count(filter: EventSubscriptionFilter): Promise<CamundaCountDto> {
    return this.db.read(async (sql) => {
      const [row] = await sql.query<{ n: number | string }>(
        `SELECT COUNT(*) AS n FROM event_subscription s LEFT JOIN process_instance p ON p.id = s.process_instance_id WHERE ${filter.where.sql}`,
        filter.where.params,
      );
      return { count: Number(row.n) };
    });
  }
}
