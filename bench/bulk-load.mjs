#!/usr/bin/env node
// Bulk loader for waiting instances (benchmark scenario 3 and the raw-transaction ceilings).
//
// Starting a million instances through HTTP takes far too long, so the loader copies ONE real instance that
// the engine itself started and ran to its wait state (the template) and writes N copies of exactly its rows:
//   process_instance  (same columns; the snapshot JSON with every id of the instance replaced),
//   variable          (same rows; the correlation key variable gets a new value per copy),
//   event_subscription (same rows, new ids).
// Ids are mapped consistently inside a copy: the instance id everywhere (row id, correlation_id, the
// snapshot's processInstanceId and element keys, execution/scope ids), and every other id of the template
// (element instances, subscriptions, variables) to one fresh UUID per copy. Nothing else changes: timestamps,
// revision, definition, tenant, the snapshot's shape are the template's. The template must have settled (no
// outbox row, no tasks), so copies are instances waiting at the same element, as the engine leaves them.
//
// PostgreSQL: generated server-side (generate_series + gen_random_uuid, PostgreSQL 13+) in batches, one
// statement per batch writing all three tables, then ANALYZE (what autovacuum does after such growth).
// SQLite: generated in JS, one transaction per batch, no ANALYZE (the engine never runs it there).
//
//   node bench/bulk-load.mjs --database-url postgres://… --schema bench_x --template <instanceId> \
//        --count 100000 [--key-variable orderId] [--key-prefix bg-] [--start 0] [--batch 20000]
//   node bench/bulk-load.mjs --sqlite ./data/engine.sqlite --template <instanceId> --count 20000
//   (--verify checks one copy against the template and exits)
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

import { log } from './lib/common.mjs';
import { Database, pgClient } from './lib/db.mjs';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const HAS_UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
const TABLES = ['process_instance', 'variable', 'event_subscription'];

/** Reads the template's rows and works out which strings are ids of the instance (to be replaced per copy). */
export async function readTemplate(query, templateId, keyVariable) {
  const [instance] = await query('SELECT * FROM process_instance WHERE id = ?', [templateId]);
  if (!instance) throw new Error(`template instance ${templateId} not found`);
  if (instance.state !== 'running') throw new Error(`template instance ${templateId} is ${instance.state}, not waiting`);
  const variables = await query('SELECT * FROM variable WHERE process_instance_id = ? ORDER BY name, id', [templateId]);
  const subscriptions = await query('SELECT * FROM event_subscription WHERE process_instance_id = ? ORDER BY id', [templateId]);
  const outbox = await query('SELECT id FROM continuation_outbox WHERE process_instance_id = ?', [templateId]);
  const tasks = await query('SELECT id FROM user_task WHERE process_instance_id = ? UNION ALL SELECT id FROM external_task WHERE process_instance_id = ?', [templateId, templateId]);
  if (outbox.length > 0) throw new Error('template instance still has continuation work pending; wait until it settles');
  if (tasks.length > 0) throw new Error('template instance holds tasks; the loader copies instances waiting for messages only');
  if (subscriptions.length === 0) throw new Error('template instance waits for nothing');
  const keyRow = variables.find((v) => v.name === keyVariable);
  if (!keyRow || keyRow.type !== 'String' || keyRow.text_value !== keyRow.text_key) {
    throw new Error(`template instance needs a short String variable '${keyVariable}' (the correlation key)`);
  }
  const protectedText = `${instance.process_definition_id} ${instance.process_definition_key}`;
  const ids = new Set([templateId]);
  for (const m of String(instance.snapshot).matchAll(UUID)) ids.add(m[0]);
  for (const r of [...variables, ...subscriptions]) ids.add(String(r.id));
  for (const id of [...ids]) if (protectedText.includes(id)) ids.delete(id);
  // Index 0 is always the instance id.
  const idList = [templateId, ...[...ids].filter((id) => id !== templateId)];
  return { rows: { process_instance: [instance], variable: variables, event_subscription: subscriptions }, ids: idList, keyValue: keyRow.text_value, keyVariable };
}

