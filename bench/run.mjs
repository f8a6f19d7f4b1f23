#!/usr/bin/env node
// The benchmark harness (issue 8): `npm run bench` (full), `npm run bench:quick` (small sizes, < 5 min).
// Runs, in this order, on 127.0.0.1 only, each step bounded in count and time:
//   4  peers and limits: bare Fastify, raw better-sqlite3 and pg correlation transactions, bpmn-engine
//   1  correlation throughput: embedded SQLite, then PostgreSQL + Redis with a worker process
//   2  end to end: PostgreSQL + Redis (the target), then SQLite
//   3  scale: 1k / 100k / 1M waiting instances on PostgreSQL (quick: 1k / 20k)
// and prints one table (also written to bench/results/). Needs the built engine (dist/, `nest build`),
// PostgreSQL (BENCH_DATABASE_URL / TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) and
// Redis (BENCH_REDIS_URL / TEST_REDIS_URL, default redis://127.0.0.1:6379); every scenario uses its own
// schema bench_<run>_* and queue prefix bench-<run>-*, dropped when it ends.
//
//   node bench/run.mjs [--quick | --smoke] [--only s1,s2,s3,s4] [--set size=value,…] [--quiet-wait SECONDS]
//                      [--no-profile] [--out FILE.json]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

import { BENCH_DIR, ROOT, RUN_ID, distDir, log, round } from './lib/common.mjs';
import { setQuietWait } from './lib/cpu.mjs';
import { versions } from './lib/db.mjs';
import { cleanupAll } from './lib/engine.mjs';
import { stopAll } from './lib/procs.mjs';
import { formatProfile, summariseProfile } from './lib/profile.mjs';
import { correlationScenario } from './scenarios/correlation.mjs';
import { endToEndScenario } from './scenarios/end-to-end.mjs';
import { bareFastify, bpmnEnginePeer, rawTransaction } from './scenarios/peers.mjs';
import { scaleScenario } from './scenarios/scale.mjs';

// Sizes. The full run uses the issue's K = N = 20,000 (about 26 minutes on the 2-core machine of
// bench/RESULTS.md, inside its 30-minute budget); --set correlations=…,endToEnd=… changes them.
export const PRESETS = {
  smoke: {
    correlations: 60, profiled: 0, endToEnd: 50, scale: [100, 400], scaleProbes: 50, rawCorrelations: 200, bareRequests: 2000,
    peerInstances: 30, peerDeliveries: 30, peerMemory: 30, maxSeconds: 45, quietWait: 0,
  },
  quick: {
    correlations: 1500, profiled: 300, endToEnd: 1000, scale: [1000, 20000], scaleProbes: 500, rawCorrelations: 4000, bareRequests: 30000,
    peerInstances: 300, peerDeliveries: 300, peerMemory: 200, maxSeconds: 60, quietWait: 2,
  },
  full: {
    correlations: 20000, profiled: 2000, endToEnd: 20000, scale: [1000, 100000, 1000000], scaleProbes: 3000, rawCorrelations: 20000,
    bareRequests: 200000, peerInstances: 2000, peerDeliveries: 2000, peerMemory: 1000, maxSeconds: 300, quietWait: 15,
  },
};

export const TARGETS = {
  pgThroughput: 2000,
  pgCeilingShare: 0.7,
  sqliteThroughput: 5000,
  sqliteCeilingShare: 0.5,
  e2eRate: 1000,
  e2eVsPeer: 4,
  halfRateP99Ms: 25,
  lagP99Ms: 50,
  scaleRatio: 1.3,
  rssMb: 300,
};

function machine() {
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return undefined;
    }
  };
  const revisionFile = join(distDir(), 'REVISION');
  return {
    // A dist/ built from an exported commit carries a REVISION file; otherwise it is the working tree's build.
    engineBuild: existsSync(revisionFile) ? `commit ${readFileSync(revisionFile, 'utf8').trim()} (clean export, ${distDir()})` : undefined,
    cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    loadAverageAtStart: loadavg().map((v) => round(v, 2)),
    commit: git('rev-parse', '--short', 'HEAD'),
    workingTreeChanges: (git('status', '--porcelain', '--', 'src') ?? '').split('\n').filter(Boolean).length,
  };
}

