// Shared helpers of the benchmark harness: paths, options, bounded waiting, small HTTP calls.
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(BENCH_DIR, '..');
export const FIXTURES = {
  paymentWait: join(ROOT, 'test', 'fixtures', 'bpmn', 'payment-wait.bpmn'),
  roundtrip: join(BENCH_DIR, 'fixtures', 'message-roundtrip.bpmn'),
};

/** Where the engine's compiled JavaScript is (BENCH_DIST, default ./dist as `nest build` writes it). */
export function distDir() {
  return resolve(ROOT, process.env.BENCH_DIST || 'dist');
}

export const DATABASE_URL = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.BENCH_REDIS_URL || process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** A short id for this run: schema names, queue prefixes and temporary files carry it. */
export const RUN_ID = `${Date.now().toString(36)}${process.pid.toString(36)}`;

export function log(...parts) {
  const t = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[bench ${t}] ${parts.join(' ')}\n`);
}

/** A free TCP port on 127.0.0.1 (asked from the OS, released right away). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls `check` until it returns a truthy value; throws after `timeoutMs`. Always bounded. */
export async function waitFor(what, check, { timeoutMs = 60_000, intervalMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (let i = 0; Date.now() < deadline && i < 1_000_000; i++) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

export async function httpJson(method, url, body, { headers = {}, timeoutMs = 30_000, expect } = {}) {
  const response = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (expect !== undefined && !(Array.isArray(expect) ? expect : [expect]).includes(response.status)) {
    throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, body: json };
}

export async function httpText(url, timeoutMs = 10_000) {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  return response.text();
}

/** Runs `work` but gives up (rejects) after `ms`; the label names the step in the error. */
export async function withTimeout(label, ms, work) {
  let timer;
  try {
    return await Promise.race([
      work(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${label} exceeded its time bound of ${Math.round(ms / 1000)} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function round(value, digits = 0) {
  if (value === undefined || value === null || Number.isNaN(value)) return value;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
