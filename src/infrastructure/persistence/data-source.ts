import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import { Client, types as pgTypes } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';

import { DatabaseConfig } from '../../config/configuration';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

// BIGINT columns hold epoch milliseconds and Camunda Long values; numbers, not strings, on both drivers.
pgTypes.setTypeParser(20, (value) => Number(value));

/** Creates the configured PostgreSQL schema if needed; migrations then create the tables in it. */
export async function ensureSchema(config: DatabaseConfig): Promise<void> {
  if (config.type !== 'postgres' || config.schema === 'public') return;
  const client = new Client({ connectionString: config.url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${config.schema}"`);
  } finally {
    await client.end();
  }
}

/**
 * Runs the migrations of a PostgreSQL schema under an advisory lock, so API and worker processes starting
 * together do not race to create the same tables. (SQLite serialises writers on the file itself.)
 */
export async function migratePostgres(config: DatabaseConfig): Promise<void> {
  if (config.type !== 'postgres') return;
  const dataSource = new DataSource({ ...dataSourceOptions(config), migrationsRun: false });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`bpmn-engine-migrations:${config.schema}`]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`bpmn-engine-migrations:${config.schema}`]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}

/** A file database runs in WAL mode, its checkpoints on the checkpointer's thread (sqlite-checkpointer.ts). */
export function usesWal(path: string): boolean {
  return path !== ':memory:' && path !== '';
}

/**
 * TypeORM options for either driver. Migrations run at start-up (on PostgreSQL through migratePostgres,
 * before the application's data source connects); the schema is never synchronised.
 */
export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, logging: false } as const;
  if (config.type === 'postgres') {
    // search_path makes the plain SQL of the repositories find the tables in the configured schema.
    return {
      ...common,
      migrationsRun: false,
      type: 'postgres',
      url: config.url,
      schema: config.schema,
      // READ COMMITTED is set per connection, so that a transaction starts in one round trip (see database.ts).
      extra: { max: config.poolSize, options: `-c search_path=${config.schema} -c default_transaction_isolation=read\\ committed` },
    };
  }
  if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: config.path,
    statementCacheSize: 200,
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      // WAL lets readers in other processes go on while a command writes; NORMAL is durable in WAL mode.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      // Checkpoints run on a thread of their own (sqlite-checkpointer.ts), never in a commit on the event loop.
      if (usesWal(config.path)) db.pragma('wal_autocheckpoint = 0');
    },
  };
}
