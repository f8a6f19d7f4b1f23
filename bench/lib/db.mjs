// Direct database and Redis access of the harness: its own PostgreSQL schemas and queue prefixes (created
// and removed per run), counts used to check that a phase really finished, and version strings.
import { createRequire } from 'node:module';

import { DATABASE_URL, REDIS_URL, log } from './common.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const Database = require('better-sqlite3');
const Redis = require('ioredis');

pg.types.setTypeParser(20, (v) => Number(v));

/** A pg client on the benchmark database with search_path set to `schema`. */
export async function pgClient(schema, url = DATABASE_URL) {
  const client = new pg.Client({ connectionString: url, options: schema ? `-c search_path=${schema}` : undefined });
  await client.connect();
  return client;
}

export async function dropSchema(schema, url = DATABASE_URL) {
  if (!/^bench_[a-z0-9_]+$/.test(schema)) throw new Error(`refusing to drop schema '${schema}' (not a bench_ schema)`);
  const client = await pgClient(undefined, url);
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Removes every Redis key under a queue prefix of this harness (SCAN in bounded pages). */
export async function dropQueuePrefix(prefix, url = REDIS_URL) {
  if (!/^bench-[a-z0-9-]+$/.test(prefix)) throw new Error(`refusing to clear queue prefix '${prefix}'`);
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    let cursor = '0';
    for (let i = 0; i < 100_000; i++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    redis.disconnect();
  }
}

export async function versions() {
  const out = {};
  try {
    const client = await pgClient();
    const { rows } = await client.query('SHOW server_version');
    out.postgres = rows[0].server_version;
    const settings = await client.query("SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'synchronous_commit', 'max_connections')");
    out.postgresSettings = Object.fromEntries(settings.rows.map((r) => [r.name, r.unit ? `${r.setting} ${r.unit}` : r.setting]));
    await client.end();
  } catch (error) {
    out.postgres = `unreachable (${error.message})`;
  }
  try {
    const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    const info = await redis.info('server');
    out.redis = /redis_version:(\S+)/.exec(info)?.[1];
    redis.disconnect();
  } catch (error) {
    out.redis = `unreachable (${error.message})`;
  }
  out.sqlite = new Database(':memory:').prepare('select sqlite_version() v').get().v;
  return out;
}

/** Read-only counts on either backend: { subscriptions, pendingOutbox, running, completed }. */
export async function counts(backend, { messageName, definitionKey } = {}) {
  const sqls = {
    subscriptions: ["SELECT COUNT(*) AS n FROM event_subscription WHERE event_type = 'message' AND event_name = ? AND process_instance_id IS NOT NULL", [messageName]],
    pendingOutbox: ["SELECT COUNT(*) AS n FROM continuation_outbox", []],
    running: ["SELECT COUNT(*) AS n FROM process_instance WHERE process_definition_key = ? AND state = 'running'", [definitionKey]],
    completed: ["SELECT COUNT(*) AS n FROM process_instance WHERE process_definition_key = ? AND state = 'completed'", [definitionKey]],
    incidents: ['SELECT COUNT(*) AS n FROM incident', []],
  };
  return withSql(backend, async (query) => {
    const out = {};
    for (const [k, [sql, params]] of Object.entries(sqls)) {
      if (params.some((p) => p === undefined)) continue;
      out[k] = Number((await query(sql, params))[0].n);
    }
    return out;
  });
}

/** Runs `work(query)` against the backend, where query(sql with ?, params) returns rows. */
export async function withSql(backend, work) {
  if (backend.kind === 'sqlite') {
    const db = new Database(backend.path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    try {
      return await work(async (sql, params = []) => db.prepare(sql).all(...params));
    } finally {
      db.close();
    }
  }
  const client = await pgClient(backend.schema, backend.url);
  try {
    return await work(async (sql, params = []) => {
      let n = 0;
      return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
    });
  } finally {
    await client.end();
  }
}

export function warnOnError(label) {
  return (error) => log(`warning: ${label}: ${error.message}`);
}

export { pg, Database, Redis };

/**
 * ANALYZE the engine's tables of a PostgreSQL backend (no-op for SQLite, which the engine never analyzes).
 * Autovacuum does this by itself about a minute after a table has grown; the harness does it right after
 * seeding so that measurements see the plans a running system has (see RESULTS.md for the plans of a
 * schema that was never analyzed).
 */
export async function analyze(backend) {
  if (backend.kind !== 'postgres') return false;
  const client = await pgClient(backend.schema, backend.url);
  try {
    await client.query('ANALYZE process_instance, variable, event_subscription, continuation_outbox, user_task');
  } finally {
    await client.end();
  }
  return true;
}
