/**
 * Tenant isolation: two tenants run the same model; a token of tenant A never sees, starts, completes,
 * triggers or correlates anything of tenant B, through the native or the Camunda-compatible routes.
 * Resources without a tenant are visible to every token; a token without a tenants claim sees only those.
 */
import { TestServer, eventually, fixture } from '../helpers/test-server';
import { expectNativeError } from '../native/native-api';
import { InstanceParts, MESSAGE_NAME, TOPIC, createIncident, deployModel, ok, startInstance } from './security-kit';
import { SECRET, bearer, token } from './tokens';

const A = 'tenant-a';
const B = 'tenant-b';

describe('tenant isolation', () => {
  let server: TestServer;
  let admin: Record<string, string>;
  let tokenA: Record<string, string>;
  const definitions: Record<string, string> = {};
  const deployments: Record<string, string> = {};
  let a: InstanceParts;
  let b: InstanceParts;
  let bOnly: InstanceParts;
  let bIncident: string;

  beforeAll(async () => {
    server = await TestServer.start({ AUTH_JWT_SECRET: SECRET });
    admin = bearer(await token({ tenants: ['*'] }));
    tokenA = bearer(await token({ tenants: [A] }));
    for (const tenant of [A, B]) {
      const deployed = await deployModel(server, admin, tenant);
      definitions[tenant] = deployed.definitionId;
      deployments[tenant] = deployed.deploymentId;
    }
    const shared = await deployModel(server, admin, undefined, 'sec-small.bpmn');
    definitions.none = shared.definitionId;
    // A and B share a correlation id, a business key and a correlation key; one more B instance has a key of its own.
    const common = { correlationId: 'order-4711', businessKey: 'bk-4711', variables: { orderId: { value: 'shared-key', type: 'String' } } };
    a = await startInstance(server, admin, A, common);
    b = await startInstance(server, admin, B, common);
    bOnly = await startInstance(server, admin, B, { variables: { orderId: { value: 'only-b', type: 'String' } } });
    bIncident = await createIncident(server, admin, B);
  }, 60_000);
  afterAll(() => server.close());

  /** What the admin sees of an instance: state, waiting events, open tasks, variables. */
  async function snapshot(id: string) {
    const instance = ok(await server.get(`/process_instances/${id}`, admin), 200);
    const variables = ok(await server.get(`/process_instances/${id}/variables`, admin), 200);
    return {
      state: instance.state,
      waiting: instance.waitingEvents.map((e: { eventKey: string }) => e.eventKey),
      tasks: instance.openTasks.map((t: { taskId: string }) => t.taskId),
      variables: Object.keys(variables).sort(),
    };
  }
  const untouched = { state: 'running', waiting: ['Payment'], variables: ['amount', 'doc', 'orderId'] };

  describe('reading', () => {
    it('lists only models of its tenants and those without a tenant', async () => {
      const models = ok(await server.get('/process_models', tokenA), 200);
      expect(models.map((m: { key: string; tenantId: string | null }) => `${m.key}/${m.tenantId}`).sort()).toEqual(['sec-order/tenant-a', 'sec-small/null']);
      ok(await server.get(`/process_models?tenantId=${B}`, tokenA), 200);
      expect(ok(await server.get(`/process_models?tenantId=${B}`, tokenA), 200)).toEqual([]);
      expectNativeError(await server.get(`/process_models/sec-order?tenantId=${B}`, tokenA), 404, 'MODEL_NOT_FOUND');
      expectNativeError(await server.get(`/process_models/sec-order/xml?tenantId=${B}`, tokenA), 404, 'MODEL_NOT_FOUND');
      expect(ok(await server.get('/process_models/sec-order', tokenA), 200).tenantId).toBe(A);
    });

    it("shows a shared correlation with its own instances only, and never B's instance", async () => {
      const correlation = ok(await server.get('/correlations/order-4711', tokenA), 200);
      expect(correlation.processInstances.map((i: { processInstanceId: string }) => i.processInstanceId)).toEqual([a.instanceId]);
      const list = ok(await server.get('/correlations', tokenA), 200);
      expect(list.items.find((c: { correlationId: string }) => c.correlationId === 'order-4711').instanceCount).toBe(1);
      expect(JSON.stringify(list)).not.toContain(bOnly.correlationId);
      expectNativeError(await server.get(`/correlations/${bOnly.correlationId}`, tokenA), 404, 'CORRELATION_NOT_FOUND');
      expectNativeError(await server.get(`/process_instances/${b.instanceId}`, tokenA), 404, 'INSTANCE_NOT_FOUND');
      expectNativeError(await server.get(`/process_instances/${b.instanceId}/variables`, tokenA), 404, 'INSTANCE_NOT_FOUND');
      expectNativeError(await server.get(`/tasks/${b.taskId}`, tokenA), 404, 'TASK_NOT_FOUND');
      const events = ok(await server.get('/process_models/sec-order/correlations/order-4711/events', tokenA), 200);
      expect(events.map((e: { processInstanceId: string }) => e.processInstanceId)).toEqual([a.instanceId]);
    });

    it('lists and counts only its own tasks, incidents and Camunda resources', async () => {
      const mine = [a.instanceId];
      const tasks = ok(await server.get('/tasks', tokenA), 200);
      expect(tasks.items.map((t: { processInstanceId: string }) => t.processInstanceId)).toEqual(mine);
      expect(tasks.total).toBe(1);
      expect(ok(await server.get('/incidents', tokenA), 200)).toEqual({ items: [], total: 0 });
      expectNativeError(await server.get(`/incidents/${bIncident}`, tokenA), 404, 'NOT_FOUND');
      expect(ok(await server.get('/engine-rest/incident', tokenA), 200)).toEqual([]);
      expect(ok(await server.get('/engine-rest/incident/count', tokenA), 200)).toEqual({ count: 0 });
      expect((await server.get(`/engine-rest/incident/${bIncident}`, tokenA)).status).toBe(404);
      expect(ok(await server.get('/engine-rest/incident/count', admin), 200)).toEqual({ count: 1 });
      const camunda: [string, string][] = [
        ['/engine-rest/process-instance', 'id'],
        ['/engine-rest/task', 'processInstanceId'],
        ['/engine-rest/external-task', 'processInstanceId'],
        ['/engine-rest/execution', 'processInstanceId'],
        ['/engine-rest/event-subscription?eventType=message&processInstanceId=' + b.instanceId, 'processInstanceId'],
      ];
      for (const [path, field] of camunda) {
        const items = ok(await server.get(path, tokenA), 200) as Record<string, string>[];
        expect({ path, ids: [...new Set(items.map((i) => i[field]))] }).toEqual({ path, ids: path.includes(b.instanceId) ? [] : mine });
      }
      for (const path of ['/engine-rest/process-instance/count', '/engine-rest/task/count', '/engine-rest/external-task/count', '/engine-rest/execution/count']) {
        expect({ path, count: ok(await server.get(path, tokenA), 200).count }).toEqual({ path, count: 1 });
      }
      const definitionIds = (ok(await server.get('/engine-rest/process-definition', tokenA), 200) as { id: string }[]).map((d) => d.id).sort();
      expect(definitionIds).toEqual([definitions[A], definitions.none].sort());
      const deploymentTenants = (ok(await server.get('/engine-rest/deployment', tokenA), 200) as { tenantId: string | null }[]).map((d) => d.tenantId);
      expect(deploymentTenants.sort()).toEqual([A, null].sort());
      expect(ok(await server.get(`/engine-rest/deployment/count?tenantIdIn=${B}`, tokenA), 200).count).toBe(0);
      expect(ok(await server.get(`/engine-rest/process-instance?tenantIdIn=${B}`, tokenA), 200)).toEqual([]);
    });

    it('answers Camunda reads of B resources as for unknown ids', async () => {
      const notFound = async (path: string, status: number) => {
        const result = await server.get(path, tokenA);
        expect({ path, status: result.status }).toEqual({ path, status });
        expect(result.text).not.toContain('"tenantId":"tenant-b"');
      };
      await notFound(`/engine-rest/process-instance/${b.instanceId}`, 404);
      await notFound(`/engine-rest/process-instance/${b.instanceId}/variables`, 500);
      await notFound(`/engine-rest/execution/${b.instanceId}`, 404);
      await notFound(`/engine-rest/task/${b.taskId}`, 404);
      await notFound(`/engine-rest/task/${b.taskId}/variables`, 500);
      await notFound(`/engine-rest/external-task/${b.externalTaskId}`, 404);
      await notFound(`/engine-rest/process-definition/${definitions[B]}`, 404);
      await notFound(`/engine-rest/process-definition/${definitions[B]}/xml`, 404);
      await notFound(`/engine-rest/process-definition/key/sec-order/tenant-id/${B}`, 404);
      await notFound(`/engine-rest/deployment/${deployments[B]}`, 404);
      await notFound(`/engine-rest/execution/${b.instanceId}/messageSubscriptions/${MESSAGE_NAME}`, 404);
    });
  });

  describe('changing', () => {
    it('never starts an instance of B', async () => {
      const count = async () => ok(await server.get(`/engine-rest/process-instance/count?tenantIdIn=${B}`, admin), 200).count as number;
      const before = await count();
      expectNativeError(await server.post('/process_models/sec-order/start', { tenantId: B }, tokenA), 404, 'MODEL_NOT_FOUND');
      expect((await server.post(`/engine-rest/process-definition/key/sec-order/tenant-id/${B}/start`, {}, tokenA)).status).toBe(404);
      expect((await server.post(`/engine-rest/process-definition/${definitions[B]}/start`, {}, tokenA)).status).toBe(500);
      // The native start without a tenant starts A's model, the only sec-order A sees.
      const started = ok(await server.post('/process_models/sec-order/start', {}, tokenA), 201);
      expect(ok(await server.get(`/process_instances/${started.processInstanceId}`, admin), 200).tenantId).toBe(A);
      expect(await count()).toBe(before);
    });

    it("never completes B's tasks", async () => {
      expectNativeError(await server.post(`/tasks/${b.taskId}/complete`, { payload: { x: 1 } }, tokenA), 404, 'TASK_NOT_FOUND');
      expect((await server.post(`/engine-rest/task/${b.taskId}/complete`, {}, tokenA)).status).toBe(500);
      expect((await server.post(`/engine-rest/external-task/${b.externalTaskId}/complete`, { workerId: 'sec-worker' }, tokenA)).status).toBe(404);
      expect((await server.post(`/engine-rest/external-task/${b.externalTaskId}/unlock`, undefined, tokenA)).status).toBe(404);
      expect((await server.request('PUT', `/engine-rest/external-task/${b.externalTaskId}/retries`, { retries: 0 }, tokenA)).status).toBe(404);
      const locked = ok(await server.post('/engine-rest/external-task/fetchAndLock', { workerId: 'a-worker', maxTasks: 10, topics: [{ topicName: TOPIC, lockDuration: 60_000 }] }, tokenA), 200);
      expect(locked.every((t: { tenantId: string }) => t.tenantId === A)).toBe(true);
      expect(ok(await server.get(`/engine-rest/external-task/${b.externalTaskId}`, admin), 200)).toEqual(expect.objectContaining({ workerId: 'sec-worker', retries: null }));
      expect({ ...(await snapshot(b.instanceId)), tasks: undefined }).toEqual({ ...untouched, tasks: undefined });
      expect((await snapshot(b.instanceId)).tasks).toEqual([b.taskId]);
    });

    it("never triggers B's events, changes its variables or cancels it", async () => {
      const bEvents = ok(await server.get('/process_models/sec-order/correlations/order-4711/events', bearer(await token({ tenants: [B] }))), 200);
      expectNativeError(await server.post(`/process_models/sec-order/correlations/order-4711/events/${bEvents[0].eventId}/trigger`, {}, tokenA), 404, 'EVENT_NOT_FOUND');
      expect((await server.post(`/engine-rest/execution/${b.instanceId}/messageSubscriptions/${MESSAGE_NAME}/trigger`, {}, tokenA)).status).toBe(500);
      expect((await server.request('PUT', `/engine-rest/process-instance/${b.instanceId}/variables/amount`, { value: 1, type: 'Integer' }, tokenA)).status).toBe(500);
      expect((await server.post(`/engine-rest/process-instance/${b.instanceId}/variables`, { deletions: ['orderId'] }, tokenA)).status).toBe(500);
      expectNativeError(await server.delete(`/process_instances/${b.instanceId}`, tokenA), 404, 'INSTANCE_NOT_FOUND');
      expect((await server.delete(`/engine-rest/process-instance/${b.instanceId}`, tokenA)).status).toBe(404);
      expect(await snapshot(b.instanceId)).toEqual({ ...untouched, tasks: [b.taskId] });
      const amount = ok(await server.get(`/engine-rest/process-instance/${b.instanceId}/variables/amount`, admin), 200);
      expect(amount.value).toBe(42);
    });

    it("never correlates a message to B's waiting instance (POST /messages)", async () => {
      const key = 'only-b-native';
      const target = await startInstance(server, admin, B, { variables: { orderId: { value: key, type: 'String' } } });
      const onlyB = { messageName: MESSAGE_NAME, correlationKeys: { orderId: { value: key, type: 'String' } } };
      expectNativeError(await server.post('/messages', onlyB, tokenA), 400, 'MESSAGE_NOT_CORRELATED');
      expectNativeError(await server.post('/messages', { ...onlyB, tenantId: B }, tokenA), 400, 'MESSAGE_NOT_CORRELATED');
      expectNativeError(await server.post('/messages', { messageName: MESSAGE_NAME, processInstanceId: target.instanceId }, tokenA), 400, 'MESSAGE_NOT_CORRELATED');
      expect((await snapshot(target.instanceId)).waiting).toEqual(['Payment']);
    });

    it("never correlates a message to B's waiting instance (POST /engine-rest/message)", async () => {
      const key = 'only-b-camunda';
      const target = await startInstance(server, admin, B, { variables: { orderId: { value: key, type: 'String' } } });
      const onlyB = { messageName: MESSAGE_NAME, correlationKeys: { orderId: { value: key, type: 'String' } } };
      expect((await server.post('/engine-rest/message', onlyB, tokenA)).status).toBe(400);
      expect((await server.post('/engine-rest/message', { ...onlyB, tenantId: B }, tokenA)).status).toBe(400);
      expect((await server.post('/engine-rest/message', { messageName: MESSAGE_NAME, processInstanceId: target.instanceId }, tokenA)).status).toBe(400);
      expect((await snapshot(target.instanceId)).waiting).toEqual(['Payment']);
    });

    it('correlates a key both tenants wait for to its own instance only, without ambiguity', async () => {
      const shared = { messageName: MESSAGE_NAME, correlationKeys: { orderId: { value: 'shared-key', type: 'String' } }, resultEnabled: true };
      const results = ok(await server.post('/engine-rest/message', shared, tokenA), 200);
      expect(results.map((r: { execution: { processInstanceId: string } }) => r.execution.processInstanceId)).toEqual([a.instanceId]);
      await eventually(async () => expect((await snapshot(a.instanceId)).waiting).toEqual([]));
      expect((await snapshot(b.instanceId)).waiting).toEqual(['Payment']);
    });

    it('refuses to deploy into a tenant it may not see (403), storing nothing', async () => {
      const count = async () => ok(await server.get(`/engine-rest/deployment/count?tenantIdIn=${B}`, admin), 200).count as number;
      const before = await count();
      const native = await server.post('/process_models', { xml: fixture('sec-small.bpmn'), tenantId: B }, tokenA);
      expectNativeError(native, 403, 'FORBIDDEN');
      const form = new FormData();
      form.append('deployment-name', 'sec-small');
      form.append('tenant-id', B);
      form.append('data', new Blob([fixture('sec-small.bpmn')]), 'sec-small.bpmn');
      const camunda = await server.post('/engine-rest/deployment/create', form, tokenA);
      expect(camunda.status).toBe(403);
      expect(camunda.body).toEqual(expect.objectContaining({ type: 'AuthorizationException' }));
      expect(await count()).toBe(before);
      // Into its own tenant it may.
      expect(ok(await server.post('/process_models', { xml: fixture('sec-small.bpmn'), tenantId: A }, tokenA), 201).models[0].tenantId).toBe(A);
    });
  });

  describe('tokens without tenants, and with every tenant', () => {
    it('a token without a tenants claim sees only resources without a tenant', async () => {
      const none = bearer(await token({}));
      const models = ok(await server.get('/process_models', none), 200);
      expect(models.map((m: { key: string }) => m.key)).toEqual(['sec-small']);
      expect(ok(await server.get('/engine-rest/process-instance/count', none), 200).count).toBe(0);
      expectNativeError(await server.get(`/process_instances/${a.instanceId}`, none), 404, 'INSTANCE_NOT_FOUND');
      expectNativeError(await server.post('/process_models', { xml: fixture('sec-small.bpmn'), tenantId: A }, none), 403, 'FORBIDDEN');
    });

    it('a token with "*" sees every tenant', async () => {
      const ids = (ok(await server.get('/engine-rest/process-instance', admin), 200) as { id: string }[]).map((i) => i.id);
      expect(ids).toEqual(expect.arrayContaining([b.instanceId, bOnly.instanceId]));
    });
  });
});
