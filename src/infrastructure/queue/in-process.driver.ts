import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/configuration';
import { Database } from '../persistence/database';
import { ContinuationDriver } from './continuation-driver';
import { ContinuationRunner } from './continuation-runner';

/**
 * Runs continuations inside the API process (the embedded default, without Redis). The outbox makes it as
 * safe as the worker set-up: a sweeper picks up rows whose dispatch was lost (a crash, a restart) once
 * they are older than the lease, and retries wait out their back-off.
 */
@Injectable()
export class InProcessContinuationDriver implements ContinuationDriver, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InProcessContinuationDriver.name);
  private readonly queued = new Set<string>();
  private readonly queue: string[] = [];
  private running = 0;
  private sweeper?: NodeJS.Timeout;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly runner: ContinuationRunner,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep(0);
    this.sweeper = setInterval(() => void this.sweep(this.config.continuation.leaseMs), this.config.continuation.sweepIntervalMs);
    this.sweeper.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.sweeper);
    for (const timer of this.retryTimers) clearTimeout(timer);
  }

  dispatch(outboxIds: readonly string[]): void {
    for (const id of outboxIds) {
      if (this.queued.has(id)) continue;
      this.queued.add(id);
      this.queue.push(id);
    }
    this.drain();
  }

  private drain(): void {
    while (!this.stopped && this.running < this.config.continuation.workerConcurrency && this.queue.length > 0) {
      const id = this.queue.shift()!;
      this.running++;
      void this.runOne(id).finally(() => {
        this.running--;
        this.queued.delete(id);
        this.drain();
      });
    }
  }

  private async runOne(outboxId: string): Promise<void> {
    try {
      const outcome = await this.runner.run(outboxId);
      if (outcome.kind === 'retry' && !this.stopped) {
        const timer = setTimeout(() => {
          this.retryTimers.delete(timer);
          this.dispatch([outboxId]);
        }, outcome.delayMs);
        this.retryTimers.add(timer);
      }
    } catch (error) {
      this.logger.error(`Continuation ${outboxId} could not run: ${String(error)}`);
    }
  }

  /** Dispatches pending rows whose time has come and that nobody in this process is working on. */
  private async sweep(leaseMs: number): Promise<void> {
    if (this.stopped) return;
    try {
      const now = Date.now();
      const rows = await this.db.read((sql) =>
        sql.query<{ id: string; available_at: number; attempts: number }>(
          "SELECT id, available_at, attempts FROM continuation_outbox WHERE status = 'pending' AND available_at <= ? ORDER BY available_at LIMIT 500",
          [now],
        ),
      );
      // Fresh rows are already being handled by whoever committed them; only rows past the lease are lost.
      const due = rows.filter((r) => Number(r.attempts) > 0 || Number(r.available_at) <= now - leaseMs);
      this.dispatch(due.map((r) => r.id));
    } catch (error) {
      if (!this.stopped) this.logger.warn(`Outbox sweep failed: ${String(error)}`);
    }
  }
}
