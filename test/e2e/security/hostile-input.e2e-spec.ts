/**
 * Hostile input: XML entity attacks, bodies over the limit, deeply nested JSON, oversized variables, the
 * security headers and the optional rate limit. Every refused request is also checked to have stored
 * nothing.
 */
import { request as httpRequest } from 'node:http';

import { HttpResult, TestServer, eventually, fixture } from '../helpers/test-server';
import { expectNativeError } from '../native/native-api';
import { ok } from './security-kit';

const BODY_LIMIT = 4096;
const VARIABLE_LIMIT = 64;
const JSON_DEPTH = 8;

/** A JSON object nested `depth` levels deep. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 1; i < depth; i++) value = { [`level${i}`]: value };
  return value;
}

function multipartDeploy(xml: string, file: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('data', new Blob([xml], { type: 'application/octet-stream' }), file);
  return form;
}

describe('hostile input', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start({ BODY_LIMIT_BYTES: String(BODY_LIMIT), VARIABLE_MAX_BYTES: String(VARIABLE_LIMIT), JSON_MAX_DEPTH: String(JSON_DEPTH) });
  });
  afterAll(() => server.close());

  /** What is stored: models, deployments, instances, buffered messages. */
  async function stored() {
    return {
      models: (ok(await server.get('/process_models'), 200) as { key: string }[]).map((m) => m.key).sort(),
      deployments: ok(await server.get('/engine-rest/deployment/count'), 200).count as number,
      instances: ok(await server.get('/engine-rest/process-instance/count'), 200).count as number,
      correlations: ok(await server.get('/correlations'), 200).total as number,
      buffered: ok(await server.get('/messages/buffered'), 200).total as number,
    };
  }

  async function unchanged<T>(action: () => Promise<T>): Promise<T> {
    const before = await stored();
    const result = await action();
    // Continuations run asynchronously: give anything that slipped through the time to show up.
    await new Promise((r) => setTimeout(r, 100));
    expect(await stored()).toEqual(before);
    return result;
  }

  describe('XML with a DOCTYPE or entities (XXE, billion laughs)', () => {
    it.each(['sec-xxe.bpmn', 'sec-billion-laughs.bpmn'])('refuses %s with 400 before parsing, through the native route (JSON and multipart)', async (file) => {
      await unchanged(async () => {
        const json = expectNativeError(await server.post('/process_models', { xml: fixture(file) }), 400, 'DEPLOYMENT_INVALID');
        expect(json.message).toMatch(/DOCTYPE/);
        expect(json.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/DOCTYPE/) })]);
        const form = expectNativeError(await server.post('/process_models', multipartDeploy(fixture(file), file)), 400, 'DEPLOYMENT_INVALID');
        expect(form.message).toMatch(/DOCTYPE/);
      });
    });

    it.each(['sec-xxe.bpmn', 'sec-billion-laughs.bpmn'])('refuses %s with 400 through POST /engine-rest/deployment/create', async (file) => {
      await unchanged(async () => {
        const result = await server.post('/engine-rest/deployment/create', multipartDeploy(fixture(file), file, { 'deployment-name': 'hostile' }));
        expect(result.status).toBe(400);
        expect(result.body).toEqual(expect.objectContaining({ type: 'ParseException', message: expect.stringMatching(/DOCTYPE/) }));
      });
    });

    it('refuses any spelling of a DOCTYPE or a bare entity declaration', async () => {
      const plain = fixture('sec-small.bpmn');
      const variants = [
        plain.replace('<bpmn:definitions', '<!doctype x>\n<bpmn:definitions'),
        plain.replace('<bpmn:definitions', '<!DocType x [ <!ENTITY e "e"> ]>\n<bpmn:definitions'),
        plain.replace('<bpmn:process', '<!ENTITY e "e"><bpmn:process'),
      ];
      await unchanged(async () => {
        for (const xml of variants) expectNativeError(await server.post('/process_models', { xml }), 400, 'DEPLOYMENT_INVALID');
      });
    });
  });

  describe('bodies over BODY_LIMIT_BYTES', () => {
    const padded = fixture('sec-small.bpmn').replace('<bpmn:process', `<!-- ${'x'.repeat(BODY_LIMIT)} --><bpmn:process`);

    it('answers a JSON body over the limit with 413 and the error body', async () => {
      await unchanged(async () => {
        const result = await server.post('/process_models', { xml: padded });
        expect(expectNativeError(result, 413, 'PAYLOAD_TOO_LARGE').type).toBe('PayloadTooLargeError');
      });
    });

    it('answers a multipart upload over the limit with 413', async () => {
      await unchanged(async () => {
        expectNativeError(await server.post('/process_models', multipartDeploy(padded, 'big.bpmn')), 413, 'PAYLOAD_TOO_LARGE');
        const camunda = await server.post('/engine-rest/deployment/create', multipartDeploy(padded, 'big.bpmn', { 'deployment-name': 'big' }));
        expect(camunda.status).toBe(413);
      });
    });

    it('answers a Camunda JSON body over the limit with 413', async () => {
      await unchanged(async () => {
        const result = await server.post('/engine-rest/message', { messageName: 'x', processVariables: { big: { value: 'x'.repeat(BODY_LIMIT), type: 'String' } } });
        expect(result.status).toBe(413);
        expect(result.body).toEqual(expect.objectContaining({ type: expect.any(String), message: expect.any(String) }));
      });
    });
  });

  describe('deeply nested JSON', () => {
    it('refuses a body nested deeper than JSON_MAX_DEPTH with 400', async () => {
      expect((await server.post('/process_models', { xml: fixture('sec-small.bpmn') })).status).toBe(201);
      await unchanged(async () => {
        const body = expectNativeError(await server.post('/process_models/sec-small/start', { payload: nested(JSON_DEPTH + 2) }), 400, 'VALIDATION_ERROR');
        expect(body.message).toMatch(/nested deeper/);
        const camunda = await server.post('/engine-rest/message', { messageName: 'x', processVariables: nested(JSON_DEPTH + 2) });
        expect(camunda.status).toBe(400);
        // A pathological depth (as deep as the body limit allows) is refused the same way, without exhausting the stack.
        const deep = `${'['.repeat(BODY_LIMIT / 2 - 2)}${']'.repeat(BODY_LIMIT / 2 - 2)}`;
        expect((await server.post('/process_models/sec-small/start', deep, { 'content-type': 'application/json' })).status).toBe(400);
      });
    });

    it('accepts the same data within the depth limit', async () => {
      const started = ok(await server.post('/process_models/sec-small/start', { payload: { shallow: nested(JSON_DEPTH - 3) } }), 201);
      expect(started.processInstanceId).toEqual(expect.any(String));
    });
  });

  describe('variables over VARIABLE_MAX_BYTES', () => {
    const big = 'x'.repeat(VARIABLE_LIMIT + 1);
    let taskId: string;
    let instanceId: string;

    beforeAll(async () => {
      instanceId = ok(await server.post('/process_models/sec-small/start', { payload: { small: 'ok' } }), 201).processInstanceId;
      taskId = await eventually(async () => {
        const tasks = ok(await server.get(`/tasks?processInstanceId=${instanceId}`), 200);
        expect(tasks.items).toHaveLength(1);
        return tasks.items[0].id as string;
      });
    });

    it('refuses an oversized start variable (payload or typed, native or Camunda) with 400 and starts nothing', async () => {
      await unchanged(async () => {
        expect(expectNativeError(await server.post('/process_models/sec-small/start', { payload: { big } }), 400, 'INVALID_VARIABLE').message).toMatch(/big/);
        expectNativeError(await server.post('/process_models/sec-small/start', { variables: { big: { value: big, type: 'String' } } }), 400, 'INVALID_VARIABLE');
        expectNativeError(await server.post('/process_models/sec-small/start', { payload: { doc: { text: big } } }), 400, 'INVALID_VARIABLE');
        const bytes = Buffer.alloc(VARIABLE_LIMIT + 1, 1).toString('base64');
        expectNativeError(await server.post('/process_models/sec-small/start', { variables: { blob: { value: bytes, type: 'Bytes' } } }), 400, 'INVALID_VARIABLE');
        const camunda = await server.post('/engine-rest/process-definition/key/sec-small/start', { variables: { big: { value: big, type: 'String' } } });
        expect(camunda.status).toBe(400);
        expect(camunda.body).toEqual(expect.objectContaining({ type: 'InvalidRequestException' }));
      });
    });

    it('refuses an oversized variable when completing a task, and the task stays open', async () => {
      expectNativeError(await server.post(`/tasks/${taskId}/complete`, { payload: { big } }), 400, 'INVALID_VARIABLE');
      expect((await server.post(`/engine-rest/task/${taskId}/complete`, { variables: { big: { value: big, type: 'String' } } })).status).toBe(400);
      ok(await server.get(`/tasks/${taskId}`), 200);
      expect(Object.keys(ok(await server.get(`/process_instances/${instanceId}/variables`), 200))).toEqual(['small']);
    });

    it('refuses an oversized variable written through the Camunda variable routes, and keeps the old value', async () => {
      expect((await server.request('PUT', `/engine-rest/process-instance/${instanceId}/variables/small`, { value: big, type: 'String' })).status).toBe(400);
      expect((await server.post(`/engine-rest/process-instance/${instanceId}/variables`, { modifications: { small: { value: big, type: 'String' } } })).status).toBe(400);
      const form = new FormData();
      form.append('data', new Blob([Buffer.alloc(VARIABLE_LIMIT + 1, 1)]), 'blob.bin');
      expect((await server.post(`/engine-rest/process-instance/${instanceId}/variables/blob/data`, form)).status).toBe(400);
      expect(ok(await server.get(`/process_instances/${instanceId}/variables`), 200)).toEqual({ small: { value: 'ok', type: 'String', valueInfo: {} } });
    });

    it('refuses an oversized message payload with 400 and neither correlates nor buffers it', async () => {
      await unchanged(async () => {
        expectNativeError(await server.post('/messages', { messageName: 'anything', payload: { big }, timeToLive: 'PT1H' }), 400, 'INVALID_VARIABLE');
        expect((await server.post('/engine-rest/message', { messageName: 'anything', processVariables: { big: { value: big, type: 'String' } }, timeToLive: 'PT1H' })).status).toBe(400);
      });
    });

    it('accepts a value at the limit', async () => {
      ok(await server.request('PUT', `/engine-rest/process-instance/${instanceId}/variables/exact`, { value: 'x'.repeat(VARIABLE_LIMIT), type: 'String' }), 204);
      await server.request('DELETE', `/engine-rest/process-instance/${instanceId}/variables/exact`);
    });
  });

  describe('security headers', () => {
    it.each(['/process_models', '/health', '/engine-rest/version', '/no-such-route'])('sets helmet headers on %s', async (path) => {
      const result = await server.get(path);
      expect(result.headers.get('x-content-type-options')).toBe('nosniff');
      expect(result.headers.get('content-security-policy')).toEqual(expect.stringContaining("default-src 'self'"));
      // Browsers reaching the engine over plain HTTP (not localhost) must not be sent to HTTPS for its assets.
      expect(result.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
      expect(result.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(result.headers.get('strict-transport-security')).toEqual(expect.stringContaining('max-age='));
      expect(result.headers.get('x-powered-by')).toBeNull();
    });

    it('sets them on error answers too', async () => {
      const result = await server.post('/process_models', '{', { 'content-type': 'application/json' });
      expect(result.status).toBe(400);
      expect(result.headers.get('x-content-type-options')).toBe('nosniff');
    });
  });
});

