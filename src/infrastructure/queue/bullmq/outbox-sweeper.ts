import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { APP_CONFIG } from '../../../config/config.module';
import { AppConfig } from '../../../config/configuration';
import { Database } from '../../persistence/database';
import { BullmqContinuationDriver } from './bullmq.driver';

/**
 * Enqueues again every pending outbox row older than the lease (and retries whose back-off has passed):
 * a crash between commit and enqueue, a job lost with a killed worker, or a Redis that lost its data are
 * all recovered here. Several sweepers may run; duplicate job ids collapse in BullMQ.
 */
@Injectable()
export class OutboxSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxSweeper.name);
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
    private readonly driver: BullmqContinuationDriver,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.continuation.sweepIntervalMs);
    this.timer.unref();
    void this.sweep();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      const now = Date.now();
      const rows = await this.db.read((sql) =>
        sql.query<{ id: string; process_instance_id: string }>(
          `SELECT id, process_instance_id FROM continuation_outbox WHERE status = 'pending'
             AND ((attempts = 0 AND available_at <= ?) OR (attempts > 0 AND available_at <= ?))
           ORDER BY available_at LIMIT 1000`,
          [now - this.config.continuation.leaseMs, now],
        ),
      );
      for (const row of rows) {
        await this.driver.enqueue(row.id);
        this.logger.debug({ msg: 'Re-enqueued continuation from the outbox', outboxId: row.id, processInstanceId: row.process_instance_id });
      }
      if (rows.length > 0) this.logger.log(`Re-enqueued ${rows.length} continuation(s) from the outbox`);
      return rows.length;
    } catch (error) {
      this.logger.warn(`Outbox sweep failed: ${String(error)}`);
      return 0;
    } finally {
      this.running = false;
    }
  }
}
