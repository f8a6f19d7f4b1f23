// CPU accounting for a measured window, from /proc: how many cores the machine was busy, how much of that
// was this benchmark (the harness and its children), the database servers (postgres, redis-server), and
// anything else. The machine may be shared: "other" tells how noisy a figure is.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

const TICKS = 100; // USER_HZ on Linux

function machineTicks() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = line[3] + (line[4] ?? 0);
  const total = line.slice(0, 8).reduce((a, b) => a + b, 0);
  return { total, idle };
}

function processTicks() {
  const out = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      out.set(Number(name), { comm, ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

export function cpuSnapshot() {
  return { at: performance.now(), machine: machineTicks(), procs: processTicks() };
}

/** Cores used during [before, after]: { machine, bench, databases, other } (cores = CPU-seconds per second). */
export function cpuWindow(before, after = cpuSnapshot()) {
  const seconds = (after.at - before.at) / 1000;
  if (seconds <= 0) return undefined;
  const busyTicks = after.machine.total - after.machine.idle - (before.machine.total - before.machine.idle);
  const ours = new Set([process.pid]);
  // The harness's descendants (API, worker, peers) at the end of the window.
  for (let changed = true, i = 0; changed && i < 10; i++) {
    changed = false;
    for (const [pid, p] of after.procs) {
      if (!ours.has(pid) && ours.has(p.ppid)) {
        ours.add(pid);
        changed = true;
      }
    }
  }
  let bench = 0;
  let databases = 0;
  for (const [pid, p] of after.procs) {
    const delta = p.ticks - (before.procs.get(pid)?.ticks ?? 0);
    if (delta <= 0) continue;
    if (ours.has(pid)) bench += delta;
    else if (/^(postgres|postmaster|redis-server)/.test(p.comm)) databases += delta;
  }
  const cores = (ticks) => ticks / TICKS / seconds;
  const machine = busyTicks / TICKS / seconds;
  return {
    cores: cpus().length,
    machine: round2(machine),
    bench: round2(cores(bench)),
    databases: round2(cores(databases)),
    other: round2(Math.max(0, machine - cores(bench) - cores(databases))),
  };
}

function round2(v) {
  return Math.round(v * 100) / 100;
}

let quietSeconds = 0;
/** How long measured windows may wait for the rest of the machine to calm down (0: never wait). */
export function setQuietWait(seconds) {
  quietSeconds = seconds;
}

/**
 * Before a measured window: waits, at most the configured time, until processes outside the benchmark use
 * less than `threshold` cores over a 1 s probe. Returns the last probe (measurements report their own).
 */
export async function quietGate(threshold = 0.3) {
  if (quietSeconds <= 0) return undefined;
  const deadline = Date.now() + quietSeconds * 1000;
  let probe;
  for (let i = 0; i < 1000; i++) {
    const before = cpuSnapshot();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    probe = cpuWindow(before);
    if (!probe || probe.other < threshold || Date.now() >= deadline) return probe;
  }
  return probe;
}
