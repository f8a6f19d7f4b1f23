import { Client } from 'pg';

import { EngineProcess } from '../helpers/engine-process';
import { TestServer } from '../helpers/test-server';

/** Nothing listens on port 1: a Redis that cannot be reached. */
const UNREACHABLE_REDIS = 'redis://127.0.0.1:1';

describe('GET /health', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.close());

  it('is up with the database (and Redis, when the suite runs with it), without authentication', async () => {
    const health = await server.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', error: {}, details: { database: { status: 'up' } } });
    expect(health.body.details.database.driver).toBe(process.env.DATABASE_URL ? 'postgres' : 'sqlite');
    if (process.env.REDIS_URL) expect(health.body.details.redis).toEqual({ status: 'up' });
    else expect(health.body.details.redis).toBeUndefined();
  });

  it('gives every answer a request id, keeping one the caller sent', async () => {
    const made = await server.get('/health');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await server.get('/health', { 'x-request-id': 'trace-42' });
    expect(kept.headers.get('x-request-id')).toBe('trace-42');
  });
});

describe('with a Redis that cannot be reached', () => {
  // A process of its own: an API whose Redis is gone cannot shut its BullMQ event listener down cleanly,
  // and EngineProcess ends it for sure (SIGTERM, then SIGKILL).
  let api: EngineProcess;
  const schema = `ops_health_${process.pid}_${Date.now().toString(36)}`;
  beforeAll(async () => {
    api = await EngineProcess.start({ REDIS_URL: UNREACHABLE_REDIS, ...(process.env.DATABASE_URL ? { DATABASE_SCHEMA: schema } : {}) });
  });
  afterAll(async () => {
    await api?.stop();
    if (process.env.DATABASE_URL) {
      const client = new Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });

  it('GET /health answers 503 and names redis as down, the database still up', async () => {
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get('content-type')).toBe('application/json');
    const body = (await health.json()) as Record<string, any>;
    expect(body.status).toBe('error');
    expect(body.error.redis).toEqual({ status: 'down', message: expect.stringContaining('ECONNREFUSED') });
    expect(body.details.database.status).toBe('up');
  });

  it('GET /metrics still answers (the queue gauges are left out rather than waited for)', async () => {
    const metrics = await fetch(`${api.url}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('bpmn_engine_messages_correlated_total');
    expect(text).not.toMatch(/^bpmn_engine_queue_jobs\{/m);
  });

  it('GET /queues serves the dashboard page (it reads Redis only from the browser)', async () => {
    const page = await fetch(`${api.url}/queues`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<base href="/queues/"');
  });

  it('logs the lost Redis once per connection, as JSON, not as ioredis noise on stderr', () => {
    const output = api.output.join('');
    expect(output).not.toContain('Unhandled error event');
    const lines = output.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Record<string, any>);
    const failures = lines.filter((l) => l.context === 'Redis' && l.level === 'warn');
    expect(failures.length).toBeGreaterThan(0);
    expect(new Set(failures.map((l) => l.connection)).size).toBe(failures.length);
  });
});

describe('GET /queues', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.close());

  if (process.env.REDIS_URL) {
    it('shows the continuation queue, read-only', async () => {
      const page = await server.get('/queues');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const queues = await server.get('/queues/api/queues');
      expect(queues.status).toBe(200);
      expect(queues.body.queues).toEqual([expect.objectContaining({ name: 'continuation', readOnlyMode: true })]);
    });
  } else {
    it('does not exist without Redis (continuations run in-process)', async () => {
      expect((await server.get('/queues')).status).toBe(404);
    });
  }
});
