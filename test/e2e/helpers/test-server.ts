import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { NestFastifyApplication } from '@nestjs/platform-fastify';

import { createApp } from '../../../src/app.factory';
import { loadConfiguration } from '../../../src/config/configuration';

export interface HttpResult<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
  readonly text: string;
}

/**
 * A real engine listening on an ephemeral loopback port, on its own fresh SQLite file (or on PostgreSQL
 * when the suite runs with DATABASE_URL). Tests talk to it over HTTP only.
 */
export class TestServer {
  private constructor(
    readonly url: string,
    private readonly app: NestFastifyApplication,
    private readonly dir: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TestServer> {
    const dir = mkdtempSync(join(tmpdir(), 'engine-e2e-'));
    const config = loadConfiguration({
      SQLITE_PATH: join(dir, 'engine.sqlite'),
      CONTINUATION_BACKOFF_MS: '50',
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      ...env,
    });
    const app = await createApp(config, { logger: false });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    return new TestServer(`http://127.0.0.1:${address.port}`, app, dir);
  }

  async close(): Promise<void> {
    await this.app.close();
    rmSync(this.dir, { recursive: true, force: true });
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
