import { Worker } from 'node:worker_threads';

import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

import { APP_CONFIG } from '../../config/config.module';
import { AppConfig } from '../../config/configuration';
import { usesWal } from './data-source';
import { Database } from './database';

const INTERVAL_MS = 200;

/**
 * better-sqlite3 is synchronous, so a WAL checkpoint run by a commit (SQLite's default every 1,000 pages)
 * stops the event loop while it copies pages into the database file and fsyncs it: with a commit writing
 * ten-odd pages that is every few dozen commits, and it doubled the average commit time. The engine's
 * connection therefore never checkpoints (`wal_autocheckpoint = 0`, see data-source.ts); this worker thread
 * does, on a connection of its own, every INTERVAL_MS in PASSIVE mode, which never blocks the writer. The
 * WAL restarts from its beginning once a checkpoint has caught up, so it stays small. Durability is
 * unchanged: commits are in the WAL either way.
 */
@Injectable()
export class SqliteCheckpointer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SqliteCheckpointer.name);
  private worker?: Worker;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Database,
  ) {}

  onApplicationBootstrap(): void {
    const database = this.config.database;
    if (database.type !== 'sqlite' || !usesWal(database.path)) return;
    // A tiny CommonJS program, so that it runs the same from dist/ and from the TypeScript sources in tests.
    const worker = new Worker(CHECKPOINT_PROGRAM, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), path: database.path, intervalMs: INTERVAL_MS },
    });
    worker.unref();
    worker.on('message', (message: string) => this.logger.warn({ msg: `WAL checkpoint failed: ${message}` }));
    worker.on('error', (error) => this.fallBack(error));
    this.worker = worker;
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  /** Without the thread, the engine's own connection checkpoints again, as SQLite does by default. */
  private fallBack(error: Error): void {
    this.worker = undefined;
    this.logger.error({ msg: `The WAL checkpoint thread stopped (${error.message}); commits checkpoint again` });
    void this.db.read((sql) => sql.query('PRAGMA wal_autocheckpoint = 1000', [])).catch(() => undefined);
  }
}

const CHECKPOINT_PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error && error.message ? error.message : error));
  }
}, workerData.intervalMs);
`;