/** Runs one step; a failing step is recorded (and the run goes on), so one table always comes out. */
async function step(results, name, work, { isolated = true } = {}) {
  const t0 = Date.now();
  try {
    results[name] = await work();
  } catch (error) {
    log(`${name} FAILED: ${error.stack ?? error.message}`);
    results[name] = { failed: error.message.split('\n')[0] };
    results.failures.push(`${name}: ${error.message.split('\n')[0]}`);
    // Each scenario cleans up after itself; when steps run one at a time, leftovers are removed too.
    if (isolated) {
      await stopAll();
      await cleanupAll();
    }
  }
  results.stepSeconds[name] = round((Date.now() - t0) / 1000, 1);
}

/**
 * Steps in run order, with the lane they may share with others when `parallel` is set (the smoke test:
 * there only correctness counts, so the three lanes run side by side to stay well under a minute).
 */
function plan(sizes, opts) {
  return [
    ['s4', 'peers', 'bareFastify', () => bareFastify(sizes, opts)],
    ['s4', 'peers', 'rawSqlite', () => rawTransaction('sqlite', sizes, opts)],
    ['s4', 'peers', 'rawPg', () => rawTransaction('postgres', sizes, opts)],
    ['s4', 'peers', 'bpmnEngine', () => bpmnEnginePeer(sizes, opts)],
    ['s1', 'sqlite', 'correlationSqlite', () => correlationScenario('sqlite', sizes, opts)],
    ['s1', 'pg', 'correlationPg', () => correlationScenario('postgres', sizes, opts)],
    ['s2', 'pg', 'endToEndPg', () => endToEndScenario('postgres', sizes, opts)],
    ['s2', 'sqlite', 'endToEndSqlite', () => endToEndScenario('sqlite', sizes, opts)],
    ['s3', 'scale', 'scale', () => scaleScenario(sizes, opts)],
  ];
}

export async function runBenchmarks({ preset, only, runDir, profile = true, parallel = false }) {
  const sizes = { ...PRESETS[preset] };
  if (!profile) sizes.profiled = 0;
  setQuietWait(sizes.quietWait);
  const opts = { runDir, maxSeconds: sizes.maxSeconds };
  const results = { preset, runId: RUN_ID, sizes, parallel, failures: [], stepSeconds: {} };
  results.machine = { ...machine(), ...(await versions()) };
  const steps = plan(sizes, opts).filter(([scenario]) => !only || only.includes(scenario));
  if (parallel) {
    const lanes = new Map();
    for (const s of steps) lanes.set(s[1], [...(lanes.get(s[1]) ?? []), s]);
    await Promise.all([...lanes.values()].map(async (lane) => {
      for (const [, , name, work] of lane) await step(results, name, work, { isolated: false });
    }));
  } else {
    for (const [, , name, work] of steps) await step(results, name, work);
  }
  results.profiles = summariseProfiles(results);
  results.finishedAt = new Date().toISOString();
  return results;
}

function summariseProfiles(results) {
  const out = {};
  for (const [scenario, key] of [['correlationSqlite', 'sqlite'], ['correlationPg', 'pg']]) {
    const r = results[scenario];
    for (const route of ['profiledCamunda', 'profiledNative']) {
      for (const proc of ['api', 'worker']) {
        const file = r?.[route]?.profiles?.[proc];
        if (!file || !existsSync(file)) continue;
        const summary = summariseProfile(file);
        summary.roundTrips = roundTrips(file.replace(/\.cpuprofile$/, '.counts.json'), r[route].ok);
        out[`${key} ${route.replace('profiled', '').toLowerCase()} ${proc}`] = summary;
      }
    }
  }
  return out;
}

/** Database statements and Redis commands per message in a profiled window, by kind and by statement. */
function roundTrips(file, messages) {
  if (!existsSync(file) || !messages) return undefined;
  const counts = JSON.parse(readFileSync(file, 'utf8'));
  const perKind = {};
  for (const [k, n] of Object.entries(counts)) {
    const kind = k.split(':')[0];
    perKind[kind] = round((perKind[kind] ?? 0) + n / messages, 2);
  }
  const top = Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([k, n]) => ({ statement: k, perMessage: round(n / messages, 2) }));
  return { messages, perKind, top };
}

// ---------------------------------------------------------------------------------------------------------
// The table

