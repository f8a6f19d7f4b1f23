#!/usr/bin/env node
// Smoke test of the benchmark harness: every scenario at tiny sizes (the `smoke` preset of bench/run.mjs),
// the three independent lanes side by side. It checks that each scenario RUNS and does what it claims —
// every seeded instance consumed, every end-to-end instance completed, no HTTP errors, the bulk-loaded copy
// identical to the engine's template, the peers producing figures — and never asserts a timing.
// Exits 0 when all checks pass, 1 otherwise; gives up after 120 s (normally well under 60 s).
// Needs the built engine (dist/), PostgreSQL and Redis, like the e2e suites on PostgreSQL + Redis.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { BENCH_DIR, RUN_ID, distDir } from './lib/common.mjs';
import { cleanupAll } from './lib/engine.mjs';
import { stopAll } from './lib/procs.mjs';
import { report, runBenchmarks } from './run.mjs';

const HARD_LIMIT_MS = 120_000;

function checks(r) {
  const problems = [...r.failures];
  const expect = (ok, what) => ok || problems.push(what);
  for (const name of ['correlationSqlite', 'correlationPg']) {
    const s = r[name];
    if (!s || s.failed) continue;
    expect(s.allConsumed, `${name}: ${s.leftWaiting} instances still waiting`);
    expect(s.incidents === 0, `${name}: ${s.incidents} incidents`);
    for (const phase of ['camunda', 'native', 'half']) {
      expect(s[phase].errors === 0, `${name} ${phase}: ${s[phase].errors} errors ${JSON.stringify(s[phase].statuses)}`);
      expect(s[phase].ok > 0 && s[phase].rate > 0, `${name} ${phase}: no throughput figure`);
    }
    expect(s.half.lag.count > 0, `${name}: no continuation lag observed`);
  }
  for (const name of ['endToEndPg', 'endToEndSqlite']) {
    const s = r[name];
    if (!s || s.failed) continue;
    expect(s.completed === s.N && s.running === 0, `${name}: ${s.completed}/${s.N} completed, ${s.running} running`);
    expect(s.errors === 0, `${name}: ${s.errors} errors`);
    expect(s.lag.count >= s.N && s.rowLag.count === s.N, `${name}: lag not measured for every instance`);
  }
  if (r.scale && !r.scale.failed) {
    expect(r.scale.copyMatchesTemplate, 'scale: bulk-loaded copy differs from the template');
    for (const p of r.scale.points) expect(p.errors === 0 && p.rate > 0, `scale ${p.waiting}: ${p.errors} errors`);
    expect(Number.isFinite(r.scale.p50Ratio), 'scale: no p50 ratio');
  }
  for (const name of ['bareFastify', 'rawPg', 'rawSqlite']) {
    const s = r[name];
    if (!s || s.failed) continue;
    expect(s.errors === 0 && s.rate > 0, `${name}: ${s.errors} errors`);
    if (s.leftWaiting !== undefined) expect(s.leftWaiting === 0, `${name}: ${s.leftWaiting} left waiting`);
  }
  const peer = r.bpmnEngine;
  if (peer && !peer.failed) expect(peer.endToEndRate > 0 && peer.deliveryRate > 0 && peer.memory.liveInstances > 0, 'bpmnEngine: no figures');
  return problems;
}

const runDir = join(BENCH_DIR, 'results', `smoke-${RUN_ID}`);
mkdirSync(runDir, { recursive: true });
const watchdog = setTimeout(async () => {
  console.error(`bench smoke: not finished after ${HARD_LIMIT_MS / 1000} s`);
  await stopAll();
  await cleanupAll();
  process.exit(1);
}, HARD_LIMIT_MS);

try {
  const t0 = Date.now();
  const results = await runBenchmarks({ preset: 'smoke', runDir, parallel: true });
  await stopAll();
  await cleanupAll();
  const problems = checks(results);
  const seconds = Math.round((Date.now() - t0) / 1000);
  if (problems.length) {
    console.error(report(results, 'node bench/smoke.mjs'));
    console.error(`\nbench smoke FAILED after ${seconds} s (logs in ${runDir}; engine from ${distDir()}):\n - ${problems.join('\n - ')}`);
    process.exit(1);
  }
  rmSync(runDir, { recursive: true, force: true });
  console.log(`bench smoke passed in ${seconds} s: scenarios 1-4 ran at tiny sizes (no timings asserted); steps (s): ${JSON.stringify(results.stepSeconds)}`);
  clearTimeout(watchdog);
  process.exit(0);
} catch (error) {
  console.error(error);
  await stopAll();
  await cleanupAll();
  process.exit(1);
}
