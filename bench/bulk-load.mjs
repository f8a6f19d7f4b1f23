#!/usr/bin/env node
// Bulk loader for waiting instances (benchmark scenario 3 and the raw-transaction ceilings).
//
// Starting a million instances through HTTP takes far too long, so the loader copies ONE real instance that
// the engine itself started and ran to its wait state (the template) and writes N copies of exactly its rows:
// the process_instance row and every row of every table that has a process_instance_id column (today:
// variable, event_subscription, history_event), read from the database with SELECT *, so a table or column
// the engine adds later is copied too. Inside a copy, ids are mapped consistently: the instance id everywhere
// (row ids, correlation_id, the snapshot's processInstanceId and element keys, execution/scope ids, history
// details), and every other UUID of the template (element instances, subscriptions, variables) to one fresh
// UUID per copy; UUIDs that belong to the definition are left alone. The correlation key variable's value is
// replaced by `${keyPrefix}${n}` (in the variable row and wherever it appears as a JSON string, e.g. the
// history's variable-set detail). Database-generated columns (history_event.id) are left to the database.
// Nothing else changes: timestamps, revision, definition, tenant, the snapshot's shape are the template's.
// The template must have settled: no continuation pending, no tasks, no incident.
//
// PostgreSQL: generated server-side (generate_series + gen_random_uuid, PostgreSQL 13+) in batches, one
// statement per batch writing every table, then ANALYZE (what autovacuum does after such growth).
// SQLite: generated in JS, one transaction per batch, no ANALYZE (the engine never runs it there).
//
//   node bench/bulk-load.mjs --database-url postgres://… --schema bench_x --template <instanceId> \
//        --count 100000 [--key-variable orderId] [--key-prefix bg-] [--start 0] [--batch 20000]
//   node bench/bulk-load.mjs --sqlite ./data/engine.sqlite --template <instanceId> --count 20000
//   … --verify <key of a copy>   checks that copy against the template, field by field, and exits
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

import { log } from './lib/common.mjs';
import { Database, pgClient } from './lib/db.mjs';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const HAS_UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
/** Tables whose rows mean the instance is not simply waiting for a message: must be empty for the template. */
const MUST_BE_EMPTY = ['continuation_outbox', 'user_task', 'external_task', 'incident'];