const f0 = (v) => (v === undefined || v === null || Number.isNaN(v) ? '–' : Math.round(v).toLocaleString('en-US'));
const f1 = (v) => (v === undefined || v === null || Number.isNaN(v) ? '–' : (Math.round(v * 10) / 10).toString());
const pct = (v) => (v === undefined || Number.isNaN(v) || !Number.isFinite(v) ? '–' : `${Math.round(v * 100)} %`);
const ratio = (a, b) => (a && b ? a / b : undefined);
const mark = (ok) => (ok === undefined ? '' : ok ? 'met' : '**missed**');
const lat = (r) => (r ? `${f1(r.p50)} / ${f1(r.p99)}` : '–');
const lagText = (l) => (l?.count ? `${f1(l.p50)} / ${f1(l.p99)}` : '–');
const cpuText = (c) => (c ? `${c.bench}+${c.databases} (other ${c.other})` : '–');

export function table(results) {
  const T = TARGETS;
  const rows = [];
  const add = (figure, value, latency, extra, target, status, cpu) => rows.push([figure, value, latency, extra, target, status, cpu]);
  const fail = (name, figure) => results[name]?.failed && add(figure, 'FAILED', '', results[name].failed.slice(0, 80), '', '**missed**', '');
  const bare = results.bareFastify;
  const rawPg = results.rawPg;
  const rawSqlite = results.rawSqlite;
  const peer = results.bpmnEngine;

  for (const [name, kind, ceiling, minRate, minShare] of [
    ['correlationSqlite', 'SQLite', rawSqlite, T.sqliteThroughput, T.sqliteCeilingShare],
    ['correlationPg', 'PG+Redis', rawPg, T.pgThroughput, T.pgCeilingShare],
  ]) {
    const r = results[name];
    if (!r || r.failed) {
      fail(name, `S1 correlation ${kind}`);
      continue;
    }
    for (const [route, label] of [['camunda', 'POST /engine-rest/message'], ['native', 'POST /messages']]) {
      const m = r[route];
      // Throughput: messages answered AND continued (the outbox drained), i.e. what the system sustains.
      const rate = Math.min(m.rate, m.settledRate ?? m.rate);
      const share = ratio(rate, ceiling?.rate);
      add(
        `S1 ${kind} ${label} (K=${f0(r.K)})`,
        `${f0(rate)} msg/s`,
        lat(m),
        `answered ${f0(m.rate)}/s, settled ${f0(m.settledRate)}/s; errors ${m.errors}; ${pct(share)} of raw tx; ${pct(ratio(rate, bare?.rate))} of bare Fastify`,
        `≥ ${f0(minRate)}/s, ≥ ${pct(minShare)} of raw`,
        mark(rate >= minRate && share >= minShare && m.errors === 0),
        cpuText(m.cpu),
      );
    }
    const h = r.half;
    add(
      `S1 ${kind} POST /messages at half peak (${f0(h.overallRate)}/s)`,
      `${f0(h.rate)} msg/s`,
      lat(h),
      `continuation lag p50/p99 ${lagText(h.lag)} ms; errors ${h.errors}`,
      `p99 ≤ ${T.halfRateP99Ms} ms; lag p99 ≤ ${T.lagP99Ms} ms`,
      mark(h.p99 <= T.halfRateP99Ms && (h.lag?.p99 ?? Infinity) <= T.lagP99Ms && h.errors === 0),
      cpuText(h.cpu),
    );
    add(
      `S1 ${kind} seeding via POST /process_models/…/start`,
      `${f0(r.seedRate)} waiting/s`,
      '',
      `all consumed: ${r.allConsumed ? 'yes' : `no (${r.leftWaiting} left)`}; incidents ${r.incidents}; RSS api ${f0(maxRss(r, 'api'))} MB${r.camunda.rss.worker ? `, worker ${f0(maxRss(r, 'worker'))} MB` : ''}`,
      `RSS ≤ ${T.rssMb} MB`,
      mark(maxRss(r, 'api') <= T.rssMb && (maxRss(r, 'worker') ?? 0) <= T.rssMb),
      '',
    );
  }
  for (const [name, kind] of [['endToEndPg', 'PG+Redis'], ['endToEndSqlite', 'SQLite']]) {
    const r = results[name];
    if (!r || r.failed) {
      fail(name, `S2 end to end ${kind}`);
      continue;
    }
    const vsPeer = ratio(r.rate, peer?.endToEndRate);
    const isTarget = name === 'endToEndPg';
    add(
      `S2 ${kind} message start → catch → message → end (N=${f0(r.N)})`,
      `${f0(r.rate)} inst/s`,
      `lag ${lagText(r.lag)}`,
      `${f1(vsPeer)}× bpmn-engine; lag from rows p50/p99 ${f1(r.rowLag?.p50)} / ${f1(r.rowLag?.p99)} ms; completed ${r.completed}/${r.N}; errors ${r.errors}; RSS api ${f0(r.rss.api)}${r.rss.worker ? ` worker ${f0(r.rss.worker)}` : ''} MB`,
      isTarget ? `≥ ${f0(T.e2eRate)}/s, ≥ ${T.e2eVsPeer}× bpmn-engine; lag p99 ≤ ${T.lagP99Ms} ms` : `(lag p99 ≤ ${T.lagP99Ms} ms)`,
      isTarget ? mark(r.rate >= T.e2eRate && vsPeer >= T.e2eVsPeer && r.lag.p99 <= T.lagP99Ms && r.completed === r.N) : mark(r.lag.p99 <= T.lagP99Ms),
      cpuText(r.cpu),
    );
  }
  const s = results.scale;
  if (s && !s.failed) {
    for (const p of s.points) {
      add(
        `S3 PG+Redis ${f0(p.waiting)} waiting (M=${f0(s.M)} probes)`,
        `${f0(p.rate)} msg/s`,
        lat(p),
        `RSS api ${f0(p.rss.api)} MB, worker ${f0(p.rss.worker)} MB; lag ${lagText(p.lag)} ms; errors ${p.errors}; bulk load ${f1(p.loadSeconds)} s`,
        `RSS ≤ ${T.rssMb} MB`,
        mark(p.rss.api <= T.rssMb && p.rss.worker <= T.rssMb),
        cpuText(p.cpu),
      );
    }
    add(
      `S3 p50 at ${f0(s.points.at(-1).waiting)} ÷ p50 at ${f0(s.points[0].waiting)}`,
      `${f1(s.p50Ratio)}`,
      '',
      `p99 ratio ${f1(s.p99Ratio)}; bulk-loaded copy = template: ${s.copyMatchesTemplate ? 'yes' : 'NO'}`,
      `≤ ${T.scaleRatio}`,
      mark(s.p50Ratio <= T.scaleRatio),
      '',
    );
  } else fail('scale', 'S3 scale');
  if (bare && !bare.failed) add('S4 bare Fastify JSON POST', `${f0(bare.rate)} req/s`, lat(bare), `errors ${bare.errors}`, 'ceiling', '', cpuText(bare.cpu));
  else fail('bareFastify', 'S4 bare Fastify');
  for (const [name, label] of [['rawPg', 'raw pg correlation tx (pool 16)'], ['rawSqlite', 'raw better-sqlite3 correlation tx']]) {
    const r = results[name];
    if (r && !r.failed) add(`S4 ${label}`, `${f0(r.rate)} tx/s`, lat(r), `errors ${r.errors}; left waiting ${r.leftWaiting}`, 'ceiling', '', cpuText(r.cpu));
    else fail(name, `S4 ${label}`);
  }
  if (peer && !peer.failed) {
    add(
      `S4 bpmn-engine ${peer.version} (in-process, getState/recover)`,
      `${f0(peer.endToEndRate)} inst/s e2e`,
      '',
      `${f0(peer.deliveryRate)} deliveries/s (payment-wait); ${f0(peer.memory.heapKBPerInstance)} KB heap per live waiting instance; state ${f0(peer.stateBytes / 1024)} KB`,
      'peer',
      '',
      cpuText(peer.cpu),
    );
    for (const [name, kind] of [['correlationSqlite', 'SQLite'], ['correlationPg', 'PG+Redis']]) {
      const r = results[name];
      if (r && !r.failed) {
        const settled = (m) => Math.min(m.rate, m.settledRate ?? m.rate);
        add(`S4 ours ÷ bpmn-engine per delivery, ${kind}`, `${f1(ratio(settled(r.camunda), peer.deliveryRate))}× (camunda), ${f1(ratio(settled(r.native), peer.deliveryRate))}× (native)`, '', 'message → next wait state persisted', '', '', '');
      }
    }
  } else fail('bpmnEngine', 'S4 bpmn-engine');

  const header = ['figure', 'measured', 'p50 / p99 ms', 'details', 'target', 'status', 'CPU cores: bench+db (other)'];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map((c) => String(c ?? '').replace(/\|/g, '/')).join(' | ')} |`)];
  return lines.join('\n');
}

function maxRss(r, which) {
  const values = ['camunda', 'native', 'half', 'profiledCamunda', 'profiledNative'].map((k) => r[k]?.rss?.[which]).filter((v) => v !== undefined);
  if (r.rssAfterSeeding?.[which] !== undefined) values.push(r.rssAfterSeeding[which]);
  return values.length ? Math.max(...values) : undefined;
}

export function report(results, command) {
  const m = results.machine;
  const lines = [
    `Benchmark ${results.preset} run ${results.runId}, finished ${results.finishedAt}`,
    `Machine: ${m.cpu}, ${m.memoryGb} GB; Node ${m.node}; PostgreSQL ${m.postgres} (${Object.entries(m.postgresSettings ?? {}).map(([k, v]) => `${k} ${v}`).join(', ')}); Redis ${m.redis}; SQLite ${m.sqlite}`,
    `Engine: ${m.engineBuild ?? `working tree at commit ${m.commit}${m.workingTreeChanges ? ` + ${m.workingTreeChanges} uncommitted files in src/` : ''}`}, LOG_LEVEL=${process.env.BENCH_LOG_LEVEL || 'warn'}, default pool/concurrency; load average at start ${m.loadAverageAtStart.join(' ')}`,
    `Command: ${command}`,
    `Step durations (s): ${Object.entries(results.stepSeconds).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '',
    table(results),
    '',
    'CPU column: cores used during the window by the benchmark (load generator + servers), by PostgreSQL/Redis, and by anything else on the machine (noise).',
  ];
  if (results.failures.length) lines.push('', `FAILURES: ${results.failures.join('; ')}`);
  for (const [label, summary] of Object.entries(results.profiles ?? {})) {
    lines.push('', formatProfile(summary, `CPU profile, ${label}`));
    const rt = summary.roundTrips;
    if (rt) {
      lines.push(`  round trips per message (${rt.messages} messages): ${Object.entries(rt.perKind).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      for (const t of rt.top.slice(0, 12)) lines.push(`    ${String(t.perMessage).padStart(5)}  ${t.statement}`);
    }
  }
  return lines.join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
      only: { type: 'string' },
      'quiet-wait': { type: 'string' },
      'no-profile': { type: 'boolean', default: false },
      set: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const preset = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
  if (!existsSync(join(distDir(), 'main.js'))) {
    console.error(`The engine is not built (${distDir()}/main.js missing): run \`npx nest build\` first (npm run bench does).`);
    process.exit(2);
  }
  const resultsDir = join(BENCH_DIR, 'results');
  const runDir = join(resultsDir, `run-${RUN_ID}`);
  mkdirSync(runDir, { recursive: true });
  if (values['quiet-wait'] !== undefined) PRESETS[preset].quietWait = Number(values['quiet-wait']);
  // --set correlations=20000,endToEnd=20000,scale=1000/100000/1000000
  for (const pair of (values.set ?? '').split(',').filter(Boolean)) {
    const [k, v] = pair.split('=');
    if (!(k in PRESETS[preset])) throw new Error(`--set: unknown size '${k}' (one of ${Object.keys(PRESETS[preset]).join(', ')})`);
    PRESETS[preset][k] = k === 'scale' ? v.split('/').map(Number) : Number(v);
  }
  let interrupted = false;
  const onSignal = async (signal) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping servers and dropping this run's schemas`);
    await stopAll();
    await cleanupAll();
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const command = `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim();
  const t0 = Date.now();
  const results = await runBenchmarks({ preset, only: values.only?.split(','), runDir, profile: !values['no-profile'] });
  results.totalSeconds = round((Date.now() - t0) / 1000, 0);
  await stopAll();
  await cleanupAll();
  const text = `${report(results, command)}\n\nTotal time: ${results.totalSeconds} s; logs and CPU profiles in ${runDir}\n`;
  writeFileSync(values.out ?? join(resultsDir, `latest-${preset}.json`), JSON.stringify(results, null, 2));
  writeFileSync(join(resultsDir, `latest-${preset}.md`), text);
  process.stdout.write(`\n${text}`);
  process.exit(results.failures.length ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch(async (error) => {
    console.error(error);
    await stopAll();
    await cleanupAll();
    process.exit(1);
  });
}
