// Scenario 1 — correlation throughput. K payment-wait instances wait at the catch event (started through
// the engine's own start path); then one message per instance, by its correlation key, at 50 connections
// until all are consumed:
//   camunda   POST /engine-rest/message (answers after the continuation reached the user task)
//   native    POST /messages            (answers once the trigger committed; continuation asynchronous)
//   half      POST /messages at half the native peak rate: p99 latency and continuation lag at that load
// preceded by two smaller profiled runs (camunda, native) that also serve as warm-up and whose figures are
// not used: the CPU profile of the API (and worker) while correlating, so that a missed target can be
// explained. On PostgreSQL the tables are ANALYZEd after seeding (as autovacuum would be a minute later).
import { cpuSnapshot, cpuWindow, quietGate } from '../lib/cpu.mjs';
import { log, round } from '../lib/common.mjs';
import { analyze, counts } from '../lib/db.mjs';
import { deployPaymentWait, drained, seedWaiting, startEngine } from '../lib/engine.mjs';
import { runLoad } from '../lib/load.mjs';
import { sampleRss } from '../lib/procs.mjs';
import { diffHistogram, lagSummary, scrapeHistogram } from '../lib/prom.mjs';

const key = (prefix) => (i) => ({ orderId: { value: `${prefix}${i}`, type: 'String' } });

export const routes = {
  camunda: (prefix) => ({
    path: '/engine-rest/message',
    body: (i) => ({ messageName: 'PaymentArrived', correlationKeys: key(prefix)(i), processVariables: { amount: { value: 1, type: 'Integer' } } }),
  }),
  native: (prefix) => ({
    path: '/messages',
    body: (i) => ({ messageName: 'PaymentArrived', correlationKeys: key(prefix)(i), payload: { amount: 1 } }),
  }),
};

/** One measured window: load + RSS + CPU + continuation lag histogram difference. */
export async function measured(engine, { title, step, amount, overallRate, connections = 50, maxSeconds, profile = false }) {
  await quietGate();
  const lagBefore = await scrapeHistogram(engine.metricsUrl).catch(() => undefined);
  const rss = sampleRss({ api: engine.api, worker: engine.worker });
  const cpu0 = cpuSnapshot();
  if (profile) {
    engine.api.startProfile();
    engine.worker?.startProfile();
  }
  const load = await runLoad({ title, url: engine.api.url, steps: [step], amount, overallRate, connections, maxSeconds });
  const profiles = profile ? { api: await engine.api.stopProfile(), worker: await engine.worker?.stopProfile() } : undefined;
  const cpu = cpuWindow(cpu0);
  // Continuations of the native route may still run: the lag of this window includes them, and the
  // settled rate counts the time until the last of them committed (what the system sustains).
  const drainStart = performance.now();
  await drained(engine, maxSeconds * 1000).catch((error) => log(`warning: ${error.message}`));
  const drainSeconds = (performance.now() - drainStart) / 1000;
  const lagAfter = await scrapeHistogram(engine.metricsUrl).catch(() => undefined);
  const mem = rss.stop();
  const settledRate = Math.round(load.ok / (load.seconds + drainSeconds));
  return { ...load, drainSeconds: Math.round(drainSeconds * 100) / 100, settledRate, lag: lagSummary(diffHistogram(lagAfter, lagBefore)), rss: mem.peak, cpu, profiles };
}

export async function correlationScenario(kind, sizes, { runDir, maxSeconds }) {
  const label = `s1-${kind === 'sqlite' ? 'sqlite' : 'pg'}`;
  const K = sizes.correlations;
  const P = sizes.profiled;
  const H = Math.max(50, Math.floor(K / 2));
  const engine = await startEngine(kind, label, { runDir, profile: true });
  const out = { backend: kind === 'sqlite' ? 'SQLite, in-process continuation' : 'PostgreSQL + Redis, worker process', K };
  try {
    await deployPaymentWait(engine);
    // The profiled runs come first and double as warm-up (JIT, pools); without them a small plain warm-up.
    const W = P > 0 ? 0 : Math.min(200, Math.max(20, Math.floor(K / 10)));
    const seedPlan = [['w-', W], ['pc-', P], ['pn-', P], ['c-', K], ['n-', K], ['h-', H]].filter(([, n]) => n > 0);
    let expected = 0;
    out.seed = [];
    for (const [prefix, n] of seedPlan) {
      expected += n;
      log(`${label}: seeding ${n} waiting instances (${prefix}*) through POST /process_models/payment-wait/start`);
      out.seed.push(await seedWaiting(engine, { count: n, prefix, expectWaiting: expected, maxSeconds }));
    }
    out.analyzed = await analyze(engine.backend);
    const rssSeeded = sampleRss({ api: engine.api, worker: engine.worker }).stop().last;
    out.rssAfterSeeding = rssSeeded;

    if (P > 0) {
      log(`${label}: profiled runs, camunda and native, ${P} each (warm-up; figures not used)`);
      out.profiledCamunda = await measured(engine, { title: `${label} camunda profiled`, step: routes.camunda('pc-'), amount: P, maxSeconds, profile: true });
      out.profiledNative = await measured(engine, { title: `${label} native profiled`, step: routes.native('pn-'), amount: P, maxSeconds, profile: true });
    } else {
      log(`${label}: warm-up, ${W} messages (not measured)`);
      out.warmUp = await measured(engine, { title: `${label} warm-up`, step: routes.camunda('w-'), amount: W, maxSeconds });
    }
    log(`${label}: camunda POST /engine-rest/message x ${K} at 50 connections`);
    out.camunda = await measured(engine, { title: `${label} camunda`, step: routes.camunda('c-'), amount: K, maxSeconds });
    log(`${label}: native POST /messages x ${K} at 50 connections`);
    out.native = await measured(engine, { title: `${label} native`, step: routes.native('n-'), amount: K, maxSeconds });
    // Half of what the system sustains (answered AND continued), not of how fast the trigger alone answers.
    const half = Math.max(10, Math.round(Math.min(out.native.rate, out.native.settledRate) / 2));
    log(`${label}: native POST /messages x ${H} at ${half}/s (half the peak)`);
    out.half = await measured(engine, { title: `${label} native half rate`, step: routes.native('h-'), amount: H, overallRate: half, maxSeconds });
    const left = await counts(engine.backend, { messageName: 'PaymentArrived', definitionKey: 'payment-wait' });
    out.leftWaiting = left.subscriptions;
    out.incidents = left.incidents;
    out.allConsumed = left.subscriptions === 0;
    out.seedRate = round(out.seed.reduce((s, x) => s + x.requests, 0) / out.seed.reduce((s, x) => s + x.seconds + x.settleSeconds, 0), 0);
  } finally {
    await engine.cleanup();
  }
  return out;
}
