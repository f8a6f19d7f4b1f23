// HTTP load through autocannon (programmatic API): a fixed number of requests, each with its own body,
// over N connections, optionally at a fixed overall rate. Always bounded: by `amount` and by `maxSeconds`
// (the run is stopped when that passes and the figures say so).
import autocannon from 'autocannon';

import { log, round } from './common.mjs';

/**
 * @param {object} o
 * @param {string} o.url         base URL of the server
 * @param {Array<{path: string, body: (i: number, ctx: object) => object, headers?: object, method?: string}>} o.steps
 *        requests each connection sends in turn; `body` gets a global sequence number (per step 0) and the
 *        connection's context (step 0 may store the key there for the next steps)
 * @param {number} o.amount      total requests (all steps together)
 * @param {number} [o.connections=50]
 * @param {number} [o.overallRate] requests/s over all connections (latencies are then corrected for coordinated omission)
 * @param {number} [o.maxSeconds=300]
 */
export async function runLoad({ url, steps, amount, connections = 50, overallRate, maxSeconds = 300, title = 'load', timeoutSeconds = 30 }) {
  const conns = Math.max(1, Math.min(connections, amount));
  let seq = 0;
  const requests = steps.map((step, index) => ({
    method: step.method ?? 'POST',
    path: step.path,
    headers: { 'content-type': 'application/json', ...(step.headers ?? {}) },
    setupRequest: (req, context) => {
      const i = index === 0 ? seq++ : context.i;
      if (index === 0) context.i = i;
      return { ...req, body: JSON.stringify(step.body(i, context)) };
    },
  }));
  const statuses = {};
  let lastResponseAt;
  for (const r of requests) {
    r.onResponse = (status) => {
      statuses[status] = (statuses[status] ?? 0) + 1;
      lastResponseAt = performance.now();
    };
  }
  const started = performance.now();
  let stoppedByBound = false;
  const result = await new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: conns,
        amount,
        overallRate,
        requests,
        timeout: timeoutSeconds,
        // autocannon notices that `amount` was reached only at its next sample tick (default 1 s).
        sampleInt: 100,
        // A fixed amount takes precedence over duration in autocannon; the watchdog below is the time bound.
        duration: maxSeconds,
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    const watchdog = setTimeout(() => {
      stoppedByBound = true;
      log(`${title}: stopping at the time bound (${maxSeconds} s)`);
      instance.stop();
    }, maxSeconds * 1000);
    instance.once('done', () => clearTimeout(watchdog));
  });
  // From the start to the last response: not autocannon's duration, which ends on a sample tick.
  const seconds = ((lastResponseAt ?? performance.now()) - started) / 1000;
  const ok = result['2xx'];
  const errors = result.non2xx + result.errors + result.timeouts;
  return {
    title,
    requests: ok + errors,
    ok,
    errors,
    non2xx: result.non2xx,
    connectionErrors: result.errors,
    timeouts: result.timeouts,
    statuses,
    seconds: round(seconds, 2),
    // Completed successful requests per second of wall time (not autocannon's per-second average).
    rate: round(ok / seconds, 0),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    connections: conns,
    overallRate,
    stoppedByBound,
  };
}

/** A request body sequence that hands out keys `${prefix}${i}` for i in [0, count). */
export function keyOf(prefix, i) {
  return `${prefix}${i}`;
}
