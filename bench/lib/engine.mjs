// One engine set-up per scenario: the embedded default (SQLite file, continuations in the API process) or
// PostgreSQL + Redis with continuations on a separate worker process — each with its own database (a
// SQLite file / a bench_ schema) and queue prefix, removed again by cleanup().
import { rmSync } from 'node:fs';
import { join } from 'node:path';

import { DATABASE_URL, FIXTURES, REDIS_URL, RUN_ID, httpJson, log, waitFor } from './common.mjs';
import { counts, dropQueuePrefix, dropSchema } from './db.mjs';
import { runLoad } from './load.mjs';
import { deploy, startApi, startWorker } from './procs.mjs';

const cleanups = [];

/** Removes every database/queue this run created that is still there (failure paths, SIGINT). */
export async function cleanupAll() {
  for (const c of cleanups.splice(0)) await c().catch((error) => log(`cleanup: ${error.message}`));
}

export function backendFor(kind, label, runDir) {
  const tag = `${RUN_ID}_${label}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (kind === 'sqlite') return { kind, label, path: join(runDir, `${label}.sqlite`) };
  return { kind: 'postgres', label, url: DATABASE_URL, schema: `bench_${tag}`, redisUrl: REDIS_URL, queuePrefix: `bench-${tag.replace(/_/g, '-')}` };
}

function cleanupOf(backend) {
  if (backend.kind === 'sqlite') {
    return async () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${backend.path}${suffix}`, { force: true });
    };
  }
  return async () => {
    await dropSchema(backend.schema, backend.url);
    if (backend.redisUrl) await dropQueuePrefix(backend.queuePrefix, backend.redisUrl);
  };
}

/**
 * Starts the API (and for PostgreSQL + Redis the worker). `metricsUrl` is where the continuation lag
 * histogram lives: the API for in-process continuation, the worker otherwise.
 */
export async function startEngine(kind, label, { runDir, profile = false, worker = true, redis = true } = {}) {
  const backend = backendFor(kind, label, runDir);
  if (kind === 'postgres' && !redis) backend.redisUrl = undefined;
  const cleanup = cleanupOf(backend);
  cleanups.push(cleanup);
  const api = await startApi(backend, { runDir, label: `${label}-api`, profile: profile ? `${label}-api` : undefined });
  let wk;
  if (kind === 'postgres' && backend.redisUrl && worker) {
    wk = await startWorker(backend, { runDir, label: `${label}-worker`, profile: profile ? `${label}-worker` : undefined });
  }
  return {
    backend,
    api,
    worker: wk,
    metricsUrl: wk ? wk.metricsUrl : `${api.url}/metrics`,
    async stop() {
      await Promise.all([api.stop(), wk?.stop()]);
    },
    async cleanup() {
      await Promise.all([api.stop(), wk?.stop()]);
      const i = cleanups.indexOf(cleanup);
      if (i >= 0) cleanups.splice(i, 1);
      await cleanup();
    },
  };
}

/**
 * Starts `count` payment-wait instances through the engine's own start path (native POST
 * /process_models/payment-wait/start, plain payload { orderId: `${prefix}${i}` }), 50 at a time, and waits
 * until all of them wait at the catch event (subscriptions in the database, no continuation pending).
 */
export async function seedWaiting(engine, { count, prefix, expectWaiting, connections = 50, maxSeconds = 600 }) {
  const load = await runLoad({
    title: `seed ${prefix}`,
    url: engine.api.url,
    connections,
    amount: count,
    maxSeconds,
    steps: [{ path: '/process_models/payment-wait/start', body: (i) => ({ payload: { orderId: `${prefix}${i}` } }) }],
  });
  if (load.errors > 0) throw new Error(`seeding ${prefix}: ${load.errors} starts failed (${JSON.stringify(load.statuses)})`);
  const t0 = Date.now();
  await waitFor(
    `${expectWaiting} instances waiting at the catch event`,
    async () => {
      const c = await counts(engine.backend, { messageName: 'PaymentArrived', definitionKey: 'payment-wait' });
      return c.subscriptions >= expectWaiting && c.pendingOutbox === 0;
    },
    { timeoutMs: maxSeconds * 1000, intervalMs: 300 },
  );
  return { ...load, settleSeconds: (Date.now() - t0) / 1000, startsPerSecond: load.rate, waitingPerSecond: Math.round(count / (load.seconds + (Date.now() - t0) / 1000)) };
}

/** Starts one payment-wait instance (the bulk loader's template) and waits until it rests at the catch event. */
export async function startTemplate(engine, key = 'bench-template-key') {
  const { body } = await httpJson('POST', `${engine.api.url}/process_models/payment-wait/start`, { payload: { orderId: key } }, { expect: [200, 201] });
  await waitFor('the template instance at its catch event', async () => {
    const c = await counts(engine.backend, { messageName: 'PaymentArrived', definitionKey: 'payment-wait' });
    return c.pendingOutbox === 0 && c.subscriptions >= 1;
  });
  return body.processInstanceId;
}

export async function deployPaymentWait(engine) {
  return deploy(engine.api, FIXTURES.paymentWait);
}

/** Waits (bounded) until no continuation is pending, e.g. before the next measured window. */
export async function drained(engine, timeoutMs = 300_000, intervalMs = 50) {
  await waitFor('the continuation outbox to drain', async () => (await counts(engine.backend, {})).pendingOutbox === 0, { timeoutMs, intervalMs });
}
