import { formatCamundaDate } from '../../../../engine';
import { Row } from '../../../../infrastructure/persistence/database';
import { CamundaEventSubscriptionDto } from '../dto/runtime-views.dto';

/**
 * Camunda's EventSubscriptionDto of an event_subscription row. Its execution is the (sub)process scope
 * holding the subscription (the row's scope_id), as POST /message reports it; message start events of a
 * definition have neither execution nor process instance.
 */
export function eventSubscriptionDto(row: Row): CamundaEventSubscriptionDto {
  const processInstanceId = (row.process_instance_id as string | null) ?? null;
  return {
    id: String(row.id),
    eventType: String(row.event_type),
    eventName: String(row.event_name),
    executionId: processInstanceId === null ? null : String(row.scope_id ?? processInstanceId),
    processInstanceId,
    activityId: String(row.activity_id),
    createdDate: formatCamundaDate(Number(row.created_at)),
    tenantId: row.tenant_id ? String(row.tenant_id) : null,
  };
}