/** The engine's tables: each with its columns and the columns the database generates. */
async function schemaOf(backend, query) {
  const tables = {};
  if (backend === 'sqlite') {
    const names = (await query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", [])).map((r) => r.name);
    for (const name of names) {
      const cols = await query(`SELECT name, type, pk FROM pragma_table_info('${name}')`, []);
      tables[name] = {
        columns: cols.map((c) => c.name),
        generated: cols.filter((c) => c.pk === 1 && /^integer$/i.test(c.type)).map((c) => c.name),
        types: Object.fromEntries(cols.map((c) => [c.name, c.type])),
      };
    }
  } else {
    const cols = await query(
      `SELECT table_name, column_name, column_default, is_identity,
              CASE WHEN data_type = 'character varying' THEN 'varchar' ELSE data_type END AS type
         FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
      [],
    );
    for (const c of cols) {
      const t = (tables[c.table_name] ??= { columns: [], generated: [], types: {} });
      t.columns.push(c.column_name);
      t.types[c.column_name] = c.type;
      if (c.is_identity === 'YES' || String(c.column_default ?? '').startsWith('nextval(')) t.generated.push(c.column_name);
    }
  }
  return tables;
}

/** Reads the template's rows and works out which strings are ids of the instance (to be replaced per copy). */
export async function readTemplate(query, templateId, keyVariable, backend) {
  const schema = await schemaOf(backend, query);
  const [instance] = await query('SELECT * FROM process_instance WHERE id = ?', [templateId]);
  if (!instance) throw new Error(`template instance ${templateId} not found`);
  if (instance.state !== 'running') throw new Error(`template instance ${templateId} is ${instance.state}, not waiting`);
  const rows = { process_instance: [instance] };
  for (const [table, t] of Object.entries(schema)) {
    if (table === 'process_instance' || !t.columns.includes('process_instance_id')) continue;
    const found = await query(`SELECT * FROM ${table} WHERE process_instance_id = ?`, [templateId]);
    if (MUST_BE_EMPTY.includes(table)) {
      if (found.length > 0) throw new Error(`template instance has rows in ${table}: it must be settled and wait for a message only`);
      continue;
    }
    // A stable order, so a copy's rows line up with the template's (generated ids are not compared).
    const key = (r) => JSON.stringify(t.columns.filter((c) => !t.generated.includes(c) && c !== 'id').map((c) => r[c]));
    rows[table] = found.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : String(a.id).localeCompare(String(b.id))));
  }
  if ((rows.event_subscription ?? []).length === 0) throw new Error('template instance waits for nothing');
  const keyRow = (rows.variable ?? []).find((v) => v.name === keyVariable);
  if (!keyRow || keyRow.type !== 'String' || keyRow.text_value !== keyRow.text_key) {
    throw new Error(`template instance needs a short String variable '${keyVariable}' (the correlation key)`);
  }
  const protectedText = `${instance.process_definition_id} ${instance.process_definition_key}`;
  const ids = new Set([templateId]);
  for (const list of Object.values(rows)) {
    for (const row of list) for (const v of Object.values(row)) if (typeof v === 'string') for (const m of v.matchAll(UUID)) ids.add(m[0]);
  }
  for (const id of [...ids]) if (protectedText.includes(id)) ids.delete(id);
  const idList = [templateId, ...[...ids].filter((id) => id !== templateId)];
  return { schema, rows, ids: idList, keyValue: keyRow.text_value, keyVariable };
}

function isKeyColumn(template, row, col) {
  return row.name === template.keyVariable && (col === 'text_value' || col === 'text_key') && row[col] === template.keyValue;
}

/** Maps one template value to the value of copy `n`: ids -> fresh ids, the key -> `${prefix}${n}`. */
function mapValue(value, col, row, template, fresh, key) {
  if (typeof value !== 'string') return value;
  if (isKeyColumn(template, row, col)) return key;
  const exact = template.ids.indexOf(value);
  if (exact >= 0) return fresh[exact];
  let out = value;
  if (HAS_UUID.test(out)) {
    out = out.replace(UUID, (m) => {
      const i = template.ids.indexOf(m);
      return i >= 0 ? fresh[i] : m;
    });
  }
  const quoted = JSON.stringify(template.keyValue);
  return out.includes(quoted) ? out.split(quoted).join(JSON.stringify(key)) : out;
}

function copiedColumns(template, table) {
  const t = template.schema[table];
  return Object.keys(template.rows[table][0] ?? {}).filter((c) => !t.generated.includes(c));
}

export async function loadSqlite({ path, templateId, count, keyVariable = 'orderId', keyPrefix = 'bg-', start = 0, batch = 20_000 }) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  try {
    const query = async (sql, params) => db.prepare(sql).all(...params);
    const template = await readTemplate(query, templateId, keyVariable, 'sqlite');
    const inserts = Object.keys(template.rows)
      .filter((t) => template.rows[t].length > 0)
      .map((t) => {
        const cols = copiedColumns(template, t);
        return { table: t, cols, stmt: db.prepare(`INSERT INTO ${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`) };
      });
    const insertBatch = db.transaction((from, to) => {
      for (let n = from; n < to; n++) {
        const fresh = template.ids.map(() => randomUUID());
        const key = `${keyPrefix}${n}`;
        for (const ins of inserts) {
          for (const row of template.rows[ins.table]) ins.stmt.run(...ins.cols.map((c) => mapValue(row[c], c, row, template, fresh, key)));
        }
      }
    });
    const t0 = Date.now();
    for (let from = start; from < start + count; from += batch) insertBatch(from, Math.min(start + count, from + batch));
    // No ANALYZE: the engine never runs it on SQLite, so neither does the copy (plans stay the engine's).
    return { count, seconds: (Date.now() - t0) / 1000, tables: inserts.map((i) => i.table) };
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
    const template = await readTemplate(query, templateId, keyVariable, 'postgres');
    const cast = (table, col) => `::${template.schema[table].types[col]}`;
    const keyExpr = `(${client.escapeLiteral(keyPrefix)} || ids.n::text)`;
    // The SQL expression of a column of copy n: literals from the template, ids from the generated uuids.
    const expr = (table, row, col) => {
      const v = row[col];
      if (v === null || v === undefined) return `NULL${cast(table, col)}`;
      if (typeof v === 'number' || typeof v === 'bigint') return `${v}${cast(table, col)}`;
      if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
      const text = String(v);
      if (isKeyColumn(template, row, col)) return keyExpr;
      const exact = template.ids.indexOf(text);
      if (exact >= 0) return `ids.u${exact}`;
      let e = client.escapeLiteral(text);
      template.ids.forEach((id, i) => {
        if (text.includes(id)) e = `replace(${e}, ${client.escapeLiteral(id)}, ids.u${i})`;
      });
      const quoted = JSON.stringify(template.keyValue);
      if (text.includes(quoted)) e = `replace(${e}, ${client.escapeLiteral(quoted)}, '"' || ${keyExpr} || '"')`;
      return `${e}${cast(table, col)}`;
    };
    const parts = [];
    const tables = [];
    for (const [table, rows] of Object.entries(template.rows)) {
      if (rows.length === 0) continue;
      tables.push(table);
      const cols = copiedColumns(template, table);
      for (const row of rows) parts.push(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.map((c) => expr(table, row, c)).join(', ')} FROM ids`);
    }
    const uuidCols = template.ids.map((_, i) => `gen_random_uuid()::text AS u${i}`).join(', ');
    const last = parts.pop();
    const sql =
      `WITH ids AS MATERIALIZED (SELECT g AS n, ${uuidCols} FROM generate_series($1::bigint, $2::bigint) g)` +
      parts.map((p, i) => `, w${i} AS (${p})`).join('') +
      ` ${last}`;
    const t0 = Date.now();
    for (let from = start; from < start + count; from += batch) {
      const to = Math.min(start + count, from + batch) - 1;
      await client.query(sql, [from, to]);
      onProgress?.(to - start + 1, count);
    }
    await client.query(`ANALYZE ${tables.join(', ')}`);
    return { count, seconds: (Date.now() - t0) / 1000, tables };
  } finally {
    await client.end();
  }
}

/**
 * Checks one copy against the template: mapping its ids back (by position) must give the template's rows
 * exactly, apart from the key value and database-generated columns. Returns the differences found.
 */
export async function verifyCopy(query, templateId, copyKey, keyVariable = 'orderId', backend = 'postgres') {
  const template = await readTemplate(query, templateId, keyVariable, backend);
  const [v] = await query('SELECT process_instance_id FROM variable WHERE name = ? AND text_key = ?', [keyVariable, copyKey]);
  if (!v) return [`no copy with ${keyVariable} = ${copyKey}`];
  const copy = await readTemplate(query, v.process_instance_id, keyVariable, backend);
  const back = new Map([[copy.ids[0], template.ids[0]]]);
  const problems = [];
  const tables = Object.keys(template.rows);
  // Pair up the ids: same table, same row, same column, same position in the text.
  for (const t of tables) {
    if ((copy.rows[t] ?? []).length !== template.rows[t].length) problems.push(`${t}: ${copy.rows[t]?.length ?? 0} rows, template ${template.rows[t].length}`);
    (copy.rows[t] ?? []).forEach((row, i) => {
      for (const [col, value] of Object.entries(row)) {
        if (typeof value !== 'string') continue;
        const a = [...value.matchAll(UUID)].map((m) => m[0]);
        const b = [...String(template.rows[t][i]?.[col] ?? '').matchAll(UUID)].map((m) => m[0]);
        a.forEach((id, j) => back.has(id) || back.set(id, b[j]));
      }
    });
  }
  const quotedKey = JSON.stringify(copyKey);
  for (const t of tables) {
    const generated = template.schema[t].generated;
    (copy.rows[t] ?? []).forEach((row, i) => {
      for (const [col, value] of Object.entries(row)) {
        if (generated.includes(col)) continue;
        const expected = template.rows[t][i]?.[col];
        let got = value;
        if (typeof got === 'string') {
          got = row.name === keyVariable && (col === 'text_value' || col === 'text_key') && got === copyKey ? template.keyValue : got;
          got = got.replace(UUID, (m) => back.get(m) ?? m).split(quotedKey).join(JSON.stringify(template.keyValue));
        }
        if (String(got) !== String(expected)) problems.push(`${t}.${col}: ${String(got).slice(0, 100)} != ${String(expected).slice(0, 100)}`);
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
    const problems = await withSql(backend, (q) => verifyCopy(q, values.template, values.verify, values['key-variable'], backend.kind));
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
