import { Injectable } from '@nestjs/common';

import { Engine, TypedValue } from '../../../../engine';
import { Database, Tx } from '../../../../infrastructure/persistence/database';
import { ExternalTaskSignal } from '../../../../infrastructure/persistence/repositories/external-task-signal';
import { HistoryWriter } from '../../../../infrastructure/persistence/repositories/history-writer';
import { InstanceStore } from '../../../../infrastructure/persistence/repositories/instance-store';
import { ContinuationService } from '../../../../infrastructure/queue/continuation.service';
import { engineException, restException } from '../../common/camunda-errors';
import { ExternalTaskRow, retriesLeft } from '../external-task-row';
import { FAILED_EXTERNAL_TASK, createExternalTaskIncident, removeExternalTaskIncidents } from './external-task-incidents';
import { assertWorker, externalTaskNotFound, loadTaskWithInstance, lockTaskRow } from './external-task-lookup';

type Variables = Readonly<Record<string, TypedValue>> | undefined;

export interface FailureReport {
  readonly workerId: string;
  readonly errorMessage: string | null;
  readonly errorDetails: string | null;
  readonly retries: number;
  readonly retryTimeout: number;
  readonly variables: Variables;
  readonly localVariables: Variables;
}

/**
 * Changes to an external task that do not move its token: failures, locks and retries. Each is one
 * transaction over the task row (locked), with Camunda's checks and texts. Nothing here runs the
 * process; a failure that carries variables writes them through the engine's variable scopes under the
 * instance lock, like any other variable update.
 */
@Injectable()
export class UpdateExternalTaskCommand {
  constructor(
    private readonly db: Database,
    private readonly engine: Engine,
    private readonly history: HistoryWriter,
    private readonly store: InstanceStore,
    private readonly continuation: ContinuationService,
    private readonly signal: ExternalTaskSignal,
  ) {}

  /**
   * ExternalTaskEntity#failed: error message (and details, when given) recorded, fetchable again after
   * retryTimeout, retries set; retries running out raise a `failedExternalTask` incident, retries given
   * back resolve it. The worker keeps the task (its id stays on it) until then.
   */
  async failure(id: string, report: FailureReport): Promise<void> {
    const hasVariables = Object.keys(report.variables ?? {}).length > 0 || Object.keys(report.localVariables ?? {}).length > 0;
    await this.db.transaction(async (tx) => {
      let task: ExternalTaskRow;
      if (hasVariables) {
        const found = await loadTaskWithInstance(tx, this.store, id);
        task = found.task;
        assertWorker(task, report.workerId, failureAction(id, report.workerId));
        const ctx = this.engine.open(found.loaded.model, found.loaded.state, found.loaded.variables);
        ctx.vars.setAll(task.executionId, persistent(report.variables), false);
        ctx.vars.setAll(task.executionId, persistent(report.localVariables), true);
        const saved = await this.store.save(tx, found.loaded, ctx, Date.now());
        this.continuation.afterCommit(tx, saved.outboxId);
      } else {
        task = await this.requireTask(tx, id);
        assertWorker(task, report.workerId, failureAction(id, report.workerId));
      }
      const now = Date.now();
      await this.manageIncident(tx, { ...task, errorMessage: report.errorMessage }, report.retries, now);
      await tx.execute('UPDATE external_task SET error_message = ?, error_details = ?, lock_expiration_time = ?, retries = ? WHERE id = ?', [
        report.errorMessage,
        report.errorDetails ?? task.errorDetails,
        now + report.retryTimeout,
        report.retries,
        id,
      ]);
      if (report.retries > 0) this.signalAfterCommit(tx);
    });
  }

  /** LockExternalTaskCmd: allowed when the task is unlocked, its lock expired, or it is the caller's already. */
  async lock(id: string, workerId: string, lockDuration: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const task = await this.requireTask(tx, id);
      const now = Date.now();
      const heldByOther = task.workerId !== null && task.workerId !== workerId;
      const lockActive = task.lockExpirationTime !== null && !(now > task.lockExpirationTime);
      if (heldByOther && lockActive) {
        throw restException(400, `External Task ${id} cannot be locked by worker '${workerId}'. It is locked by worker '${task.workerId}'.`);
      }
      await tx.execute('UPDATE external_task SET worker_id = ?, lock_expiration_time = ? WHERE id = ?', [workerId, now + lockDuration, id]);
    });
  }

  /**
   * ExtendLockOnExternalTaskCmd. Its wrong-worker text ends the worker id with a quote of its own, to which
   * the engine appends `'. It is locked by …`: real Camunda answers `… by worker 'w''. It is locked …`.
   */
  async extendLock(id: string, workerId: string, newDuration: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const task = await this.requireTask(tx, id);
      assertWorker(task, workerId, `The lock of the External Task ${id} cannot be extended by worker '${workerId}'`);
      const now = Date.now();
      if (task.lockExpirationTime === null || task.lockExpirationTime < now) {
        throw restException(400, `Cannot extend a lock that expired: lockExpirationTime is not greater than or equal to ${now}`);
      }
      await tx.execute('UPDATE external_task SET lock_expiration_time = ? WHERE id = ?', [now + newDuration, id]);
    });
  }

  /** UnlockExternalTaskCmd: the task is fetchable again at once, so parked fetch-and-lock requests retry. */
  async unlock(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.requireTask(tx, id);
      await tx.execute('UPDATE external_task SET worker_id = NULL, lock_expiration_time = NULL WHERE id = ?', [id]);
      this.signalAfterCommit(tx);
    });
  }

  /** SetExternalTaskRetriesCmd (PUT /external-task/{id}/retries). */
  async setRetries(id: string, retries: number): Promise<void> {
    if (retries < 0) {
      throw engineException(400, 'BadUserRequestException', 'The number of retries cannot be negative: retries is not greater than or equal to 0');
    }
    await this.db.transaction(async (tx) => {
      const task = await this.requireTask(tx, id);
      await this.manageIncident(tx, task, retries, Date.now());
      await tx.execute('UPDATE external_task SET retries = ? WHERE id = ?', [retries, id]);
      if (retries > 0) this.signalAfterCommit(tx);
    });
  }

  /** ExternalTaskEntity#setRetriesAndManageIncidents. */
  private async manageIncident(tx: Tx, task: ExternalTaskRow, retries: number, now: number): Promise<void> {
    if (retriesLeft(task) && retries <= 0) {
      const incidentId = await createExternalTaskIncident(tx, task, task.errorMessage, now);
      // Streamed and kept in the history like the incidents an engine run raises.
      const detail = { message: task.errorMessage ?? '', incidentId, incidentType: FAILED_EXTERNAL_TASK };
      await this.history.recordOutside(tx, task.processInstanceId, { kind: 'incident-created', elementId: task.activityId, elementInstanceId: task.elementInstanceId, detail }, now);
    } else if (!retriesLeft(task) && retries > 0) await removeExternalTaskIncidents(tx, [task.id]);
  }

  private async requireTask(tx: Tx, id: string): Promise<ExternalTaskRow> {
    const task = await lockTaskRow(tx, id);
    if (!task) throw externalTaskNotFound(id);
    return task;
  }

  private signalAfterCommit(tx: Tx): void {
    tx.afterCommit(() => this.signal.emit());
  }
}

function failureAction(id: string, workerId: string): string {
  return `Failure of External Task ${id} cannot be reported by worker '${workerId}`;
}

/** Transient values only live while the engine runs; a failure runs nothing, so they are not written. */
function persistent(values: Variables): Record<string, TypedValue> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).filter(([, v]) => !v.valueInfo?.transient));
}
