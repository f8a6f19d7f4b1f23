// Peer (c): the ceiling for one correlation's database work — a bare Fastify server that runs, per
// POST /message (the body of the engine's native POST /messages), one raw transaction of the same shape as
// the engine's trigger transaction, on the engine's own schema and rows (bulk-loaded waiting instances):
//   1. find the waiting subscription by correlation key and message name (an index lookup on the variable,
//      then the subscription by instance) and lock it together with its instance row, reading the snapshot
//      (one statement; FOR UPDATE OF s, p on PostgreSQL);
//   2. update the token: the snapshot JSON with the subscription consumed and the catch event completing,
//      revision + 1;
//   3. insert the message payload as variables (upsert on scope and name, as the engine does);
//   4. delete the subscription;
//   5. write the continuation outbox row.
// PostgreSQL through `pg` with named (prepared) statements and a pool; SQLite through better-sqlite3 with
// prepared statements in an IMMEDIATE transaction. No ORM, no framework beyond Fastify, no logging.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

import Fastify from 'fastify';

const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    driver: { type: 'string' },
    'database-url': { type: 'string' },
    schema: { type: 'string' },
    sqlite: { type: 'string' },
    pool: { type: 'string', default: '16' },
  },
});

// Driven from the variable index (name, type, text_key) to the subscription by instance: CROSS JOIN makes
// SQLite keep that join order whatever its statistics; PostgreSQL plans it the same way.
const MATCH = `SELECT s.id, s.process_instance_id, p.snapshot
  FROM variable k CROSS JOIN event_subscription s JOIN process_instance p ON p.id = s.process_instance_id
  WHERE k.name = ? AND k.type = 'String' AND k.text_key = ? AND k.text_value = ?
    AND s.process_instance_id = k.process_instance_id AND s.event_type = 'message' AND s.event_name = ?
  ORDER BY s.created_at, s.id LIMIT 1`;
const UPDATE = 'UPDATE process_instance SET snapshot = ?, revision = revision + 1 WHERE id = ?';
const UPSERT_VAR = `INSERT INTO variable (id, process_instance_id, scope_id, name, type, text_value, text_key, long_value, double_value, value_info, updated_at)
  VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, NULL, NULL, ?)
  ON CONFLICT (scope_id, name) DO UPDATE SET type = excluded.type, text_value = excluded.text_value, text_key = excluded.text_key,
    long_value = excluded.long_value, double_value = excluded.double_value, value_info = excluded.value_info, updated_at = excluded.updated_at`;
const DELETE_SUB = 'DELETE FROM event_subscription WHERE id = ?';
const OUTBOX = `INSERT INTO continuation_outbox (id, process_instance_id, status, attempts, created_at, available_at)
  VALUES (?, ?, 'pending', 0, ?, ?) ON CONFLICT (process_instance_id) DO NOTHING`;

/** What the engine's trigger does to the snapshot: the subscription is consumed, its element completes. */
function moveToken(snapshotText, subscriptionId) {
  const state = JSON.parse(snapshotText);
  const sub = state.subscriptions?.[subscriptionId];
  if (sub) {
    delete state.subscriptions[subscriptionId];
    const owner = state.elements?.[sub.ownerId];
    if (owner) owner.state = 'completing';
    state.agenda = [...(state.agenda ?? []), { kind: 'complete', elementInstanceId: sub.ownerId }];
  }
  return JSON.stringify(state);
}

function readBody(body) {
  const messageName = body?.messageName;
  const [[name, criterion] = []] = Object.entries(body?.correlationKeys ?? {});
  if (typeof messageName !== 'string' || !name || typeof criterion?.value !== 'string') return undefined;
  const payload = Object.entries(body.payload ?? {}).filter(([, v]) => Number.isInteger(v));
  return { messageName, name, key: criterion.value, payload };
}

const app = Fastify({ logger: false });
app.get('/ready', async () => ({ ok: true }));

if (values.driver === 'pg') {
  const pg = require('pg');
  const pool = new pg.Pool({ connectionString: values['database-url'], max: Number(values.pool), options: `-c search_path=${values.schema}` });
  const q = (name, text) => {
    let n = 0;
    return { name, text: text.replace(/\?/g, () => `$${++n}`) };
  };
  const S = {
    match: q('match', `${MATCH} FOR UPDATE OF s, p`),
    update: q('update', UPDATE),
    upsert: q('upsert', UPSERT_VAR),
    del: q('del', DELETE_SUB),
    outbox: q('outbox', OUTBOX),
  };
  app.post('/message', async (request, reply) => {
    const m = readBody(request.body);
    if (!m) return reply.code(400).send({ error: 'bad request' });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query({ ...S.match, values: [m.name, m.key, m.key, m.messageName] });
      if (rows.length === 0) {
        await client.query('ROLLBACK');
        return reply.code(400).send({ error: 'no match' });
      }
      const { id, process_instance_id: pi, snapshot } = rows[0];
      const now = Date.now();
      await client.query({ ...S.update, values: [moveToken(snapshot, id), pi] });
      for (const [name, value] of m.payload) await client.query({ ...S.upsert, values: [randomUUID(), pi, pi, name, 'Integer', value, now] });
      await client.query({ ...S.del, values: [id] });
      await client.query({ ...S.outbox, values: [randomUUID(), pi, now, now] });
      await client.query('COMMIT');
      return { correlated: [{ processInstanceId: pi, eventId: id }] };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  });
} else if (values.driver === 'sqlite') {
  const Database = require('better-sqlite3');
  const db = new Database(values.sqlite);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const S = {
    match: db.prepare(MATCH),
    update: db.prepare(UPDATE),
    upsert: db.prepare(UPSERT_VAR),
    del: db.prepare(DELETE_SUB),
    outbox: db.prepare(OUTBOX),
  };
  // SQLite has one writer: BEGIN IMMEDIATE takes the write lock first, which is what locks the subscription.
  const correlate = db.transaction((m) => {
    const row = S.match.get(m.name, m.key, m.key, m.messageName);
    if (!row) return undefined;
    const { id, process_instance_id: pi, snapshot } = row;
    const now = Date.now();
    S.update.run(moveToken(snapshot, id), pi);
    for (const [name, value] of m.payload) S.upsert.run(randomUUID(), pi, pi, name, 'Integer', value, now);
    S.del.run(id);
    S.outbox.run(randomUUID(), pi, now, now);
    return { processInstanceId: pi, eventId: id };
  });
  app.post('/message', async (request, reply) => {
    const m = readBody(request.body);
    if (!m) return reply.code(400).send({ error: 'bad request' });
    const result = correlate.immediate(m);
    if (!result) return reply.code(400).send({ error: 'no match' });
    return { correlated: [result] };
  });
} else {
  console.error('--driver pg|sqlite');
  process.exit(2);
}

await app.listen({ port: Number(values.port), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
