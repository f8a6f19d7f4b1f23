// Peer (a): the npm package `bpmn-engine` running the same BPMN in-process, as a persistent host would:
// every instance is run to its wait state, its state taken with getState() and kept as JSON text (what a
// host writes to its store), the engine dropped; each delivery recovers the state (recover + resume),
// signals the message, runs to the next wait state or the end, and keeps the new state.
// The parsed model is cached once (sourceContext), as a host would. Prints one JSON line of figures.
//
//   node --expose-gc bench/peers/bpmn-engine-peer.mjs --instances 2000 --deliveries 2000 --memory 1000
import { readFileSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';

import BpmnModdle from 'bpmn-moddle';
import * as Elements from 'bpmn-elements';
import { Engine } from 'bpmn-engine';
import serializer, { TypeResolver } from 'moddle-context-serializer';

import { FIXTURES } from '../lib/common.mjs';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '2000' },
    deliveries: { type: 'string', default: '2000' },
    memory: { type: 'string', default: '1000' },
    'max-seconds': { type: 'string', default: '240' },
  },
});
const deadline = Date.now() + Number(values['max-seconds']) * 1000;
const silent = () => ({ debug() {}, error() {}, warn() {} });

async function sourceContextOf(file) {
  const moddle = await new BpmnModdle().fromXML(readFileSync(file, 'utf8'));
  return serializer(moddle, TypeResolver(Elements));
}

/**
 * bpmn-engine runs synchronously as far as it can; this checks the expected state and, should a step still be
 * pending, yields to the event loop a bounded number of times.
 */
async function settle(what, predicate) {
  for (let i = 0; i < 10_000; i++) {
    if (predicate()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`bpmn-engine did not reach: ${what}`);
}
const waitsAt = (execution, id) => () => execution.getPostponed().some((a) => a.id === id);

/** Start → message start → wait at the catch: returns the persisted state. */
async function startRoundtrip(sourceContext, key) {
  const engine = new Engine({ name: 'roundtrip', sourceContext, Logger: silent });
  const execution = await engine.execute({ variables: { orderId: key } });
  await settle('message start event waiting', waitsAt(execution, 'OrderReceived'));
  execution.signal({ id: 'Message_BenchOrder', message: { orderId: key } });
  await settle('catch event waiting', waitsAt(execution, 'PaymentReceived'));
  const state = JSON.stringify(await engine.getState());
  await engine.stop();
  return state;
}

/** Starts payment-wait to its catch event; returns the engine. */
async function startPaymentWait(sourceContext, key) {
  const engine = new Engine({ name: 'payment-wait', sourceContext, Logger: silent });
  const execution = await engine.execute({ variables: { orderId: key } });
  await settle('catch event waiting', waitsAt(execution, 'Payment'));
  return engine;
}

/** Recover → resume → deliver the message → run to the next wait (`waitAt`) or the end; returns the new state. */
async function deliver(state, messageId, waitAt) {
  const engine = new Engine({ Logger: silent });
  engine.recover(JSON.parse(state));
  const execution = await engine.resume();
  execution.signal({ id: messageId, message: { amount: 1 } });
  if (waitAt) await settle(`waiting at ${waitAt}`, waitsAt(execution, waitAt));
  else await settle('the end', () => engine.state !== 'running');
  const after = waitAt ? JSON.stringify(await engine.getState()) : undefined;
  // stop() of an engine that has already completed would wait for ever.
  if (engine.state === 'running') await engine.stop();
  return after;
}

async function main() {
  const roundtrip = await sourceContextOf(FIXTURES.roundtrip);
  const paymentWait = await sourceContextOf(FIXTURES.paymentWait);
  const out = { package: 'bpmn-engine', version: JSON.parse(readFileSync(new URL('../../node_modules/bpmn-engine/package.json', import.meta.url), 'utf8')).version };

  // End to end (scenario 2's shape): message start → catch → message → end, persisted at the wait state.
  const n = Number(values.instances);
  const store = new Map();
  let t0 = performance.now();
  let done = 0;
  for (let i = 0; i < n && Date.now() < deadline; i++) store.set(i, await startRoundtrip(roundtrip, `o-${i}`));
  const startSeconds = (performance.now() - t0) / 1000;
  for (const [i, state] of store) {
    if (Date.now() > deadline) break;
    await deliver(state, 'Message_BenchPayment');
    store.delete(i);
    done++;
  }
  out.endToEnd = { instances: done, seconds: (performance.now() - t0) / 1000, startSeconds };
  out.endToEnd.rate = done / out.endToEnd.seconds;

  // Correlation per delivery (scenario 1's shape): payment-wait instances waiting at the catch; each delivery
  // recovers one, signals PaymentArrived and runs it to the user task, then keeps its state.
  const k = Number(values.deliveries);
  const waiting = [];
  for (let i = 0; i < k && Date.now() < deadline; i++) {
    const engine = await startPaymentWait(paymentWait, `k-${i}`);
    waiting.push(JSON.stringify(await engine.getState()));
    await engine.stop();
  }
  out.stateBytes = Math.round(waiting.reduce((s, x) => s + x.length, 0) / Math.max(1, waiting.length));
  t0 = performance.now();
  let delivered = 0;
  for (let i = 0; i < waiting.length && Date.now() < deadline; i++) {
    waiting[i] = await deliver(waiting[i], 'Message_PaymentArrived', 'Ship');
    delivered++;
  }
  out.delivery = { deliveries: delivered, seconds: (performance.now() - t0) / 1000 };
  out.delivery.rate = delivered / out.delivery.seconds;

  // Memory per waiting instance when the host keeps the engines alive (no persistence in between).
  const m = Number(values.memory);
  const gc = globalThis.gc ?? (() => undefined);
  waiting.length = 0;
  gc();
  const before = process.memoryUsage();
  const live = [];
  for (let i = 0; i < m && Date.now() < deadline; i++) {
    live.push(await startPaymentWait(paymentWait, `m-${i}`));
  }
  gc();
  const after = process.memoryUsage();
  out.memory = {
    liveInstances: live.length,
    heapKBPerInstance: (after.heapUsed - before.heapUsed) / 1024 / Math.max(1, live.length),
    rssKBPerInstance: (after.rss - before.rss) / 1024 / Math.max(1, live.length),
  };
  out.timedOut = Date.now() > deadline;
  const cpu = process.cpuUsage();
  out.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  out.wallSeconds = process.uptime();
  // Written synchronously: a pipe would otherwise lose the line when the process exits right after.
  writeSync(1, `${JSON.stringify(out)}\n`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
