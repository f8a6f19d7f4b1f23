import { ChildProcess, spawn } from 'node:child_process';
import { Client } from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/**
 * The engine as its own operating-system process, started from the build (`dist/`) exactly as
 * `npm run start:prod` does, for clients that must talk to a separately running server (newman, SDKs).
 */
export class EngineProcess {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly output: string[],
  ) {}

  static async start(env: Record<string, string> = {}, entry = 'dist/main.js'): Promise<EngineProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'engine-process-'));
    const output: string[] = [];
    const child = spawn(process.execPath, [join(ROOT, entry)], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: join(dir, 'engine.sqlite'), NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`engine did not start:\n${output.join('')}`)), 30_000);
      const onData = (chunk: Buffer) => {
        output.push(chunk.toString());
        const text = output.join('');
        const match = /Listening on (http:\/\/[^\s]+)/.exec(text);
        if (match || text.includes('Continuation worker started')) {
          clearTimeout(timer);
          resolve(match ? match[1] : '');
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`engine exited with ${code}:\n${output.join('')}`));
      });
    });
    return new EngineProcess(url, child, dir, output);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * An API process plus, when the suite runs on PostgreSQL and Redis, a worker process, sharing their own
 * schema and queue prefix: the deployment shape of docker-compose, on this machine.
 */
export class EngineStack {
  private constructor(
    readonly api: EngineProcess,
    private readonly workers: EngineProcess[],
    private readonly schema: string | undefined,
  ) {}

  get url(): string {
    return this.api.url;
  }

  static async start(env: Record<string, string> = {}, options: { apis?: number; workers?: number } = {}): Promise<EngineStack> {
    const unique = `stack_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const shared: Record<string, string> = {
      ...(process.env.DATABASE_URL ? { DATABASE_SCHEMA: unique } : {}),
      ...(process.env.REDIS_URL ? { QUEUE_PREFIX: unique } : {}),
      ...env,
    };
    const api = await EngineProcess.start(shared);
    const workers = process.env.REDIS_URL
      ? await Promise.all(Array.from({ length: options.workers ?? 1 }, () => EngineProcess.start(shared, 'dist/worker.js')))
      : [];
    return new EngineStack(api, workers, process.env.DATABASE_URL ? unique : undefined);
  }

  async stop(): Promise<void> {
    await Promise.all([this.api, ...this.workers].map((p) => p.stop()));
    if (this.schema && process.env.DATABASE_URL) {
      const client = new Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
      await client.end();
    }
  }
}