/** Maps one template value to the value of copy `n`: ids -> fresh ids, the key -> `${prefix}${n}`. */
function mapValue(value, column, row, template, fresh, key) {
  if (typeof value !== 'string') return value;
  if (row.name === template.keyVariable && (column === 'text_value' || column === 'text_key') && value === template.keyValue) return key;
  const exact = template.ids.indexOf(value);
  if (exact >= 0) return fresh[exact];
  if (!HAS_UUID.test(value)) return value;
  return value.replace(UUID, (m) => {
    const i = template.ids.indexOf(m);
    return i >= 0 ? fresh[i] : m;
  });
}

export async function loadSqlite({ path, templateId, count, keyVariable = 'orderId', keyPrefix = 'bg-', start = 0, batch = 20_000 }) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  try {
    const query = async (sql, params) => db.prepare(sql).all(...params);
    const template = await readTemplate(query, templateId, keyVariable);
    const inserts = Object.fromEntries(
      TABLES.map((t) => {
        const cols = Object.keys(template.rows[t][0] ?? {});
        return [t, cols.length ? { cols, stmt: db.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`) } : undefined];
      }),
    );
    const insertBatch = db.transaction((from, to) => {
      for (let n = from; n < to; n++) {
        const fresh = template.ids.map(() => randomUUID());
        const key = `${keyPrefix}${n}`;
        for (const t of TABLES) {
          const ins = inserts[t];
          if (!ins) continue;
          for (const row of template.rows[t]) ins.stmt.run(...ins.cols.map((c) => mapValue(row[c], c, row, template, fresh, key)));
        }
      }
    });
    const t0 = Date.now();
    for (let from = start; from < start + count; from += batch) {
      insertBatch(from, Math.min(start + count, from + batch));
    }
    // No ANALYZE: the engine never runs it on SQLite, so neither does the copy (plans stay the engine's).
    return { count, seconds: (Date.now() - t0) / 1000 };
  } finally {
    db.close();
  }
}

export async function loadPostgres({ url, schema, templateId, count, keyVariable = 'orderId', keyPrefix = 'bg-', start = 0, batch = 20_000, onProgress }) {
  const client = await pgClient(schema, url);
  try {
    await client.query('SET synchronous_commit = off');
    const query = async (sql, params) => {
      let n = 0;
      return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
    };
    const template = await readTemplate(query, templateId, keyVariable);
    const types = await columnTypes(client, schema);
    const lit = (v, table, col) => {
      if (v === null || v === undefined) return `NULL::${types[table][col]}`;
      if (typeof v === 'number' || typeof v === 'bigint') return `${v}::${types[table][col]}`;
      if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
      return `${client.escapeLiteral(String(v))}::${types[table][col]}`;
    };
    // The SQL expression of a column of copy n: literals from the template, ids from the generated uuids.
    const expr = (table, row, col) => {
      const v = row[col];
      if (typeof v !== 'string') return lit(v, table, col);
      if (row.name === template.keyVariable && (col === 'text_value' || col === 'text_key') && v === template.keyValue) {
        return `(${client.escapeLiteral(keyPrefix)} || ids.n::text)`;
      }
      const exact = template.ids.indexOf(v);
      if (exact >= 0) return `ids.u${exact}`;
      let e = client.escapeLiteral(v);
      template.ids.forEach((id, i) => {
        if (v.includes(id)) e = `replace(${e}, ${client.escapeLiteral(id)}, ids.u${i})`;
      });
      return `${e}::${types[table][col]}`;
    };
    const parts = [];
    for (const t of TABLES) {
      for (const row of template.rows[t]) {
        const cols = Object.keys(row);
        parts.push(`INSERT INTO ${t} (${cols.join(', ')}) SELECT ${cols.map((c) => expr(t, row, c)).join(', ')} FROM ids`);
      }
    }
    const uuidCols = template.ids.map((_, i) => `gen_random_uuid()::text AS u${i}`).join(', ');
    const [last, ...rest] = parts.reverse();
    const sql =
      `WITH ids AS MATERIALIZED (SELECT g AS n, ${uuidCols} FROM generate_series($1::bigint, $2::bigint) g)` +
      rest.reverse().map((p, i) => `, w${i} AS (${p})`).join('') +
      ` ${last}`;
    const t0 = Date.now();
    for (let from = start; from < start + count; from += batch) {
      const to = Math.min(start + count, from + batch) - 1;
      await client.query(sql, [from, to]);
      onProgress?.(to - start + 1, count);
    }
    await client.query(`ANALYZE ${TABLES.join(', ')}`);
    return { count, seconds: (Date.now() - t0) / 1000 };
  } finally {
    await client.end();
  }
}

async function columnTypes(client, schema) {
  const { rows } = await client.query(
    `SELECT table_name, column_name, CASE WHEN data_type = 'character varying' THEN 'varchar' ELSE data_type END AS type
       FROM information_schema.columns WHERE table_schema = $1 AND table_name = ANY($2)`,
    [schema, TABLES],
  );
  const out = Object.fromEntries(TABLES.map((t) => [t, {}]));
  for (const r of rows) out[r.table_name][r.column_name] = r.type;
  return out;
}

/**
 * Checks one copy against the template: mapping its ids back (by position in the snapshot and by row) must
 * give the template's rows exactly, apart from the key value.
 */
export async function verifyCopy(query, templateId, copyKey, keyVariable = 'orderId') {
  const template = await readTemplate(query, templateId, keyVariable);
  const [v] = await query('SELECT process_instance_id FROM variable WHERE name = ? AND text_key = ?', [keyVariable, copyKey]);
  if (!v) throw new Error(`no copy with ${keyVariable} = ${copyKey}`);
  const copy = await readTemplate(query, v.process_instance_id, keyVariable);
  const back = new Map();
  const tSnap = [...String(template.rows.process_instance[0].snapshot).matchAll(UUID)].map((m) => m[0]);
  const cSnap = [...String(copy.rows.process_instance[0].snapshot).matchAll(UUID)].map((m) => m[0]);
  cSnap.forEach((id, i) => back.set(id, tSnap[i]));
  for (const t of ['variable', 'event_subscription']) copy.rows[t].forEach((r, i) => back.set(String(r.id), String(template.rows[t][i]?.id)));
  back.set(copy.ids[0], template.ids[0]);
  const unmap = (value) => (typeof value === 'string' ? value.replace(UUID, (m) => back.get(m) ?? m) : value);
  const problems = [];
  for (const t of TABLES) {
    if (copy.rows[t].length !== template.rows[t].length) problems.push(`${t}: ${copy.rows[t].length} rows, template ${template.rows[t].length}`);
    copy.rows[t].forEach((row, i) => {
      for (const [col, value] of Object.entries(row)) {
        const expected = template.rows[t][i]?.[col];
        const got = row.name === keyVariable && (col === 'text_value' || col === 'text_key') ? template.keyValue : unmap(value);
        if (String(got) !== String(expected)) problems.push(`${t}.${col}: ${String(got).slice(0, 80)} != ${String(expected).slice(0, 80)}`);
      }
    });
  }
  return problems;
}

async function main() {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      schema: { type: 'string', default: 'public' },
      sqlite: { type: 'string' },
      template: { type: 'string' },
      count: { type: 'string', default: '1000' },
      'key-variable': { type: 'string', default: 'orderId' },
      'key-prefix': { type: 'string', default: 'bg-' },
      start: { type: 'string', default: '0' },
      batch: { type: 'string', default: '20000' },
      verify: { type: 'string' },
    },
  });
  if (!values.template || (!values.sqlite && !values['database-url'])) {
    console.error('usage: bulk-load.mjs (--database-url URL [--schema S] | --sqlite FILE) --template INSTANCE_ID --count N [--key-prefix P] [--verify KEY]');
    process.exit(2);
  }
  const common = {
    templateId: values.template,
    count: Number(values.count),
    keyVariable: values['key-variable'],
    keyPrefix: values['key-prefix'],
    start: Number(values.start),
    batch: Number(values.batch),
  };
  if (values.verify) {
    const backend = values.sqlite ? { kind: 'sqlite', path: values.sqlite } : { kind: 'postgres', url: values['database-url'], schema: values.schema };
    const { withSql } = await import('./lib/db.mjs');
    const problems = await withSql(backend, (q) => verifyCopy(q, values.template, values.verify, values['key-variable']));
    console.log(problems.length ? problems.join('\n') : 'copy matches the template');
    process.exit(problems.length ? 1 : 0);
  }
  const result = values.sqlite
    ? await loadSqlite({ path: values.sqlite, ...common })
    : await loadPostgres({ url: values['database-url'], schema: values.schema, ...common, onProgress: (done, total) => log(`loaded ${done}/${total}`) });
  console.log(JSON.stringify(result));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
