import { createServer } from 'node:net';

import { TestServer, eventually } from '../helpers/test-server';

/** A port nothing listens on yet, for the worker's metrics server. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Reads one sample, e.g. sample(text, 'bpmn_engine_messages_correlated_total{face="native",outcome="correlated"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const correlated = (face: string, outcome: string) => `bpmn_engine_messages_correlated_total{face="${face}",outcome="${outcome}"}`;

describe('GET /metrics', () => {
  let server: TestServer;
  let workerMetrics: string | undefined;

  beforeAll(async () => {
    const port = await freePort();
    // With Redis the continuations run in the worker process, which serves its own metrics on METRICS_PORT.
    server = await TestServer.start({ METRICS_PORT: String(port) });
    workerMetrics = process.env.REDIS_URL ? `http://127.0.0.1:${port}/metrics` : undefined;
    expect((await server.deployFixture('camunda-message-catch-end.bpmn')).status).toBe(201);
  });
  afterAll(() => server.close());

  async function scrape(): Promise<string> {
    const metrics = await server.get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return metrics.text;
  }

  async function continuationMetrics(): Promise<string> {
    if (!workerMetrics) return scrape();
    const response = await fetch(workerMetrics);
    expect(response.status).toBe(200);
    return response.text();
  }

  async function startWaiting(businessKey: string): Promise<string> {
    const started = await server.post('/process_models/cm-finish/start', { businessKey });
    expect(started.status).toBe(201);
    await eventually(async () => {
      const count = await server.get(`/engine-rest/event-subscription/count?eventName=cm-finish&processInstanceId=${started.body.processInstanceId}`);
      expect(count.body.count).toBe(1);
    });
    return started.body.processInstanceId;
  }

  it('starts with every correlation series at zero, plus process metrics, all prefixed', async () => {
    const text = await scrape();
    for (const face of ['native', 'camunda']) {
      for (const outcome of ['correlated', 'no-match', 'ambiguous']) expect(sample(text, correlated(face, outcome))).toBe(0);
    }
    expect(text).toContain('# TYPE bpmn_engine_continuation_lag_seconds histogram');
    expect(text).toMatch(/^bpmn_engine_process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^bpmn_engine_nodejs_eventloop_lag_seconds \d/m);
    const names = [...text.matchAll(/^# TYPE (\S+)/gm)].map((m) => m[1]);
    expect(names.filter((name) => !name.startsWith('bpmn_engine_'))).toEqual([]);
    if (process.env.REDIS_URL) expect(sample(text, 'bpmn_engine_queue_jobs{queue="continuation",state="waiting"}')).toEqual(expect.any(Number));
  });

  it('counts correlations by API face and outcome, and continuations with their lag', async () => {
    await startWaiting('m-1');
    await startWaiting('m-2');
    await startWaiting('m-2');

    expect((await server.post('/messages', { messageName: 'cm-finish', businessKey: 'm-1' })).status).toBe(200);
    expect((await server.post('/messages', { messageName: 'cm-finish', businessKey: 'm-1' })).body.code).toBe('MESSAGE_NOT_CORRELATED');
    expect((await server.post('/messages', { messageName: 'cm-finish', businessKey: 'm-2' })).body.code).toBe('MESSAGE_AMBIGUOUS');
    expect((await server.post('/engine-rest/message', { messageName: 'cm-finish', businessKey: 'm-2' })).body.message).toContain('ENGINE-13031');
    expect((await server.post('/engine-rest/message', { messageName: 'cm-finish', businessKey: 'none' })).status).toBe(400);
    expect((await server.post('/engine-rest/engine/default/message', { messageName: 'cm-finish', businessKey: 'm-2', all: true })).status).toBe(204);
    // Bad input is not a correlation outcome.
    expect((await server.post('/messages', { businessKey: 'm-1' })).status).toBe(400);

    const text = await scrape();
    expect({
      native: ['correlated', 'no-match', 'ambiguous'].map((o) => sample(text, correlated('native', o))),
      camunda: ['correlated', 'no-match', 'ambiguous'].map((o) => sample(text, correlated('camunda', o))),
    }).toEqual({ native: [1, 1, 1], camunda: [1, 1, 1] });

    // 3 starts and 3 delivered messages each left continuation work.
    await eventually(async () => {
      const continuations = await continuationMetrics();
      expect(sample(continuations, 'bpmn_engine_continuations_run_total{outcome="done"}')).toBeGreaterThanOrEqual(6);
      expect(sample(continuations, 'bpmn_engine_continuations_failed_total{outcome="failed"}')).toBe(0);
      expect(sample(continuations, 'bpmn_engine_continuation_lag_seconds_count')).toBeGreaterThanOrEqual(6);
    });
  });
});