/** A request from another loopback address: the rate limit counts per client address. */
function requestFrom(localAddress: string, url: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { localAddress }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('rate limit (RATE_LIMIT_PER_MINUTE)', () => {
  const LIMIT = 5;
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  });
  afterAll(() => server.close());

  it('answers requests over the limit with 429, the error body and Retry-After, and stores nothing for them', async () => {
    const results: HttpResult[] = [];
    for (let i = 0; i < LIMIT; i++) results.push(await server.get('/process_models'));
    expect(results.map((r) => r.status)).toEqual(Array(LIMIT).fill(200));
    const refused = await server.post('/process_models', { xml: fixture('sec-small.bpmn') });
    expectNativeError(refused, 429, 'RATE_LIMITED');
    expect(refused.body.type).toBe('RateLimitError');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const camunda = await server.get('/engine-rest/process-definition');
    expect(camunda.status).toBe(429);
    expect(camunda.body).toEqual(expect.objectContaining({ type: expect.any(String), message: expect.any(String) }));
    // The health check is never limited.
    expect((await server.get('/health')).status).not.toBe(429);
    // Another client address has its own budget, and sees that the refused deployment stored nothing.
    const other = await requestFrom('127.0.0.2', `${server.url}/process_models`);
    expect(other).toEqual({ status: 200, body: [] });
  });
});

describe('rate limit off (the default)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.close());

  it('never answers 429', async () => {
    const statuses = await Promise.all(Array.from({ length: 60 }, () => server.get('/process_models').then((r: HttpResult) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});
