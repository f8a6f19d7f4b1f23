import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';

import { createApp } from '../../../src/app.factory';
import { loadConfiguration } from '../../../src/config/configuration';
import { EngineProcess } from './engine-process';

export interface HttpResult<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

/**
 * A real engine listening on an ephemeral loopback port. On the embedded default it has its own fresh
 * SQLite file and runs continuations in-process. When the suite runs with DATABASE_URL and REDIS_URL it
 * gets its own PostgreSQL schema and queue prefix, and continuations run on a BullMQ worker in a separate
 * process started from dist/. Tests talk to it over HTTP only.
 */
export class TestServer {
  private constructor(
    readonly url: string,
    private readonly app: NestFastifyApplication,
    private readonly dir: string,
    private readonly isolated: { schema?: string; workers: EngineProcess[] },
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TestServer> {
    const dir = mkdtempSync(join(tmpdir(), 'engine-e2e-'));
    const unique = `e2e_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const shared: Record<string, string> = {
      CONTINUATION_BACKOFF_MS: '50',
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: unique } : {}),
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, QUEUE_PREFIX: unique } : {}),
      ...env,
    };
    const config = loadConfiguration({ SQLITE_PATH: join(dir, 'engine.sqlite'), ...shared });
    const app = await createApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    const workers = config.redisUrl ? [await EngineProcess.start(shared, 'dist/worker.js')] : [];
    return new TestServer(`http://127.0.0.1:${address.port}`, app, dir, {
      schema: config.database.type === 'postgres' ? config.database.schema : undefined,
      workers,
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.isolated.workers.map((w) => w.stop()));
    await this.app.close();
    rmSync(this.dir, { recursive: true, force: true });
    if (this.isolated.schema && process.env.DATABASE_URL) {
      const client = new Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${this.isolated.schema}" CASCADE`);
      await client.end();
    }
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof FormData) {
        init.body = body;
      } else {
        init.body = JSON.stringify(body);
        (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
      }
    }
    const response = await fetch(`${this.url}${path}`, init);
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').startsWith('application/json') && text.length > 0) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('GET', path, undefined, headers);
  }

  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body, headers);
  }

  delete<T = any>(path: string, headers?: Record<string, string>) {
    return this.request<T>('DELETE', path, undefined, headers);
  }

  /** Deploys a fixture from test/fixtures/bpmn through the native API and returns the answer. */
  async deployFixture(file: string, extra: Record<string, string> = {}): Promise<HttpResult> {
    const xml = readFileSync(join(__dirname, '../../fixtures/bpmn', file), 'utf8');
    return this.post('/process_models', { xml, name: file.replace(/\.bpmn$/, ''), ...extra });
  }
}

/** Polls until the check passes (continuations run asynchronously) or the time is up, then fails with its error. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

export function fixture(file: string): string {
  return readFileSync(join(__dirname, '../../fixtures/bpmn', file), 'utf8');
}
