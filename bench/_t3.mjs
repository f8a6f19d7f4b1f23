import { startEngine, deployPaymentWait, seedWaiting, cleanupAll } from './lib/engine.mjs';
import { stopAll } from './lib/procs.mjs';
import { pgClient } from './lib/db.mjs';
import { mkdirSync } from 'node:fs';
const runDir = '/tmp/bx/run4'; mkdirSync(runDir, { recursive: true });
try {
  const e = await startEngine('postgres', 'diag', { runDir, redis: false });
  await deployPaymentWait(e);
  await seedWaiting(e, { count: 1000, prefix: 'k-', expectWaiting: 1000 });
  const c = await pgClient(e.backend.schema);
  console.log((await c.query(`select relname, n_live_tup, last_autoanalyze, last_analyze from pg_stat_user_tables where schemaname = $1`, [e.backend.schema])).rows);
  const q = `EXPLAIN (ANALYZE, BUFFERS) SELECT s.id, s.kind, s.process_instance_id, s.process_definition_key, s.execution_id, s.scope_id, s.activity_id, s.tenant_id, s.correlation_id, s.business_key FROM event_subscription s WHERE s.event_type = 'message' AND s.event_name = $1 AND s.process_instance_id IS NOT NULL AND 1 = 1 AND s.process_instance_id IN (SELECT k0.process_instance_id FROM variable k0 WHERE k0.name = $2 AND k0.type = 'String' AND k0.text_key = $3 AND k0.text_value = $4) ORDER BY s.created_at, s.id LIMIT 2`;
  const r = await c.query(q, ['PaymentArrived', 'orderId', 'k-100', 'k-100']);
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  await c.end();
} finally { await stopAll(); await cleanupAll(); }
