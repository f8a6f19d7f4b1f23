import { startEngine, deployPaymentWait, startTemplate, cleanupAll } from './lib/engine.mjs';
import { stopAll } from './lib/procs.mjs';
import { loadSqlite } from './bulk-load.mjs';
import { Database } from './lib/db.mjs';
import { mkdirSync } from 'node:fs';
const runDir = '/tmp/bx/run5'; mkdirSync(runDir, { recursive: true });
try {
  const e = await startEngine('sqlite', 'diag', { runDir });
  await deployPaymentWait(e);
  const t = await startTemplate(e);
  await e.stop();
  for (const n of [1000, 99000]) {
    await loadSqlite({ path: e.backend.path, templateId: t, count: n, keyPrefix: 'k' + n + '-' });
    const db = new Database(e.backend.path, { readonly: true });
    const base = `SELECT s.id FROM event_subscription s WHERE s.event_type = 'message' AND s.event_name = ? AND s.process_instance_id IS NOT NULL AND 1 = 1 AND s.process_instance_id IN (SELECT k0.process_instance_id FROM variable k0 WHERE k0.name = ? AND k0.type = 'String' AND k0.text_key = ? AND k0.text_value = ?) ORDER BY s.created_at, s.id LIMIT 2`;
    const plus = base.replace("s.event_type = 'message' AND s.event_name = ?", "+s.event_type = 'message' AND +s.event_name = ?");
    const cross = `SELECT DISTINCT s.id, s.created_at FROM variable k0 CROSS JOIN event_subscription s WHERE k0.name = ? AND k0.type = 'String' AND k0.text_key = ? AND k0.text_value = ? AND s.process_instance_id = k0.process_instance_id AND s.event_type = 'message' AND s.event_name = ? ORDER BY s.created_at, s.id LIMIT 2`;
    for (const [label, q] of [['engine query', base], ['unary + on type and name', plus], ['cross join from variable', cross]]) {
      const st = db.prepare(q);
      const args = (i) => label.startsWith('cross') ? ['orderId', 'k' + n + '-' + i, 'k' + n + '-' + i, 'PaymentArrived'] : ['PaymentArrived', 'orderId', 'k' + n + '-' + i, 'k' + n + '-' + i];
      if (st.all(...args(7)).length !== 1) throw new Error('wrong result ' + label);
      const t0 = performance.now(); for (let i = 0; i < 500; i++) st.all(...args(i));
      console.log(db.prepare('select count(*) n from event_subscription').get().n, 'waiting', label, ((performance.now() - t0) / 500).toFixed(3), 'ms/query', db.prepare('EXPLAIN QUERY PLAN ' + q).all('a','b','c','d').map(r=>r.detail).join(' | '));
    }
    db.close();
  }
} finally { await stopAll(); await cleanupAll(); }
