import { randomUUID } from 'node:crypto';

import { Sql } from '../../../../infrastructure/persistence/database';
import { ExternalTaskRow } from '../external-task-row';

/** Camunda's Incident.EXTERNAL_TASK_HANDLER_TYPE. */
export const FAILED_EXTERNAL_TASK = 'failedExternalTask';

/**
 * The incident of an external task whose retries ran out. As for a failedJob incident (whose
 * execution_id holds the job), execution_id holds the incident's configuration: the external task id.
 * activity_id is the service task. The message is the task's last error message ('' when it had none).
 */
export async function createExternalTaskIncident(sql: Sql, task: ExternalTaskRow, message: string | null, now: number): Promise<string> {
  const id = randomUUID();
  await sql.execute(
    `INSERT INTO incident (id, process_instance_id, process_definition_id, incident_type, activity_id, execution_id, message, tenant_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [id, task.processInstanceId, task.processDefinitionId, FAILED_EXTERNAL_TASK, task.activityId, task.id, message ?? '', task.tenantId ?? '', now],
  );
  return id;
}

/** Resolves the incidents of the given external tasks (retries set above zero). */
export async function removeExternalTaskIncidents(sql: Sql, taskIds: readonly string[]): Promise<void> {
  if (taskIds.length === 0) return;
  await sql.execute(
    `DELETE FROM incident WHERE incident_type = ? AND execution_id IN (${taskIds.map(() => '?').join(', ')})`,
    [FAILED_EXTERNAL_TASK, ...taskIds],
  );
}

/**
 * Removes the external-task incidents of an instance whose task is gone: the one just completed (or
 * that reported a BPMN error), and any that a caught error or an ended scope took with it.
 */
export async function removeOrphanedExternalTaskIncidents(sql: Sql, processInstanceId: string): Promise<void> {
  await sql.execute(
    `DELETE FROM incident WHERE process_instance_id = ? AND incident_type = ?
       AND NOT EXISTS (SELECT 1 FROM external_task t WHERE t.id = incident.execution_id)`,
    [processInstanceId, FAILED_EXTERNAL_TASK],
  );
}
