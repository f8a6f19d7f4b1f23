import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';

const ROOT = join(__dirname, '../../..');
const OUTPUT_LINES = 400;

/**
 * One engine process (API `dist/main.js` or worker `dist/worker.js`) started from the build, which a test
 * may stop gracefully or kill with SIGKILL. Keeps the tail of its output for failure reports.
 */
export class NodeProcess {
  private readonly lines: string[] = [];
  private readonly exited: Promise<void>;

  private constructor(
    readonly role: 'api' | 'worker',
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
    lines: string[],
  ) {
    this.lines = lines;
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', () => resolve());
    });
  }

  static async start(role: 'api' | 'worker', env: Record<string, string>): Promise<NodeProcess> {
    const entry = join(ROOT, role === 'api' ? 'dist/main.js' : 'dist/worker.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npx nest build\` first`);
    const dir = mkdtempSync(join(tmpdir(), `int-${role}-`));
    const lines: string[] = [];
    const child = spawn(process.execPath, [entry], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: join(dir, 'engine.sqlite'), NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${role} did not start within 30 s:\n${lines.join('')}`)), 30_000);
      const onData = (chunk: Buffer) => {
        lines.push(chunk.toString());
        if (lines.length > OUTPUT_LINES) lines.splice(0, lines.length - OUTPUT_LINES);
        const text = lines.join('');
        const match = /Listening on (http:\/\/[^\s]+)/.exec(text);
        if (role === 'api' ? match : text.includes('Continuation worker started')) {
          clearTimeout(timer);
          resolve(match ? match[1] : '');
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${role} exited (${code ?? signal}) while starting:\n${lines.join('')}`));
      });
    });
    return new NodeProcess(role, url, child, dir, lines);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The tail of what the process printed. */
  get output(): string {
    return this.lines.join('');
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** `kill -9`: no shutdown hooks, no chance to finish or release anything. */
  async kill9(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (this.alive) {
      this.child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.exited, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
      clearTimeout(timer);
      if (this.alive) this.child.kill('SIGKILL');
      await this.exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A redis-server of the test's own, so that FLUSHALL wipes nothing another suite uses. */
export class PrivateRedis {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
  ) {}

  static available(): boolean {
    return ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/opt/homebrew/bin/redis-server'].some((p) => existsSync(p)) || !!process.env.REDIS_SERVER_BIN;
  }

  static async start(): Promise<PrivateRedis> {
    const bin = process.env.REDIS_SERVER_BIN ?? ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/opt/homebrew/bin/redis-server'].find((p) => existsSync(p))!;
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'int-redis-'));
    const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    const url = `redis://127.0.0.1:${port}`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      const client = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await client.connect();
        if ((await client.ping()) === 'PONG') break;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer`);
        await sleep(100);
      } finally {
        client.disconnect();
      }
    }
    return new PrivateRedis(url, child, dir);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
      clearTimeout(timer);
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface ClusterOptions {
  readonly apis: number;
  readonly workers: number;
  /** Extra environment for every process (lease, sweep interval, back-off, …). */
  readonly env?: Record<string, string>;
  /** Redis to use instead of REDIS_URL (a private server). */
  readonly redisUrl?: string;
}

/**
 * API and worker processes on one private PostgreSQL schema and one private BullMQ prefix: the
 * docker-compose shape with several replicas, on this machine. `stop()` drops the schema and the keys.
 */
export class Cluster {
  readonly apis: NodeProcess[] = [];
  readonly workers: NodeProcess[] = [];
  readonly retired: NodeProcess[] = [];
  private pg?: Client;
  private redis?: IORedis;
  private queueHandle?: Queue;
  private queueConnection?: IORedis;

  private constructor(
    readonly schema: string,
    readonly prefix: string,
    readonly databaseUrl: string,
    readonly redisUrl: string,
    private readonly env: Record<string, string>,
  ) {}

  /** Whether this run has PostgreSQL and Redis (the multi-process pass of the test suite). */
  static configured(): boolean {
    return !!process.env.DATABASE_URL && !!process.env.REDIS_URL;
  }

  static async start(name: string, options: ClusterOptions): Promise<Cluster> {
    const databaseUrl = process.env.DATABASE_URL;
    const redisUrl = options.redisUrl ?? process.env.REDIS_URL;
    if (!databaseUrl || !redisUrl) throw new Error('DATABASE_URL and REDIS_URL must be set for the multi-process integration tests');
    const unique = `int_${name}_${process.pid}_${Date.now().toString(36)}`;
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, DATABASE_SCHEMA: unique, QUEUE_PREFIX: unique, ...options.env };
    const cluster = new Cluster(unique, unique, databaseUrl, redisUrl, env);
    try {
      // The first process creates the schema and runs the migrations; the others find them done.
      cluster.apis.push(await NodeProcess.start('api', env));
      const rest = await Promise.all([
        ...Array.from({ length: options.apis - 1 }, () => NodeProcess.start('api', env)),
        ...Array.from({ length: options.workers }, () => NodeProcess.start('worker', env)),
      ]);
      cluster.apis.push(...rest.filter((p) => p.role === 'api'));
      cluster.workers.push(...rest.filter((p) => p.role === 'worker'));
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  get urls(): string[] {
    return this.apis.map((a) => a.url);
  }

  async startWorker(): Promise<NodeProcess> {
    const worker = await NodeProcess.start('worker', this.env);
    this.workers.push(worker);
    return worker;
  }

  /** SIGKILLs a worker; it stays listed as retired for its output. */
  async killWorker(worker: NodeProcess): Promise<void> {
    await worker.kill9();
    this.workers.splice(this.workers.indexOf(worker), 1);
    this.retired.push(worker);
  }

  /** Plain SQL against the cluster's schema. */
  async sql<T extends Record<string, unknown> = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
    if (!this.pg) {
      this.pg = new Client({ connectionString: this.databaseUrl, options: `-c search_path=${this.schema}` });
      await this.pg.connect();
    }
    return (await this.pg.query(text, params)).rows as T[];
  }

  /** A Redis client on the cluster's Redis (for FLUSHALL and key inspection). */
  redisClient(): IORedis {
    this.redis ??= new IORedis(this.redisUrl, { maxRetriesPerRequest: 3 });
    return this.redis;
  }

  /** The continuation queue, as the engine's processes see it. */
  queue(): Queue {
    if (!this.queueHandle) {
      this.queueConnection = new IORedis(this.redisUrl, { maxRetriesPerRequest: null });
      this.queueHandle = new Queue('continuation', { connection: this.queueConnection, prefix: this.prefix });
    }
    return this.queueHandle;
  }

  /** Every job count of the continuation queue (all zero when nothing is left over). */
  async jobCounts(): Promise<Record<string, number>> {
    return this.queue().getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'paused', 'prioritized', 'waiting-children');
  }

  /** Deletes every key of the cluster's prefix (what FLUSHALL does to this engine, without touching other users of a shared Redis). */
  async wipePrefix(): Promise<number> {
    const redis = this.redisClient();
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) removed += await redis.del(...keys);
    } while (cursor !== '0');
    return removed;
  }

  /** Output of every process, for failure reports. */
  output(): string {
    return [...this.apis, ...this.workers, ...this.retired].map((p) => `--- ${p.role} ${p.pid}\n${p.output.slice(-8000)}`).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apis, ...this.workers, ...this.retired].map((p) => p.stop().catch(() => undefined)));
    try {
      await this.queueHandle?.obliterate({ force: true }).catch(() => undefined);
      await this.queueHandle?.close().catch(() => undefined);
      await this.wipePrefix().catch(() => undefined);
    } finally {
      this.queueConnection?.disconnect();
      this.redis?.disconnect();
    }
    await this.pg?.end().catch(() => undefined);
    const admin = new Client({ connectionString: this.databaseUrl });
    await admin.connect();
    try {
      await admin.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
    } finally {
      await admin.end();
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
