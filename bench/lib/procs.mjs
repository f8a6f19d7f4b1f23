// Child processes of a benchmark run: the engine's API and worker (node dist/main.js, node dist/worker.js),
// the peer servers, and their memory (VmRSS from /proc/<pid>/status). Every child is stopped by its pid.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { BENCH_DIR, ROOT, distDir, freePort, httpJson, log, sleep, waitFor } from './common.mjs';

const children = new Set();

/** Stops every child still running (used on failure and on SIGINT/SIGTERM of the harness). */
export async function stopAll() {
  await Promise.all([...children].map((c) => c.stop()));
}

/** VmRSS of a process in MB, or undefined once it is gone. */
export function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples the RSS of some processes every `intervalMs` until stopped; reports the peak and the last value. */
export function sampleRss(procs, intervalMs = 250) {
  const peak = {};
  const last = {};
  const take = () => {
    for (const [label, p] of Object.entries(procs)) {
      if (!p) continue;
      const v = rssMb(p.pid);
      if (v === undefined) continue;
      last[label] = v;
      peak[label] = Math.max(peak[label] ?? 0, v);
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peak: { ...peak }, last: { ...last } };
    },
  };
}

/**
 * Spawns a Node process with its output in a log file under the run directory. `stop()` sends SIGTERM,
 * waits up to 15 s, then SIGKILL — always to this child's pid only.
 */
export function spawnNode(label, args, { env = {}, runDir, nodeArgs = [], profile } = {}) {
  const logPath = join(runDir, `${label}.log`);
  const out = createWriteStream(logPath, { flags: 'a' });
  const preload = profile ? ['--require', join(BENCH_DIR, 'lib', 'cpu-profile-hook.cjs')] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...preload, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...env,
      ...(profile ? { BENCH_PROFILE_DIR: runDir, BENCH_PROFILE_NAME: profile } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let exited = false;
  const exit = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      children.delete(handle);
      resolve({ code, signal });
    }),
  );
  let profileCount = 0;
  const handle = {
    label,
    pid: child.pid,
    logPath,
    get exited() {
      return exited;
    },
    exit,
    /** Starts the CPU profile window (needs `profile`). */
    startProfile() {
      if (profile && !exited) process.kill(child.pid, 'SIGWINCH');
    },
    /** Ends the window and resolves with the .cpuprofile path (or undefined if it did not appear in 30 s). */
    async stopProfile() {
      if (!profile || exited) return undefined;
      profileCount += 1;
      const target = join(runDir, `${profile}-${profileCount}.cpuprofile`);
      process.kill(child.pid, 'SIGWINCH');
      try {
        return await waitFor(`CPU profile ${target}`, () => existsSync(target) && target, { timeoutMs: 30_000, intervalMs: 200 });
      } catch (error) {
        log(`warning: ${error.message}`);
        return undefined;
      }
    },
    async stop() {
      if (exited) return exit;
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, 15_000);
      const result = await exit;
      clearTimeout(timer);
      out.end();
      return result;
    },
  };
  children.add(handle);
  return handle;
}

/** The last lines of a child's log, for error messages. */
export function tail(handle, lines = 20) {
  try {
    return readFileSync(handle.logPath, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts the engine's API process on a free port and waits until GET /health answers 200.
 * `backend`: { kind: 'sqlite', path } or { kind: 'postgres', url, schema, redisUrl, queuePrefix }.
 */
export async function startApi(backend, { runDir, label = 'api', profile, extraEnv = {} } = {}) {
  const port = await freePort();
  const env = { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn', ...backendEnv(backend), ...extraEnv };
  const proc = spawnNode(label, [join(distDir(), 'main.js')], { env, runDir, profile });
  const url = `http://127.0.0.1:${port}`;
  await waitUp(proc, `${url}/health`);
  return Object.assign(proc, { url, port });
}

/** Starts a BullMQ continuation worker (node dist/worker.js) with its metrics on a free port. */
export async function startWorker(backend, { runDir, label = 'worker', profile, extraEnv = {} } = {}) {
  const metricsPort = await freePort();
  const env = { HOST: '127.0.0.1', METRICS_PORT: String(metricsPort), LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn', ...backendEnv(backend), ...extraEnv };
  const proc = spawnNode(label, [join(distDir(), 'worker.js')], { env, runDir, profile });
  const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
  await waitUp(proc, metricsUrl);
  return Object.assign(proc, { metricsUrl });
}

function backendEnv(backend) {
  if (backend.kind === 'sqlite') return { SQLITE_PATH: backend.path, DATABASE_URL: '', REDIS_URL: '' };
  return {
    DATABASE_URL: backend.url,
    DATABASE_SCHEMA: backend.schema,
    REDIS_URL: backend.redisUrl ?? '',
    QUEUE_PREFIX: backend.queuePrefix ?? '',
    ...(backend.poolSize ? { DATABASE_POOL_SIZE: String(backend.poolSize) } : {}),
  };
}

async function waitUp(proc, url) {
  try {
    await waitFor(`${proc.label} at ${url}`, async () => {
      if (proc.exited) throw new Error(`${proc.label} exited`);
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
      return res?.status === 200;
    }, { timeoutMs: 90_000, intervalMs: 200 });
  } catch (error) {
    await proc.stop();
    throw new Error(`${error.message}\n--- ${proc.label} log ---\n${tail(proc)}`);
  }
}

/** Starts one of the peer servers under bench/peers and waits for its `listening <port>` line. */
export async function startPeerServer(label, script, args, { runDir, env = {} } = {}) {
  const port = await freePort();
  const proc = spawnNode(label, [join(BENCH_DIR, 'peers', script), '--port', String(port), ...args], { runDir, env });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${label} on ${url}`, async () => {
    if (proc.exited) throw new Error(`${label} exited:\n${tail(proc)}`);
    const res = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
    return res?.status === 200;
  }, { timeoutMs: 60_000, intervalMs: 200 });
  return Object.assign(proc, { url });
}

/** Deploys a BPMN file through the native API and returns the model key. */
export async function deploy(api, file) {
  const xml = readFileSync(file, 'utf8');
  const { body } = await httpJson('POST', `${api.url}/process_models`, { xml }, { expect: [200, 201] });
  return body.models[0];
}

export { sleep };
