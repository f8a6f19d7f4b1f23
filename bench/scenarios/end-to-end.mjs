// Scenario 2 — end to end: message start → catch → message → end (bench/fixtures/message-roundtrip.bpmn),
// N instances. Each of 50 connections sends, per instance, the start message (native POST /messages,
// `Prefer: wait=10`: answered once the instance waits at the catch) and then the payment message by its
// correlation key (`Prefer: wait=10`: answered once the instance has ended). Figures:
//   - completed instances/s: N / wall time, checked against the database (N completed, none running);
//   - continuation lag (trigger commit → next wait state committed), from the engine: the
//     bpmn_engine_continuation_lag_seconds histogram of the process that runs continuations (outbox row
//     written → continuation committed; both continuations of every instance), p50/p99 interpolated in its
//     buckets; and, exact per instance for the payment continuation, from the rows it leaves: the instance's
//     ended_at minus the updated_at of the payload variable the trigger wrote.
import { cpuSnapshot, cpuWindow, quietGate } from '../lib/cpu.mjs';
import { FIXTURES, log, round } from '../lib/common.mjs';
import { analyze, counts, withSql } from '../lib/db.mjs';
import { startEngine } from '../lib/engine.mjs';
import { runLoad } from '../lib/load.mjs';
import { deploy, sampleRss } from '../lib/procs.mjs';
import { diffHistogram, lagSummary, scrapeHistogram } from '../lib/prom.mjs';

function percentile(sorted, q) {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export async function endToEndScenario(kind, sizes, { runDir, maxSeconds }) {
  const label = `s2-${kind === 'sqlite' ? 'sqlite' : 'pg'}`;
  const connections = 50;
  // Every connection runs whole instances (start, then payment): N is rounded up to a multiple of 50.
  const N = Math.ceil(sizes.endToEnd / connections) * connections;
  const engine = await startEngine(kind, label, { runDir });
  const out = { backend: kind === 'sqlite' ? 'SQLite, in-process continuation' : 'PostgreSQL + Redis, worker process', N };
  try {
    await deploy(engine.api, FIXTURES.roundtrip);
    const prefer = { prefer: 'wait=10' };
    const steps = (prefix) => [
      { path: '/messages', headers: prefer, body: (i) => ({ messageName: 'BenchOrderReceived', payload: { orderId: `${prefix}${i}` } }) },
      {
        path: '/messages',
        headers: prefer,
        body: (_, ctx) => ({ messageName: 'BenchPaymentReceived', correlationKeys: { orderId: { value: `${prefix}${ctx.i}`, type: 'String' } }, payload: { amount: 1 } }),
      },
    ];
    // Warm-up (not measured): JIT, connection pools, and table statistics as a running system has them.
    const W = Math.ceil(Math.min(1000, Math.max(50, N / 10)) / connections) * connections;
    log(`${label}: warm-up, ${W} instances`);
    const warm = await runLoad({ title: `${label} warm-up`, url: engine.api.url, connections, amount: 2 * W, maxSeconds, steps: steps('w-') });
    out.warmUp = { instances: W, rate: round(W / warm.seconds, 0), errors: warm.errors };
    out.analyzed = await analyze(engine.backend);
    const before = await counts(engine.backend, { definitionKey: 'bench-roundtrip' });
    await quietGate();
    const lagBefore = await scrapeHistogram(engine.metricsUrl);
    const rss = sampleRss({ api: engine.api, worker: engine.worker });
    const cpu0 = cpuSnapshot();
    log(`${label}: ${N} instances, message start → catch → message → end, 50 connections`);
    const load = await runLoad({
      title: label,
      url: engine.api.url,
      connections,
      amount: 2 * N,
      maxSeconds,
      steps: steps('e-'),
    });
    out.cpu = cpuWindow(cpu0);
    out.rss = rss.stop().peak;
    const lagAfter = await scrapeHistogram(engine.metricsUrl);
    const c = await counts(engine.backend, { definitionKey: 'bench-roundtrip' });
    out.completed = c.completed - before.completed;
    out.running = c.running;
    out.incidents = c.incidents;
    out.seconds = load.seconds;
    out.rate = round(c.completed / load.seconds, 0);
    out.errors = load.errors;
    out.statuses = load.statuses;
    out.requestP50 = load.p50;
    out.requestP99 = load.p99;
    out.lag = lagSummary(diffHistogram(lagAfter, lagBefore));
    const lags = await withSql(engine.backend, (q) =>
      q(
        `SELECT p.ended_at - v.updated_at AS lag FROM process_instance p
           JOIN variable v ON v.process_instance_id = p.id AND v.name = 'amount'
           JOIN variable k ON k.process_instance_id = p.id AND k.name = 'orderId' AND k.text_value LIKE 'e-%'
          WHERE p.process_definition_key = 'bench-roundtrip' AND p.state = 'completed'`,
      ),
    );
    const sorted = lags.map((r) => Number(r.lag)).sort((a, b) => a - b);
    out.rowLag = { count: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1) };
  } finally {
    await engine.cleanup();
  }
  return out;
}
