import { canSeeTenant } from '../../../../infrastructure/auth/request-context';
import { Sql, Tx } from '../../../../infrastructure/persistence/database';
import { InstanceStore, LoadedInstance } from '../../../../infrastructure/persistence/repositories/instance-store';
import { restException } from '../../common/camunda-errors';
import { ExternalTaskRow, toExternalTaskRow } from '../external-task-row';

/** Camunda's answer for an unknown task id: the engine's NotFoundException wrapped in a RestException (code 0). */
export function externalTaskNotFound(id: string) {
  return restException(404, `External task with id ${id} does not exist`);
}

/**
 * HandleExternalTaskCmd: the caller's worker id must be the task's (null when unlocked). `action` is the
 * command's getErrorMessageOnWrongWorkerAccess(), to which the engine appends the owner.
 */
export function assertWorker(task: ExternalTaskRow, workerId: string, action: string): void {
  if (task.workerId !== workerId) throw restException(400, `${action}'. It is locked by worker '${String(task.workerId)}'.`);
}

/**
 * The task row, locked until the transaction ends (on PostgreSQL; SQLite transactions are serialised); null
 * when there is none, or when it belongs to a tenant the caller may not see.
 */
export async function lockTaskRow(sql: Sql, id: string): Promise<ExternalTaskRow | null> {
  const lock = sql.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const [row] = await sql.query(`SELECT * FROM external_task WHERE id = ?${lock}`, [id]);
  const task = row ? toExternalTaskRow(row) : null;
  return task && canSeeTenant(task.tenantId) ? task : null;
}

/**
 * The task together with its instance, loaded for an engine run: the instance row is locked first (the
 * order every command that changes an instance follows), then the task row, which is re-read under the
 * lock because a concurrent completion may have removed it.
 */
export async function loadTaskWithInstance(tx: Tx, store: InstanceStore, id: string): Promise<{ task: ExternalTaskRow; loaded: LoadedInstance }> {
  const [ref] = await tx.query<{ process_instance_id: string }>('SELECT process_instance_id FROM external_task WHERE id = ?', [id]);
  if (!ref) throw externalTaskNotFound(id);
  const loaded = await store.load(tx, ref.process_instance_id, { lock: true });
  const task = await lockTaskRow(tx, id);
  if (!loaded || loaded.state.status !== 'running' || !canSeeTenant(loaded.row.tenantId) || !task) throw externalTaskNotFound(id);
  return { task, loaded };
}
