/**
 * The trigger route's 401/403 rows, and tenants: an instance of a tenant the token may not see is
 * invisible (404, as for a missing event), never triggered, and never makes an eventKey ambiguous.
 */
import { TestServer, eventually } from '../helpers/test-server';
import { expectJson, expectNativeError } from '../native/native-api';
import { SECRET, allBut, bearer, token } from '../security/tokens';
import { eventsPath, triggerPath } from './events-kit';

describe('native API: triggering a waiting event with authentication and tenants', () => {
  let server: TestServer;
  let admin: Record<string, string>;
  const correlationId = 'shared-order-1';
  const ids: Record<'a' | 'b', string> = { a: '', b: '' };

  beforeAll(async () => {
    server = await TestServer.start({ AUTH_JWT_SECRET: SECRET });
    admin = bearer(await token({ tenants: ['*'] }));
    const xml = (await import('node:fs')).readFileSync(`${__dirname}/../../fixtures/bpmn/evt-payment.bpmn`, 'utf8');
    for (const tenant of ['tenant-a', 'tenant-b']) {
      expectJson(await server.post('/process_models', { xml, tenantId: tenant }, admin), 201);
    }
    // One instance per tenant, both in the same correlation and waiting at the same element.
    for (const [key, tenant] of [['a', 'tenant-a'], ['b', 'tenant-b']] as const) {
      const started = expectJson(await server.post('/process_models/evt-payment/start', { tenantId: tenant, correlationId }, admin), 201);
      ids[key] = started.processInstanceId;
    }
    await eventually(async () => {
      const events = expectJson(await server.get(eventsPath('evt-payment', correlationId), admin), 200);
      expect(events).toHaveLength(2);
    });
  });
  afterAll(() => server.close());

  async function waitingOf(id: string): Promise<string[]> {
    const instance = expectJson(await server.get(`/process_instances/${id}`, admin), 200);
    return instance.waitingEvents.map((e: { eventKey: string }) => e.eventKey);
  }

  it('answers 401 with the error body and WWW-Authenticate: Bearer without a valid token', async () => {
    for (const headers of [{}, bearer('not-a-jwt'), bearer(await token({ secret: 'another-secret-of-at-least-32-characters' })), bearer(await token({ expiresIn: -120 }))]) {
      const result = await server.post(triggerPath('evt-payment', correlationId, 'Payment'), {}, headers);
      expectNativeError(result, 401, 'UNAUTHORIZED');
      expect(result.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(await waitingOf(ids.a)).toEqual(['Payment']);
  });

  it('answers 403 when the token lacks events:trigger', async () => {
    const result = await server.post(triggerPath('evt-payment', correlationId, 'Payment'), {}, bearer(await token({ scopes: allBut('events:trigger'), tenants: ['*'] })));
    expectNativeError(result, 403, 'FORBIDDEN');
    expect(result.body.type).toBe('AuthorizationError');
    expect(await waitingOf(ids.a)).toEqual(['Payment']);
    expect(await waitingOf(ids.b)).toEqual(['Payment']);
  });

  it("lists only the events of the token's tenants", async () => {
    const onlyA = bearer(await token({ tenants: ['tenant-a'] }));
    const events = expectJson(await server.get(eventsPath('evt-payment', correlationId), onlyA), 200);
    expect(events.map((e: { processInstanceId: string }) => e.processInstanceId)).toEqual([ids.a]);
    const none = bearer(await token({ tenants: ['tenant-c'] }));
    expectNativeError(await server.get(eventsPath('evt-payment', correlationId), none), 404, 'MODEL_NOT_FOUND');
  });

  it("answers 404 for another tenant's event and leaves it waiting", async () => {
    const bEvents = expectJson(await server.get(eventsPath('evt-payment', correlationId), bearer(await token({ tenants: ['tenant-b'] }))), 200);
    const onlyA = bearer(await token({ tenants: ['tenant-a'] }));
    expectNativeError(await server.post(triggerPath('evt-payment', correlationId, bEvents[0].eventId), {}, onlyA), 404, 'EVENT_NOT_FOUND');
    // A token of a tenant without the model does not see the model at all.
    const onlyC = bearer(await token({ tenants: ['tenant-c'] }));
    expectNativeError(await server.post(triggerPath('evt-payment', correlationId, bEvents[0].eventId), {}, onlyC), 404, 'MODEL_NOT_FOUND');
    expect(await waitingOf(ids.b)).toEqual(['Payment']);
  });

  it("triggers the token's own event by eventKey: another tenant's event neither makes it ambiguous nor is triggered", async () => {
    const onlyA = bearer(await token({ tenants: ['tenant-a'], scopes: ['events:trigger'] }));
    const result = expectJson(await server.post(triggerPath('evt-payment', correlationId, 'Payment'), { payload: { paid: true } }, onlyA), 200);
    expect(result).toEqual(expect.objectContaining({ eventKey: 'Payment', processInstanceId: ids.a, correlationId }));
    await eventually(async () => expect(await waitingOf(ids.a)).toEqual([]));
    expect(await waitingOf(ids.b)).toEqual(['Payment']);
    const bVariables = expectJson(await server.get(`/process_instances/${ids.b}/variables`, admin), 200);
    expect(bVariables).toEqual({});
  });
});
