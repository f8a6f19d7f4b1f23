import { Row } from '../../../infrastructure/persistence/database';
import { camundaDate } from '../common/camunda-dto';
import { CamundaExternalTaskDto, CamundaLockedExternalTaskDto } from './dto/external-task.dto';

/** One row of the external_task table. */
export interface ExternalTaskRow {
  readonly id: string;
  readonly processInstanceId: string;
  /** Camunda's execution id: the (sub)process scope of the task. */
  readonly executionId: string;
  readonly elementInstanceId: string;
  readonly activityId: string;
  readonly topicName: string;
  readonly workerId: string | null;
  readonly lockExpirationTime: number | null;
  readonly retries: number | null;
  readonly errorMessage: string | null;
  readonly errorDetails: string | null;
  readonly priority: number;
  readonly tenantId: string | null;
  readonly businessKey: string | null;
  readonly processDefinitionId: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionVersionTag: string | null;
  readonly createdAt: number;
}

const nullableText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const nullableNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function toExternalTaskRow(row: Row): ExternalTaskRow {
  return {
    id: String(row.id),
    processInstanceId: String(row.process_instance_id),
    executionId: String(row.execution_id),
    elementInstanceId: String(row.element_instance_id),
    activityId: String(row.activity_id),
    topicName: String(row.topic_name),
    workerId: nullableText(row.worker_id),
    lockExpirationTime: nullableNumber(row.lock_expiration_time),
    retries: nullableNumber(row.retries),
    errorMessage: nullableText(row.error_message),
    errorDetails: nullableText(row.error_details),
    priority: Number(row.priority ?? 0),
    tenantId: row.tenant_id ? String(row.tenant_id) : null,
    businessKey: nullableText(row.business_key),
    processDefinitionId: String(row.process_definition_id),
    processDefinitionKey: String(row.process_definition_key),
    processDefinitionVersionTag: nullableText(row.process_definition_version_tag),
    createdAt: Number(row.created_at),
  };
}

/** Camunda's ExternalTask#areRetriesLeft: retries not yet set, or above zero. */
export function retriesLeft(task: ExternalTaskRow): boolean {
  return task.retries === null || task.retries > 0;
}

export function externalTaskDto(t: ExternalTaskRow): CamundaExternalTaskDto {
  return {
    activityId: t.activityId,
    activityInstanceId: t.elementInstanceId,
    errorMessage: t.errorMessage,
    executionId: t.executionId,
    id: t.id,
    lockExpirationTime: camundaDate(t.lockExpirationTime),
    createTime: camundaDate(t.createdAt)!,
    processDefinitionId: t.processDefinitionId,
    processDefinitionKey: t.processDefinitionKey,
    processDefinitionVersionTag: t.processDefinitionVersionTag,
    processInstanceId: t.processInstanceId,
    retries: t.retries,
    suspended: false,
    workerId: t.workerId,
    topicName: t.topicName,
    tenantId: t.tenantId,
    priority: t.priority,
    businessKey: t.businessKey,
  };
}

export function lockedExternalTaskDto(
  t: ExternalTaskRow,
  variables: Record<string, unknown>,
  extensionProperties: Record<string, string>,
): CamundaLockedExternalTaskDto {
  return {
    activityId: t.activityId,
    activityInstanceId: t.elementInstanceId,
    errorMessage: t.errorMessage,
    errorDetails: t.errorDetails,
    executionId: t.executionId,
    id: t.id,
    lockExpirationTime: camundaDate(t.lockExpirationTime),
    createTime: camundaDate(t.createdAt)!,
    processDefinitionId: t.processDefinitionId,
    processDefinitionKey: t.processDefinitionKey,
    processDefinitionVersionTag: t.processDefinitionVersionTag,
    processInstanceId: t.processInstanceId,
    retries: t.retries,
    suspended: false,
    workerId: t.workerId,
    topicName: t.topicName,
    tenantId: t.tenantId,
    variables,
    priority: t.priority,
    businessKey: t.businessKey,
    extensionProperties,
  };
}
