// Scenario 3 — scale: correlation latency with 1,000 / 100,000 / 1,000,000 instances waiting (PostgreSQL +
// Redis, worker process). The waiting instances are written by the bulk loader (bench/bulk-load.mjs) as
// copies of a template instance the engine started through its own start path; one copy is checked against
// the template field by field. At each size, M extra "probe" copies are loaded and then correlated through
// native POST /messages at 50 connections, so `size` instances stay waiting during the measurement.
// API and worker RSS are sampled during each measurement.
import { log, round } from '../lib/common.mjs';
import { withSql } from '../lib/db.mjs';
import { deployPaymentWait, drained, startEngine, startTemplate } from '../lib/engine.mjs';
import { sampleRss } from '../lib/procs.mjs';
import { loadPostgres, verifyCopy } from '../bulk-load.mjs';
import { measured, routes } from './correlation.mjs';

export async function scaleScenario(sizes, { runDir, maxSeconds }) {
  const M = sizes.scaleProbes;
  const engine = await startEngine('postgres', 's3-pg', { runDir });
  const out = { backend: 'PostgreSQL + Redis, worker process', M, points: [] };
  try {
    await deployPaymentWait(engine);
    const template = await startTemplate(engine);
    let loaded = 0;
    for (const size of sizes.scale) {
      const t0 = Date.now();
      if (size > loaded) {
        log(`s3: bulk-loading ${size - loaded} waiting instances (total ${size})`);
        await loadPostgres({ ...engine.backend, templateId: template, count: size - loaded, start: loaded, keyPrefix: 'bg-' });
        loaded = size;
      }
      await loadPostgres({ ...engine.backend, templateId: template, count: M, keyPrefix: `p${size}-` });
      const loadSeconds = (Date.now() - t0) / 1000;
      if (out.points.length === 0) {
        const problems = await withSql(engine.backend, (q) => verifyCopy(q, template, 'bg-0'));
        out.copyMatchesTemplate = problems.length === 0;
        if (problems.length) log(`warning: bulk-loaded copy differs from the template:\n${problems.join('\n')}`);
      }
      const rssIdle = sampleRss({ api: engine.api, worker: engine.worker }).stop().last;
      log(`s3: ${size} waiting: correlating ${M} probes (native POST /messages, 50 connections)`);
      const m = await measured(engine, { title: `s3 ${size}`, step: routes.native(`p${size}-`), amount: M, maxSeconds });
      await drained(engine);
      out.points.push({
        waiting: size,
        loadSeconds: round(loadSeconds, 1),
        rate: m.rate,
        p50: m.p50,
        p99: m.p99,
        errors: m.errors,
        lag: m.lag,
        rss: { api: Math.max(m.rss.api ?? 0, rssIdle.api ?? 0), worker: Math.max(m.rss.worker ?? 0, rssIdle.worker ?? 0) },
        cpu: m.cpu,
      });
    }
    const first = out.points[0];
    const last = out.points.at(-1);
    out.p50Ratio = round(last.p50 / first.p50, 2);
    out.p99Ratio = round(last.p99 / first.p99, 2);
  } finally {
    await engine.cleanup();
  }
  return out;
}
