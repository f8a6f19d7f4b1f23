import { randomUUID } from 'node:crypto';

import { Inject, Injectable, Logger, Optional } from '@nestjs/common';

import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/configuration';
import { Engine } from '../../engine';
import { EngineMetrics } from '../observability/engine-metrics';
import { Database } from '../persistence/database';
import { HistoryWriter } from '../persistence/repositories/history-writer';
import { InstanceStore } from '../persistence/repositories/instance-store';
import { BufferedMessageConsumer } from './buffered-message-consumer';
import { SettleNotifier } from './settle-notifier';

export type ContinuationOutcome =
  | { readonly kind: 'done' | 'gone'; readonly processInstanceId?: string }
  | { readonly kind: 'retry'; readonly processInstanceId: string; readonly delayMs: number }
  | { readonly kind: 'failed'; readonly processInstanceId: string };

/** A run that hit incidents and still has attempts left: roll back and try again later. */
class RetryLater extends Error {}

/**
 * Runs one continuation: under the instance's lock, runs the agenda until every token waits or has ended,
 * stores the result and removes the outbox row, in one transaction. Running a continuation whose work is
 * already done changes nothing, so duplicates (a re-enqueue by the sweeper, a BullMQ retry) are safe.
 *
 * Failures are retried with exponential back-off. When the attempts are used up, a run-time failure of
 * the model (a condition that cannot be evaluated) is committed as an incident on its element while the
 * other tokens go on; an unexpected error parks the whole continuation as a `failedJob` incident.
 */
@Injectable()
export class ContinuationRunner {
  private readonly logger = new Logger(ContinuationRunner.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly engine: Engine,
    private readonly history: HistoryWriter,
    private readonly store: InstanceStore,
    private readonly settle: SettleNotifier,
    private readonly buffered: BufferedMessageConsumer,
    // Optional so that the runner works in any module set-up; the applications always provide it.
    @Optional() private readonly metrics?: EngineMetrics,
  ) {}

  /** Runs one continuation and counts its outcome (and, once committed, its lag since the outbox row was written). */
  async run(outboxId: string): Promise<ContinuationOutcome> {
    const started = Date.now();
    const seen: { createdAt?: number } = {};
    try {
      const outcome = await this.runOnce(outboxId, seen);
      this.metrics?.continuationRan(outcome.kind, seen.createdAt);
      if (outcome.kind === 'done') {
        this.logger.debug({ msg: 'Continuation ran', outboxId, processInstanceId: outcome.processInstanceId, durationMs: Date.now() - started });
      }
      return outcome;
    } catch (error) {
      this.metrics?.continuationRan('error');
      throw error;
    }
  }

  private async runOnce(outboxId: string, seen: { createdAt?: number }): Promise<ContinuationOutcome> {
    let instanceId: string | undefined;
    let attempts = 0;
    try {
      const outcome = await this.db.transaction(async (tx) => {
        const [row] = await tx.query<{ process_instance_id: string; attempts: number; status: string; created_at: number | string }>(
          'SELECT process_instance_id, attempts, status, created_at FROM continuation_outbox WHERE id = ?',
          [outboxId],
        );
        if (!row || row.status !== 'pending') return 'gone' as const;
        instanceId = row.process_instance_id;
        attempts = Number(row.attempts);
        seen.createdAt = Number(row.created_at);
        const loaded = await this.store.load(tx, instanceId, { lock: true });
        if (loaded && loaded.state.status === 'running' && loaded.state.agenda.length > 0) {
          const ctx = this.engine.open(loaded.model, loaded.state, loaded.variables);
          this.engine.continue(ctx);
          // Wait states that just opened take matching buffered messages now, in this transaction.
          await this.buffered.deliverTo(tx, loaded, ctx, Date.now());
          if (ctx.effects.incidents.length > 0 && attempts + 1 < this.config.continuation.maxAttempts) {
            throw new RetryLater(ctx.effects.incidents.map((i) => i.failure.message).join('; '));
          }
          await this.store.save(tx, loaded, ctx, Date.now());
        }
        await tx.execute('DELETE FROM continuation_outbox WHERE id = ?', [outboxId]);
        return 'done' as const;
      });
      if (instanceId) this.settle.notify(instanceId);
      return { kind: outcome, processInstanceId: instanceId };
    } catch (error) {
      if (!instanceId) throw error;
      return this.recordFailure(outboxId, instanceId, attempts + 1, error);
    }
  }

  private async recordFailure(outboxId: string, instanceId: string, attempt: number, error: unknown): Promise<ContinuationOutcome> {
    const message = error instanceof Error ? error.message : String(error);
    const exhausted = attempt >= this.config.continuation.maxAttempts;
    const delayMs = this.config.continuation.backoffMs * 2 ** (attempt - 1);
    const now = Date.now();
    const incidentId = randomUUID();
    await this.db.transaction(async (tx) => {
      await tx.execute('UPDATE continuation_outbox SET attempts = ?, available_at = ?, last_error = ?, status = ? WHERE id = ?', [
        attempt, now + delayMs, message, exhausted ? 'failed' : 'pending', outboxId,
      ]);
      if (!exhausted) return;
      const [instance] = await tx.query<{ process_definition_id: string; tenant_id: string }>(
        'SELECT process_definition_id, tenant_id FROM process_instance WHERE id = ?',
        [instanceId],
      );
      await tx.execute(
        `INSERT INTO incident (id, process_instance_id, process_definition_id, incident_type, activity_id, execution_id, message, tenant_id, created_at)
         VALUES (?, ?, ?, 'failedJob', NULL, ?, ?, ?, ?)`,
        [incidentId, instanceId, instance?.process_definition_id ?? '', outboxId, message, instance?.tenant_id ?? '', now],
      );
      await this.history.recordOutside(tx, instanceId, { kind: 'incident-created', detail: { message, incidentId, incidentType: 'failedJob' } }, now);
    });
    if (exhausted) {
      this.logger.error({
        msg: `Continuation ${outboxId} of instance ${instanceId} failed ${attempt} times and became an incident: ${message}`,
        outboxId,
        processInstanceId: instanceId,
        attempt,
      });
      this.settle.notify(instanceId);
      return { kind: 'failed', processInstanceId: instanceId };
    }
    this.logger.warn({
      msg: `Continuation ${outboxId} of instance ${instanceId} failed (attempt ${attempt}), retrying in ${delayMs} ms: ${message}`,
      outboxId,
      processInstanceId: instanceId,
      attempt,
      delayMs,
    });
    return { kind: 'retry', processInstanceId: instanceId, delayMs };
  }
}
