import { Injectable } from '@nestjs/common';

import { ApiError, ErrorCode } from '../../../common/errors/api-error';
import { Engine } from '../../../engine';
import { canSeeTenant } from '../../../infrastructure/auth/request-context';
import { Database, Tx } from '../../../infrastructure/persistence/database';
import { InstanceStore } from '../../../infrastructure/persistence/repositories/instance-store';
import { ContinuationService } from '../../../infrastructure/queue/continuation.service';

/**
 * Resolves an incident by trying again, in one transaction:
 * - a run-time failure of an element (its operation parked in the instance) goes back on the agenda;
 * - a continuation that kept failing (failedJob) gets its outbox row back, with fresh attempts;
 * - an external task whose retries ran out (failedExternalTask) gets one retry, so workers fetch it again.
 */
@Injectable()
export class RetryIncidentCommand {
  constructor(
    private readonly db: Database,
    private readonly engine: Engine,
    private readonly store: InstanceStore,
    private readonly continuation: ContinuationService,
  ) {}

  async execute(incidentId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [incident] = await tx.query<{ process_instance_id: string; incident_type: string; execution_id: string | null; tenant_id: string }>(
        'SELECT process_instance_id, incident_type, execution_id, tenant_id FROM incident WHERE id = ?',
        [incidentId],
      );
      if (!incident || !canSeeTenant(incident.tenant_id)) throw new ApiError(ErrorCode.NOT_FOUND, `No incident with id ${incidentId}`);
      if (incident.incident_type === 'failedJob') return this.retryContinuation(tx, incidentId, incident.execution_id);
      if (incident.incident_type === 'failedExternalTask') return this.retryExternalTask(tx, incidentId, incident.execution_id);
      const loaded = await this.store.load(tx, incident.process_instance_id, { lock: true });
      if (!loaded || !loaded.state.incidents[incidentId]) throw new ApiError(ErrorCode.CONFLICT, `Incident ${incidentId} can no longer be retried`);
      const ctx = this.engine.open(loaded.model, loaded.state, loaded.variables);
      this.engine.retryIncident(ctx, incidentId);
      const saved = await this.store.save(tx, loaded, ctx, Date.now());
      this.continuation.afterCommit(tx, saved.outboxId);
    });
  }

  private async retryContinuation(tx: Tx, incidentId: string, outboxId: string | null): Promise<void> {
    const changed = await tx.execute("UPDATE continuation_outbox SET status = 'pending', attempts = 0, available_at = ?, last_error = NULL WHERE id = ? AND status = 'failed'", [
      Date.now(), outboxId,
    ]);
    await tx.execute('DELETE FROM incident WHERE id = ?', [incidentId]);
    if (changed === 1 && outboxId) this.continuation.afterCommit(tx, outboxId);
  }

  private async retryExternalTask(tx: Tx, incidentId: string, taskId: string | null): Promise<void> {
    await tx.execute('UPDATE external_task SET retries = 1 WHERE id = ?', [taskId]);
    await tx.execute('DELETE FROM incident WHERE id = ?', [incidentId]);
  }
}
