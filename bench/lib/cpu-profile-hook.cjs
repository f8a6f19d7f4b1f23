// Preloaded (`node --require`) into engine processes the harness wants to profile. Nothing is recorded until
// the harness sends SIGWINCH (ignored by default, and not one of the signals NestJS's enableShutdownHooks()
// turns into a shutdown, as SIGUSR2 is); the next SIGWINCH stops the V8 CPU profiler and writes
// $BENCH_PROFILE_DIR/$BENCH_PROFILE_NAME-<n>.cpuprofile, so a profile covers exactly one measured window
// (a `--cpu-prof` profile would also hold start-up and seeding).
// During the same window it counts database statements (pg queries, better-sqlite3 statement runs) and
// Redis commands, by statement kind, and writes them next to the profile as <name>-<n>.counts.json: the
// round trips one message costs.
'use strict';
const { Session } = require('node:inspector');
const { writeFileSync, renameSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_PROFILE_DIR;
const name = process.env.BENCH_PROFILE_NAME || `pid${process.pid}`;

let counting = false;
let counts = {};
function count(kind, text) {
  if (!counting) return;
  const key = `${kind}: ${String(text).slice(0, 90).replace(/\s+/g, ' ').trim().slice(0, 70)}`;
  counts[key] = (counts[key] || 0) + 1;
}

function wrap(proto, method, kind, describe) {
  if (!proto || typeof proto[method] !== 'function' || proto[method].__benchWrapped) return;
  const original = proto[method];
  const wrapped = function (...args) {
    if (counting) count(kind, describe(this, args));
    return original.apply(this, args);
  };
  wrapped.__benchWrapped = true;
  proto[method] = wrapped;
}

function instrument() {
  try {
    const pg = require('pg');
    wrap(pg.Client.prototype, 'query', 'pg', (_, [q]) => (typeof q === 'string' ? q : q && q.text) || '?');
  } catch {
    // not installed
  }
  try {
    const Redis = require('ioredis');
    const R = Redis.default || Redis;
    wrap(R.prototype, 'sendCommand', 'redis', (_, [cmd]) => {
      if (!cmd) return '?';
      // EVALSHA of BullMQ's scripts: name the script by its first key's last segment.
      const args = cmd.args || [];
      return cmd.name === 'evalsha' && args.length > 2 ? `evalsha …${String(args[2]).split(':').pop()}` : cmd.name;
    });
  } catch {
    // not installed
  }
  try {
    const Database = require('better-sqlite3');
    const probe = new Database(':memory:');
    const Statement = Object.getPrototypeOf(probe.prepare('select 1'));
    probe.close();
    for (const m of ['run', 'all', 'get']) wrap(Statement, m, 'sqlite', (stmt) => stmt.source);
  } catch {
    // not installed
  }
}

if (dir) {
  instrument();
  const session = new Session();
  session.connect();
  let running = false;
  let n = 0;
  process.on('SIGWINCH', () => {
    if (!running) {
      running = true;
      counts = {};
      counting = true;
      session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')));
      return;
    }
    running = false;
    counting = false;
    const windowCounts = counts;
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      n += 1;
      const target = join(dir, `${name}-${n}`);
      writeFileSync(`${target}.counts.json`, JSON.stringify(windowCounts, null, 1));
      // The profile is written under a temporary name first, so the harness never reads half a file.
      writeFileSync(`${target}.cpuprofile.tmp`, JSON.stringify(result.profile));
      renameSync(`${target}.cpuprofile.tmp`, `${target}.cpuprofile`);
    });
  });
}
