import { startEngine, deployPaymentWait, seedWaiting, cleanupAll } from './lib/engine.mjs';
import { stopAll } from './lib/procs.mjs';
import { analyze } from './lib/db.mjs';
import { measured, routes } from './scenarios/correlation.mjs';
import { mkdirSync } from 'node:fs';
const runDir = '/tmp/bx/run6'; mkdirSync(runDir, { recursive: true });
const kind = process.argv[2];
try {
  const e = await startEngine(kind, 'lag', { runDir, profile: true });
  await deployPaymentWait(e);
  await seedWaiting(e, { count: 900, prefix: 'k-', expectWaiting: 900 });
  await analyze(e.backend);
  for (const [conns, n, prof] of [[1, 200, false], [1, 300, true], [10, 400, false]]) {
    const m = await measured(e, { title: 't', step: { path: '/messages', body: (i) => ({ messageName: 'PaymentArrived', correlationKeys: { orderId: { value: `k-${i + (prof ? 200 : conns === 1 ? 0 : 500)}`, type: 'String' } }, payload: { amount: 1 } }) }, amount: n, connections: conns, maxSeconds: 60, profile: prof });
    console.log(conns, 'conns', m.rate, '/s', m.p50, m.p99, 'errors', m.errors, 'lag', JSON.stringify(m.lag), JSON.stringify(m.cpu), m.profiles ? JSON.stringify(m.profiles) : '');
  }
} finally { await stopAll(); await cleanupAll(); }
