import { correlationScenario } from './scenarios/correlation.mjs';
import { stopAll } from './lib/procs.mjs';
import { cleanupAll } from './lib/engine.mjs';
import { mkdirSync } from 'node:fs';
const runDir = '/tmp/bx/run3'; mkdirSync(runDir, { recursive: true });
try {
  const r = await correlationScenario(process.argv[2], { correlations: +process.argv[3] || 500, profiled: 0 }, { runDir, maxSeconds: 120 });
  for (const k of ['camunda','native','half']) { const x = r[k]; console.log(k, x.rate, x.p50, x.p99, x.errors, JSON.stringify(x.lag), JSON.stringify(x.rss), JSON.stringify(x.cpu), JSON.stringify(x.statuses)); }
  console.log('seed', r.seedRate, r.allConsumed, r.leftWaiting, r.incidents);
} finally { await stopAll(); await cleanupAll(); }
