import { Client } from 'pg';

import { EngineProcess } from '../helpers/engine-process';
import { TestServer, eventually, fixture } from '../helpers/test-server';

/** A condition that fails at run time (`missing` is no variable): its continuation is retried, then an incident. */
const POISONED = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Defs_OpsPoisoned" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="ops-poisoned" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:exclusiveGateway id="Check" />
    <bpmn:endEvent id="Done" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Check" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Check" targetRef="Done">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${missing &gt; 1}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
  </bpmn:process>
</bpmn:definitions>`;

type LogLine = Record<string, any>;

/** Every line a process wrote, parsed; a line that is not JSON fails the test. */
function lines(process: EngineProcess): LogLine[] {
  return process.output
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
    });
}

describe('structured JSON logs of the built API (and worker)', () => {
  let api: EngineProcess;
  let worker: EngineProcess | undefined;
  const unique = `ops_logs_${process.pid}_${Date.now().toString(36)}`;

  beforeAll(async () => {
    const env: Record<string, string> = {
      LOG_LEVEL: 'debug',
      CONTINUATION_MAX_ATTEMPTS: '2',
      CONTINUATION_BACKOFF_MS: '50',
      ...(process.env.DATABASE_URL ? { DATABASE_SCHEMA: unique } : {}),
      ...(process.env.REDIS_URL ? { QUEUE_PREFIX: unique } : {}),
    };
    api = await EngineProcess.start(env);
    if (process.env.REDIS_URL) worker = await EngineProcess.start(env, 'dist/worker.js');
  }, 60_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    if (process.env.DATABASE_URL) {
      const client = new Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${unique}" CASCADE`);
      await client.end();
    }
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  /** Where continuations run: in the API process by default, in the worker with Redis. */
  const engineLines = () => lines(worker ?? api);

  it('writes only JSON lines with level, time, role and message, from start-up on', () => {
    const all = lines(api);
    expect(all.length).toBeGreaterThan(0);
    for (const line of all) expect(line).toMatchObject({ level: expect.any(String), time: expect.any(String), role: 'api', msg: expect.any(String) });
    expect(all.some((l) => l.context === 'Engine' && l.msg.startsWith('Listening on'))).toBe(true);
    if (worker) expect(lines(worker).some((l) => l.role === 'worker' && l.msg.startsWith('Continuation worker started'))).toBe(true);
  });

  it('logs each request with its request id, and the instance id on correlation and continuation lines', async () => {
    expect((await post('/process_models', { xml: fixture('camunda-message-catch-end.bpmn'), name: 'cm-finish' })).status).toBe(201);
    const started = await post('/process_models/cm-finish/start', { businessKey: 'log-1' });
    expect(started.status).toBe(201);
    const { processInstanceId } = (await started.json()) as { processInstanceId: string };
    await eventually(async () => {
      const count = await fetch(`${api.url}/engine-rest/event-subscription/count?eventName=cm-finish&processInstanceId=${processInstanceId}`);
      expect(((await count.json()) as { count: number }).count).toBe(1);
    });
    const correlated = await post('/messages', { messageName: 'cm-finish', businessKey: 'log-1' }, { 'x-request-id': `req-${unique}` });
    expect(correlated.status).toBe(200);
    expect(correlated.headers.get('x-request-id')).toBe(`req-${unique}`);

    await eventually(async () => {
      const request = lines(api).find((l) => l.msg === 'request completed' && l.reqId === `req-${unique}`);
      expect(request).toMatchObject({ level: 'info', req: { method: 'POST', url: '/messages' }, res: { statusCode: 200 }, responseTime: expect.any(Number) });
      expect(lines(api)).toContainEqual(
        expect.objectContaining({ msg: 'Message correlated', context: 'Correlation', face: 'native', processInstanceId, reqId: `req-${unique}` }),
      );
      // One continuation after the start, one after the message.
      const continuations = engineLines().filter((l) => l.msg === 'Continuation ran' && l.processInstanceId === processInstanceId);
      expect(continuations).toHaveLength(2);
      expect(continuations[0]).toMatchObject({ level: 'debug', context: 'ContinuationRunner', outboxId: expect.any(String) });
    });
  });

  it('puts the instance id on the warnings of a failing continuation', async () => {
    expect((await post('/process_models', { xml: POISONED, name: 'ops-poisoned' })).status).toBe(201);
    const started = await post('/process_models/ops-poisoned/start', {});
    expect(started.status).toBe(201);
    const { processInstanceId } = (await started.json()) as { processInstanceId: string };
    await eventually(async () => {
      const retry = engineLines().find((l) => l.context === 'ContinuationRunner' && l.level === 'warn' && l.processInstanceId === processInstanceId);
      expect(retry).toMatchObject({ outboxId: expect.any(String), attempt: 1, delayMs: 50 });
    });
  });

  it('keeps headers (and with them credentials) out of request lines', () => {
    for (const line of lines(api).filter((l) => l.req)) expect(Object.keys(line.req).sort()).toEqual(['method', 'remoteAddress', 'url']);
  });
});

describe('an engine created with { logger: false } (the e2e TestServer)', () => {
  it('writes nothing to stdout or stderr, requests included', async () => {
    const written: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      const server = await TestServer.start();
      try {
        expect((await server.get('/health')).status).toBe(200);
        expect((await server.post('/messages', { messageName: 'nobody-waits' })).status).toBe(400);
        expect((await server.get('/no-such-route')).status).toBe(404);
      } finally {
        await server.close();
      }
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    expect(written).toEqual([]);
  });
});
