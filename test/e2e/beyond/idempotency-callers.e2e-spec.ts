import { createHmac } from 'node:crypto';

import { TestServer, fixture } from '../helpers/test-server';
import { expectJson } from '../native/native-api';
import { unique } from './beyond-kit';

const SECRET = 'beyond-idempotency-secret-of-at-least-32-characters';
const SCOPES = 'models:read models:write instances:read instances:write messages:correlate events:trigger tasks:read tasks:write';

/** An HS256 bearer token for a subject, valid for ten minutes. */
function token(subject: string, tenants: string[]): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const head = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: subject, scope: SCOPES, tenants, exp: Math.floor(Date.now() / 1000) + 600 })}`;
  return `${head}.${createHmac('sha256', SECRET).update(head).digest('base64url')}`;
}

/**
 * With authentication on, an Idempotency-Key belongs to the caller who sent it: another caller using the
 * same key (keys are client-chosen, e.g. an order number) gets its own request processed, not the first
 * caller's answer, and not a 422 either.
 */
describe('beyond Camunda: idempotency keys are per caller when authentication is on', () => {
  let server: TestServer;
  const alice = { authorization: `Bearer ${token('alice', ['*'])}` };
  const bob = { authorization: `Bearer ${token('bob', ['*'])}` };

  beforeAll(async () => {
    server = await TestServer.start({ AUTH_JWT_SECRET: SECRET });
    expectJson(await server.post('/process_models', { xml: fixture('order-process.bpmn'), name: 'order-process' }, alice), 201);
  });
  afterAll(() => server.close());

  it('replays to the same caller only', async () => {
    const key = unique('shared-key');
    const body = { businessKey: unique('order') };
    const first = await server.post('/process_models/order-process/start', body, { ...alice, 'Idempotency-Key': key });
    const mine = expectJson(first, 201);
    const again = await server.post('/process_models/order-process/start', body, { ...alice, 'Idempotency-Key': key });
    expect({ status: again.status, text: again.text, replayed: again.headers.get('idempotent-replayed') }).toEqual({ status: 201, text: first.text, replayed: 'true' });

    const other = await server.post('/process_models/order-process/start', body, { ...bob, 'Idempotency-Key': key });
    const theirs = expectJson(other, 201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.processInstanceId).not.toBe(mine.processInstanceId);

    // And each caller's own answer is replayed to them.
    const bobAgain = await server.post('/process_models/order-process/start', body, { ...bob, 'Idempotency-Key': key });
    expect({ status: bobAgain.status, text: bobAgain.text }).toEqual({ status: 201, text: other.text });
    const running = expectJson(await server.get(`/engine-rest/process-instance?businessKey=${body.businessKey}`, alice), 200);
    expect(running.map((i: { id: string }) => i.id).sort()).toEqual([mine.processInstanceId, theirs.processInstanceId].sort());
  });

  it('another caller with the same key and another body is not refused with a 422', async () => {
    const key = unique('shared-key');
    expectJson(await server.post('/process_models/order-process/start', { businessKey: unique('a') }, { ...alice, 'Idempotency-Key': key }), 201);
    const other = await server.post('/process_models/order-process/start', { businessKey: unique('b') }, { ...bob, 'Idempotency-Key': key });
    expect(other.status).toBe(201);
  });
});
