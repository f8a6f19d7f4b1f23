// Summarises a V8 .cpuprofile: where the samples' self time went, by function and by where the code lives
// (engine source under dist/, a package in node_modules, Node internals, GC, idle).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

import { ROOT } from './common.mjs';

function place(url) {
  if (!url) return '(native)';
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice(7)) : url;
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 13).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (path.startsWith('node:')) return 'node internals';
  if (path.includes('/dist/') || path.includes('/bench/')) return relative(ROOT, path).replace(/^bench\/dist\//, 'dist/');
  return path;
}

export function summariseProfile(file, { top = 15 } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  // Samples under the inspector session of the harness's profiler hook (stopping the profiler serialises
  // the profile in-process) are not the engine's work: they are left out. The hook's statement-counting
  // wrappers are transparent: time under them belongs to what they wrap.
  const harness = new Map();
  const underHook = (id) => {
    if (harness.has(id)) return harness.get(id);
    const node = byId.get(id);
    const parentId = parentOf.get(id);
    const value = (node.callFrame.url ?? '') === 'node:inspector' || (parentId !== undefined && underHook(parentId));
    harness.set(id, value);
    return value;
  };
  const isHook = (cf) => (cf.url ?? '').includes('cpu-profile-hook');
  const selfUs = new Map();
  const deltas = profile.timeDeltas ?? [];
  profile.samples.forEach((id, i) => {
    if (!underHook(id)) selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const fn = new Map();
  const where = new Map();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    const cf = node.callFrame;
    const special = /^\((idle|program|garbage collector|root)\)$/.test(cf.functionName) ? cf.functionName : undefined;
    let loc = special ?? place(cf.url);
    if (loc === '(native)') {
      // A native function is filed under the code that called it (e.g. better-sqlite3's run() under typeorm).
      let cur = parentOf.get(id);
      for (let d = 0; cur !== undefined && d < 50 && (!byId.get(cur).callFrame.url || isHook(byId.get(cur).callFrame)); d++) cur = parentOf.get(cur);
      loc = `native, called from ${cur === undefined ? '?' : place(byId.get(cur).callFrame.url)}`;
    }
    const name = special ?? `${cf.functionName || '(anonymous)'} ${loc}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
    fn.set(name, (fn.get(name) ?? 0) + us);
    const group = special ?? (loc.startsWith('dist/') ? `engine: ${loc.split('/').slice(1, 3).join('/')}` : loc);
    where.set(group, (where.get(group) ?? 0) + us);
  }
  // Each sample charged to the nearest engine frame (dist/) on its stack: which engine code the time was
  // spent under, libraries it called included. Samples with no engine frame go to their top place.
  const parent = parentOf;
  const engineCaller = new Map();
  for (const [id, us] of selfUs) {
    let cur = id;
    let label;
    for (let depth = 0; cur !== undefined && depth < 500; depth++) {
      const cf = byId.get(cur).callFrame;
      const loc = place(cf.url);
      if (loc.startsWith('dist/')) {
        label = `${cf.functionName || '(anonymous)'} ${loc}:${cf.lineNumber + 1}`;
        break;
      }
      cur = parent.get(cur);
    }
    const self = byId.get(id).callFrame;
    if (!label) label = /^\(/.test(self.functionName) ? self.functionName : `(no engine frame) ${place(self.url)}`;
    engineCaller.set(label, (engineCaller.get(label) ?? 0) + us);
  }
  const idle = where.get('(idle)') ?? 0;
  const busy = total - idle;
  const rank = (m) =>
    [...m.entries()]
      .filter(([k]) => k !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), shareOfBusy: Math.round((1000 * us) / (busy || 1)) / 10 }));
  return {
    file,
    wallMs: Math.round(total / 1000),
    busyShare: Math.round((1000 * busy) / total) / 10,
    topFunctions: rank(fn),
    topPlaces: rank(where),
    topEngineCallers: rank(engineCaller),
  };
}

export function formatProfile(summary, label) {
  const lines = [`${label}: ${summary.wallMs} ms profiled, ${summary.busyShare}% of it busy (not idle)`];
  lines.push('  self time by place (share of busy):');
  for (const p of summary.topPlaces.slice(0, 12)) lines.push(`    ${String(p.shareOfBusy).padStart(5)}%  ${p.name}`);
  lines.push('  top functions (self time, share of busy):');
  for (const f of summary.topFunctions.slice(0, 15)) lines.push(`    ${String(f.shareOfBusy).padStart(5)}%  ${f.name}`);
  lines.push('  charged to the nearest engine frame on the stack (libraries included):');
  for (const f of summary.topEngineCallers.slice(0, 12)) lines.push(`    ${String(f.shareOfBusy).padStart(5)}%  ${f.name}`);
  return lines.join('\n');
}
