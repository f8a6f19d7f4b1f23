import { TestServer } from '../helpers/test-server';
import { expectJson, expectNativeError, instanceInState, openTasks, start } from './native-api';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('native API: correlations', () => {
  let server: TestServer;
  const ids: Record<string, string> = {};
  let generated: string;

  beforeAll(async () => {
    server = await TestServer.start();
    expectJson(await server.deployFixture('native-approval.bpmn'), 201);
    expectJson(await server.deployFixture('native-parallel-wait.bpmn'), 201);
    expectJson(await server.deployFixture('order-process.bpmn'), 201);

    // Started one after the other so that their start times differ.
    ids.order1 = (await start(server, 'native-approval', { correlationId: 'order-1', businessKey: 'bk-1' })).processInstanceId;
    await pause(10);
    ids.order2 = (await start(server, 'native-parallel-wait', { correlationId: 'order-2' })).processInstanceId;
    await pause(10);
    ids.order3approval = (await start(server, 'native-approval', { correlationId: 'order-3', payload: { amount: 3 } })).processInstanceId;
    await pause(10);
    ids.order3parallel = (await start(server, 'native-parallel-wait', { correlationId: 'order-3' })).processInstanceId;
    await pause(10);
    const anonymous = await start(server, 'native-approval');
    generated = anonymous.correlationId;
    ids.generated = anonymous.processInstanceId;
    await pause(10);
    ids.order5a = (await start(server, 'native-approval', { correlationId: 'order-5', businessKey: 'first' })).processInstanceId;
    ids.order5b = (await start(server, 'native-approval', { correlationId: 'order-5', businessKey: 'second' })).processInstanceId;

    // order-1 runs to its end, order-2 is cancelled.
    for (const element of ['Approve', 'Archive']) {
      const [task] = await openTasks(server, ids.order1, 1, element);
      expect((await server.post(`/tasks/${task.id}/complete`, {})).status).toBe(204);
    }
    await instanceInState(server, ids.order1, 'completed');
    await openTasks(server, ids.order2, 3);
    expect((await server.delete(`/process_instances/${ids.order2}`)).status).toBe(204);
    await openTasks(server, ids.order3approval, 1);
  });
  afterAll(() => server.close());

  async function list(query = ''): Promise<{ total: number; items: any[] }> {
    return expectJson(await server.get(`/correlations${query ? `?${query}` : ''}`), 200);
  }

  it('opens a new correlation per start unless a correlationId is given', async () => {
    expect(generated).toEqual(expect.any(String));
    expect(generated.length).toBeGreaterThan(0);
    expect(['order-1', 'order-2', 'order-3', 'order-5']).not.toContain(generated);
  });

  it('lists correlations newest first with state, model keys and instance counts', async () => {
    const page = await list();
    expect(page.total).toBe(5);
    expect(page.items.map((c) => c.correlationId)).toEqual(['order-5', generated, 'order-3', 'order-2', 'order-1']);
    const byId = Object.fromEntries(page.items.map((c) => [c.correlationId, c]));
    expect(byId['order-3']).toEqual({
      correlationId: 'order-3',
      state: 'running',
      processModelKeys: ['native-approval', 'native-parallel-wait'],
      instanceCount: 2,
      startedAt: expect.stringMatching(ISO),
    });
    expect(byId['order-5']).toMatchObject({ state: 'running', processModelKeys: ['native-approval'], instanceCount: 2 });
    expect(byId['order-1']).toMatchObject({ state: 'completed', instanceCount: 1 });
    expect(byId['order-2']).toMatchObject({ state: 'terminated', instanceCount: 1 });
    const starts = page.items.map((c) => Date.parse(c.startedAt));
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
  });

  it('filters by state', async () => {
    expect((await list('state=running')).items.map((c) => c.correlationId)).toEqual(['order-5', generated, 'order-3']);
    expect(await list('state=completed')).toEqual({ total: 1, items: [expect.objectContaining({ correlationId: 'order-1' })] });
    expect(await list('state=terminated')).toEqual({ total: 1, items: [expect.objectContaining({ correlationId: 'order-2' })] });
    expectNativeError(await server.get('/correlations?state=finished'), 400, 'VALIDATION_ERROR');
  });

  it('filters by processModelKey, counting all instances of the correlation', async () => {
    const page = await list('processModelKey=native-parallel-wait');
    expect(page.total).toBe(2);
    expect(page.items.map((c) => c.correlationId)).toEqual(['order-3', 'order-2']);
    expect(page.items[0]).toMatchObject({ instanceCount: 2, processModelKeys: ['native-approval', 'native-parallel-wait'] });
    expect(await list('processModelKey=order-process')).toEqual({ total: 0, items: [] });
    const combined = await list('processModelKey=native-approval&state=running');
    expect(combined.items.map((c) => c.correlationId)).toEqual(['order-5', generated, 'order-3']);
  });

  it('pages the list', async () => {
    const first = await list('limit=2');
    const second = await list('limit=2&offset=2');
    const third = await list('limit=2&offset=4');
    expect([first.total, second.total, third.total]).toEqual([5, 5, 5]);
    expect([...first.items, ...second.items, ...third.items].map((c) => c.correlationId)).toEqual([
      'order-5', generated, 'order-3', 'order-2', 'order-1',
    ]);
    expectNativeError(await server.get('/correlations?limit=0'), 400, 'VALIDATION_ERROR');
  });

  it('gets one correlation with its process instances', async () => {
    const correlation = expectJson(await server.get('/correlations/order-3'), 200);
    expect(correlation).toEqual({
      correlationId: 'order-3',
      state: 'running',
      startedAt: expect.stringMatching(ISO),
      processInstances: [
        {
          processInstanceId: ids.order3approval,
          processModelKey: 'native-approval',
          processModelVersion: 1,
          businessKey: null,
          state: 'running',
          startedAt: expect.stringMatching(ISO),
          endedAt: null,
          activeElementIds: ['Approve'],
          variables: { amount: { value: 3, type: 'Integer', valueInfo: {} } },
        },
        expect.objectContaining({
          processInstanceId: ids.order3parallel,
          processModelKey: 'native-parallel-wait',
          state: 'running',
          activeElementIds: expect.arrayContaining(['Check', 'Review', 'GoSignal', 'AwaitDocs']),
        }),
      ],
    });
  });

  it('shows a finished correlation with ended instances', async () => {
    const done = expectJson(await server.get('/correlations/order-1'), 200);
    expect(done.state).toBe('completed');
    expect(done.processInstances).toEqual([
      expect.objectContaining({ processInstanceId: ids.order1, businessKey: 'bk-1', state: 'completed', endedAt: expect.stringMatching(ISO), activeElementIds: [] }),
    ]);
    const cancelled = expectJson(await server.get('/correlations/order-2'), 200);
    expect(cancelled.state).toBe('terminated');
    expect(cancelled.processInstances[0]).toMatchObject({ state: 'terminated', endedAt: expect.stringMatching(ISO), activeElementIds: [] });
  });

  it('groups two instances started with the same correlationId under one correlation', async () => {
    const correlation = expectJson(await server.get('/correlations/order-5'), 200);
    expect(correlation.processInstances.map((i: any) => [i.processInstanceId, i.businessKey])).toEqual([
      [ids.order5a, 'first'],
      [ids.order5b, 'second'],
    ]);
    const tasks = expectJson(await server.get('/tasks?correlationId=order-5'), 200);
    expect(tasks.total).toBe(2);
  });

  it('scopes a correlation to one process model', async () => {
    const scoped = expectJson(await server.get('/process_models/native-approval/correlations/order-3'), 200);
    expect(scoped.correlationId).toBe('order-3');
    expect(scoped.processInstances.map((i: any) => i.processInstanceId)).toEqual([ids.order3approval]);
    const other = expectJson(await server.get('/process_models/native-parallel-wait/correlations/order-3'), 200);
    expect(other.processInstances.map((i: any) => i.processInstanceId)).toEqual([ids.order3parallel]);
    // order-5 has no instance of native-parallel-wait, order-3 none of order-process.
    expectNativeError(await server.get('/process_models/native-parallel-wait/correlations/order-5'), 404, 'CORRELATION_NOT_FOUND');
    expectNativeError(await server.get('/process_models/order-process/correlations/order-3'), 404, 'CORRELATION_NOT_FOUND');
  });

  it('answers 404 for an unknown correlation', async () => {
    expectNativeError(await server.get('/correlations/no-such-correlation'), 404, 'CORRELATION_NOT_FOUND');
    expectNativeError(await server.get('/process_models/native-approval/correlations/no-such-correlation'), 404, 'CORRELATION_NOT_FOUND');
  });

  it('answers 404 for an unknown process model in the model-scoped route', async () => {
    const result = await server.get('/process_models/no-such-model/correlations/order-3');
    expect(result.status).toBe(404);
    expect(result.headers.get('content-type')).toBe('application/json');
    expect(result.body).toEqual({ type: 'NotFoundError', message: expect.any(String), code: expect.stringMatching(/^(MODEL|CORRELATION)_NOT_FOUND$/) });
  });

  it('handles correlation ids that need URL encoding', async () => {
    const id = 'ORD 2024#7/ä';
    const { correlationId, processInstanceId } = await start(server, 'native-approval', { correlationId: id });
    expect(correlationId).toBe(id);
    const correlation = expectJson(await server.get(`/correlations/${encodeURIComponent(id)}`), 200);
    expect(correlation.correlationId).toBe(id);
    expect(correlation.processInstances.map((i: any) => i.processInstanceId)).toEqual([processInstanceId]);
    const tasks = await openTasks(server, processInstanceId, 1);
    expect(tasks[0].correlationId).toBe(id);
    expect(expectJson(await server.get(`/tasks?correlationId=${encodeURIComponent(id)}`), 200).total).toBe(1);
  });
});
