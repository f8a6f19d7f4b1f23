// Reads Prometheus histograms from a /metrics text and estimates quantiles the way PromQL's
// histogram_quantile does (linear interpolation inside the bucket). Two scrapes are subtracted so a figure
// covers exactly one measured window.
import { httpText } from './common.mjs';

export const LAG_METRIC = 'bpmn_engine_continuation_lag_seconds';

export function parseHistogram(text, name) {
  const buckets = [];
  let count = 0;
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}_bucket{`)) {
      const m = /le="([^"]+)"\}\s+([0-9.eE+-]+)/.exec(line);
      if (m) {
        buckets.push({ le: m[1] === '+Inf' ? Infinity : Number(m[1]), count: Number(m[2]) });
        found = true;
      }
    } else if (line.startsWith(`${name}_count`)) {
      count = Number(line.split(/\s+/)[1]);
    } else if (line.startsWith(`${name}_sum`)) {
      sum = Number(line.split(/\s+/)[1]);
    }
  }
  return found ? { buckets: buckets.sort((a, b) => a.le - b.le), count, sum } : undefined;
}

export async function scrapeHistogram(url, name = LAG_METRIC) {
  return parseHistogram(await httpText(url), name);
}

export function diffHistogram(after, before) {
  if (!after) return undefined;
  if (!before) return after;
  return {
    buckets: after.buckets.map((b, i) => ({ le: b.le, count: b.count - (before.buckets[i]?.count ?? 0) })),
    count: after.count - before.count,
    sum: after.sum - before.sum,
  };
}

/** The q-quantile in the histogram's unit, or undefined without observations. */
export function quantile(h, q) {
  if (!h || h.count <= 0) return undefined;
  const rank = q * h.count;
  let prevLe = 0;
  let prevCount = 0;
  for (const b of h.buckets) {
    if (b.count >= rank) {
      if (b.le === Infinity) return prevLe; // PromQL answers the highest finite bound
      const inBucket = b.count - prevCount;
      return inBucket <= 0 ? b.le : prevLe + ((b.le - prevLe) * (rank - prevCount)) / inBucket;
    }
    prevLe = b.le;
    prevCount = b.count;
  }
  return prevLe;
}

/** p50/p99/mean in milliseconds and the observation count of a histogram in seconds. */
export function lagSummary(h) {
  if (!h || h.count <= 0) return { count: 0 };
  return {
    count: h.count,
    p50: quantile(h, 0.5) * 1000,
    p99: quantile(h, 0.99) * 1000,
    mean: (h.sum / h.count) * 1000,
    // The share of observations at or under 50 ms, read off the bucket bound (exact, no interpolation).
    within50ms: (h.buckets.find((b) => b.le === 0.05)?.count ?? 0) / h.count,
  };
}
