// Scenario 4 — peers and limits, measured in the same run as the engine's figures:
//   (a) the npm package bpmn-engine, same BPMN, in-process, getState/recover per delivery (child process);
//   (b) bare Fastify answering the correlation's JSON POST;
//   (c) one raw transaction of the correlation's shape per POST, on pg (pool of 16) and on better-sqlite3,
//       on the engine's own schema with K bulk-loaded waiting instances, at 50 connections.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import { BENCH_DIR, log, round } from '../lib/common.mjs';
import { cpuSnapshot, cpuWindow, quietGate } from '../lib/cpu.mjs';
import { counts } from '../lib/db.mjs';
import { deployPaymentWait, startEngine, startTemplate } from '../lib/engine.mjs';
import { runLoad } from '../lib/load.mjs';
import { sampleRss, startPeerServer } from '../lib/procs.mjs';
import { loadPostgres, loadSqlite } from '../bulk-load.mjs';
import { routes } from './correlation.mjs';

async function loadWithCpu(opts, procs = {}) {
  await quietGate();
  const cpu0 = cpuSnapshot();
  const rss = sampleRss(procs);
  const load = await runLoad(opts);
  return { ...load, cpu: cpuWindow(cpu0), rss: rss.stop().peak };
}

export async function bareFastify(sizes, { runDir, maxSeconds }) {
  const server = await startPeerServer('peer-fastify', 'bare-fastify.mjs', [], { runDir });
  try {
    log(`peers: bare Fastify JSON POST x ${sizes.bareRequests} at 50 connections`);
    return await loadWithCpu({ title: 'bare fastify', url: server.url, amount: sizes.bareRequests, maxSeconds, steps: [{ ...routes.native('x-'), path: '/message' }] }, { server });
  } finally {
    await server.stop();
  }
}

/** A database with the engine's schema and K waiting payment-wait instances (template started by the engine). */
async function preparedDatabase(kind, label, K, runDir) {
  // The engine creates the schema (its migrations) and the template instance; then it is stopped.
  const engine = await startEngine(kind, label, { runDir, redis: false });
  try {
    await deployPaymentWait(engine);
    const template = await startTemplate(engine);
    await engine.stop();
    if (kind === 'sqlite') await loadSqlite({ path: engine.backend.path, templateId: template, count: K, keyPrefix: 'r-' });
    else await loadPostgres({ ...engine.backend, templateId: template, count: K, keyPrefix: 'r-' });
    return engine;
  } catch (error) {
    await engine.cleanup();
    throw error;
  }
}

export async function rawTransaction(kind, sizes, { runDir, maxSeconds }) {
  const K = sizes.rawCorrelations;
  const label = `s4-raw-${kind === 'sqlite' ? 'sqlite' : 'pg'}`;
  const engine = await preparedDatabase(kind, label, K, runDir);
  try {
    const args =
      kind === 'sqlite'
        ? ['--driver', 'sqlite', '--sqlite', engine.backend.path]
        : ['--driver', 'pg', '--database-url', engine.backend.url, '--schema', engine.backend.schema, '--pool', '16'];
    const server = await startPeerServer(label, 'raw-tx-server.mjs', args, { runDir });
    try {
      log(`peers: raw ${kind} correlation transaction over HTTP x ${K} at 50 connections`);
      const load = await loadWithCpu({ title: label, url: server.url, amount: K, maxSeconds, steps: [{ ...routes.native('r-'), path: '/message' }] }, { server });
      const left = await counts(engine.backend, { messageName: 'PaymentArrived' });
      return { ...load, leftWaiting: left.subscriptions - 1 };
    } finally {
      await server.stop();
    }
  } finally {
    await engine.cleanup();
  }
}

export async function bpmnEnginePeer(sizes, { maxSeconds }) {
  await quietGate();
  log(`peers: bpmn-engine in-process (${sizes.peerInstances} round trips, ${sizes.peerDeliveries} deliveries, ${sizes.peerMemory} live instances)`);
  const cpu0 = cpuSnapshot();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        join(BENCH_DIR, 'peers', 'bpmn-engine-peer.mjs'),
        '--instances', String(sizes.peerInstances),
        '--deliveries', String(sizes.peerDeliveries),
        '--memory', String(sizes.peerMemory),
        '--max-seconds', String(maxSeconds),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), (maxSeconds + 60) * 1000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`bpmn-engine peer exited ${code}: ${stderr.slice(-2000)}`));
      try {
        const r = JSON.parse(stdout.trim().split('\n').at(-1));
        const window = cpuWindow(cpu0);
        // The child has exited, so /proc no longer shows its CPU time: it reports its own.
        const cpu = window && { ...window, bench: round(r.cpuSeconds / r.wallSeconds, 2), other: round(Math.max(0, window.machine - r.cpuSeconds / r.wallSeconds - window.databases), 2) };
        resolve({ ...r, cpu, endToEndRate: round(r.endToEnd.rate, 0), deliveryRate: round(r.delivery.rate, 0) });
      } catch (error) {
        reject(new Error(`bpmn-engine peer: unreadable output ${stdout.slice(0, 500)} (${error.message})`));
      }
    });
  });
}
