import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/configuration';
import { Database } from '../../infrastructure/persistence/database';

const INTERVAL_MS = 3_600_000;
const BATCH = 500;

/** Deletes ended instances — with their variables, incidents and history — once HISTORY_RETENTION_DAYS have passed. */
@Injectable()
export class HistoryRetentionSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HistoryRetentionSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(Date.now()), INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(now: number): Promise<number> {
    try {
      const cutoff = now - this.config.historyRetentionMs;
      const ids = await this.db.read((sql) =>
        sql.query<{ id: string }>("SELECT id FROM process_instance WHERE state <> 'running' AND ended_at < ? LIMIT ?", [cutoff, BATCH]),
      );
      if (ids.length === 0) return 0;
      const list = ids.map((r) => r.id);
      const marks = list.map(() => '?').join(', ');
      await this.db.transaction(async (tx) => {
        for (const table of ['history_event', 'variable', 'incident']) await tx.execute(`DELETE FROM ${table} WHERE process_instance_id IN (${marks})`, list);
        await tx.execute(`DELETE FROM process_instance WHERE id IN (${marks})`, list);
      });
      this.logger.log(`Deleted ${list.length} ended instance(s) past the retention period`);
      return list.length;
    } catch (error) {
      this.logger.warn(`History retention sweep failed: ${String(error)}`);
      return 0;
    }
  }
}
