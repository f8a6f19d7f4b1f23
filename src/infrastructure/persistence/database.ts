import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';

export type Dialect = 'sqlite' | 'postgres';
export type Row = Record<string, unknown>;

/** SQL with `?` placeholders, the same text for both drivers. */
export interface Sql {
  readonly dialect: Dialect;
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it changed. */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
}

/** A statement context inside a transaction. */
export interface Tx extends Sql {
  /** Runs after a successful commit (enqueueing continuations, notifying waiters). Never on rollback. */
  afterCommit(hook: () => void | Promise<void>): void;
}

const RETRYABLE_PG_CODES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 6;

/**
 * The one way commands talk to the database. Every command runs in one transaction:
 * - PostgreSQL: READ COMMITTED on a pooled connection, instance rows locked with SELECT … FOR UPDATE, and
 *   the whole transaction retried on serialization failures and deadlocks;
 * - SQLite: one connection, so transactions (and reads, which would otherwise see a transaction in
 *   progress on that connection) are serialised in-process, and BEGIN IMMEDIATE takes the write lock up
 *   front so other processes on the same file wait instead of failing half-way.
 * Hot paths use plain SQL through TypeORM's query runner rather than the entity manager.
 */
@Injectable()
export class Database {
  readonly dialect: Dialect;
  private readonly logger = new Logger(Database.name);
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.dialect = dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite';
  }

  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dialect === 'sqlite' ? this.serialised(() => this.sqliteTransaction(work)) : this.postgresTransaction(work);
  }

  async read<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    if (this.dialect === 'sqlite') return this.serialised(() => work(this.executor(this.dataSource.createQueryRunner())));
    const runner = this.dataSource.createQueryRunner();
    try {
      return await work(this.executor(runner));
    } finally {
      await runner.release();
    }
  }

  private async sqliteTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const hooks: (() => void | Promise<void>)[] = [];
    const runner = this.dataSource.createQueryRunner();
    const tx: Tx = { ...this.executor(runner), afterCommit: (hook) => void hooks.push(hook) };
    await runner.query('BEGIN IMMEDIATE');
    let result: T;
    try {
      result = await work(tx);
      await runner.query('COMMIT');
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    this.runHooks(hooks);
    return result;
  }

  private async postgresTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const runner = this.dataSource.createQueryRunner();
      const hooks: (() => void | Promise<void>)[] = [];
      try {
        await runner.connect();
        // READ COMMITTED is the connections' default (data-source.ts): naming it here would cost a round trip.
        await runner.startTransaction();
        const result = await work({ ...this.executor(runner), afterCommit: (hook) => void hooks.push(hook) });
        await runner.commitTransaction();
        this.runHooks(hooks);
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
        if (code && RETRYABLE_PG_CODES.has(code) && attempt < MAX_ATTEMPTS) {
          await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
          continue;
        }
        throw error;
      } finally {
        await runner.release();
      }
    }
  }

  private executor(runner: QueryRunner): Sql {
    const run = (sql: string, params: readonly unknown[] = []) => {
      const text = this.dialect === 'postgres' ? numberPlaceholders(sql) : sql;
      const values = params.map(this.dialect === 'sqlite' ? sqliteValue : (v: unknown) => (v === undefined ? null : v));
      return runner.query(text, values, true) as Promise<{ records: unknown[]; affected?: number }>;
    };
    return {
      dialect: this.dialect,
      query: async <T>(sql: string, params?: readonly unknown[]) => (await run(sql, params)).records as T[],
      execute: async (sql: string, params?: readonly unknown[]) => (await run(sql, params)).affected ?? 0,
    };
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.sqliteQueue.then(work, work);
    this.sqliteQueue = next.catch(() => undefined);
    return next;
  }

  private runHooks(hooks: (() => void | Promise<void>)[]): void {
    for (const hook of hooks) {
      Promise.resolve()
        .then(hook)
        .catch((error: unknown) => this.logger.error(`after-commit hook failed: ${String(error)}`));
    }
  }
}

function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

function sqliteValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
