import { TestServer, eventually } from '../../helpers/test-server';
import {
  CAMUNDA_DATE,
  WORKER,
  deployUnique,
  expectCamundaError,
  expectJson,
  externalTasksOf,
  fetchAndLock,
  fetchTasks,
  startWithExternalTask,
  topic,
} from './external-task-helpers';

/** POST /engine-rest/external-task/fetchAndLock without long polling (contract §4.7, §5). */
describe('Camunda 7 POST /external-task/fetchAndLock', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.close());

  it('locks a task for the worker and answers LockedExternalTaskDto with every field, nulls included', async () => {
    const p = await deployUnique(server, 'ext-payment.bpmn');
    const variables = {
      amount: { value: 125, type: 'Integer' },
      order: { value: '{"id":7,"items":["a"]}', type: 'Json' },
      customer: { value: 'alice', type: 'String' },
    };
    const { processInstanceId, taskId } = await startWithExternalTask(server, p.key, { variables, businessKey: 'order-7' });
    const before = Date.now();
    const result = await fetchAndLock(server, { workerId: WORKER, maxTasks: 5, usePriority: true, topics: [topic(p.topic('ext-charge'), { lockDuration: 60_000 })] });
    expect(result.headers.get('content-type')).toBe('application/json');
    const [task] = expectJson(result, 200);
    expect(task).toEqual({
      activityId: 'ChargeCard',
      activityInstanceId: expect.any(String),
      errorMessage: null,
      errorDetails: null,
      executionId: processInstanceId,
      id: taskId,
      lockExpirationTime: expect.stringMatching(CAMUNDA_DATE),
      createTime: expect.stringMatching(CAMUNDA_DATE),
      processDefinitionId: p.definitionId,
      processDefinitionKey: p.key,
      processDefinitionVersionTag: '2.1',
      processInstanceId,
      retries: null,
      suspended: false,
      workerId: WORKER,
      topicName: p.topic('ext-charge'),
      tenantId: null,
      variables: {
        amount: { type: 'Integer', value: 125, valueInfo: {} },
        customer: { type: 'String', value: 'alice', valueInfo: {} },
        order: { type: 'Json', value: '{"id":7,"items":["a"]}', valueInfo: {} },
      },
      priority: 10,
      businessKey: 'order-7',
      extensionProperties: {},
    });
    // lockExpirationTime = now + lockDuration (the date format has millisecond precision).
    const expiry = Date.parse(task.lockExpirationTime.replace(/\+0000$/, 'Z'));
    expect(expiry).toBeGreaterThanOrEqual(before + 60_000 - 1000);
    expect(expiry).toBeLessThanOrEqual(Date.now() + 60_000 + 1000);
    // The GET view shows the lock too.
    const [listed] = await externalTasksOf(server, processInstanceId);
    expect(listed).toEqual(expect.objectContaining({ id: taskId, workerId: WORKER, lockExpirationTime: task.lockExpirationTime }));
  });

  it('hands a locked task to nobody else until its lock expires', async () => {
    const p = await deployUnique(server, 'ext-simple.bpmn');
    const { taskId } = await startWithExternalTask(server, p.key);
    const first = await fetchTasks(server, [topic(p.topic('ext-simple'), { lockDuration: 400 })]);
    expect(first.map((t) => t.id)).toEqual([taskId]);
    expect(await fetchTasks(server, [topic(p.topic('ext-simple'))], { workerId: 'worker-2' })).toEqual([]);
    const again = await eventually(async () => {
      const tasks = await fetchTasks(server, [topic(p.topic('ext-simple'))], { workerId: 'worker-2' });
      expect(tasks).toHaveLength(1);
      return tasks;
    });
    expect(again[0]).toEqual(expect.objectContaining({ id: taskId, workerId: 'worker-2' }));
  });

  it('returns only the requested variables, or only local ones, visible from the task execution', async () => {
    const p = await deployUnique(server, 'ext-scoped.bpmn');
    const { processInstanceId, taskId } = await startWithExternalTask(server, p.key, {
      variables: { a: { value: 'A', type: 'String' }, b: { value: 2, type: 'Long' }, c: { value: null, type: 'Null' } },
    });
    const [task] = await fetchTasks(server, [topic(p.topic('ext-pack'), { variables: ['a', 'c', 'missing'] })]);
    expect(task.id).toBe(taskId);
    expect(task.executionId).not.toBe(processInstanceId);
    expect(task.variables).toEqual({ a: { type: 'String', value: 'A', valueInfo: {} }, c: { type: 'Null', value: null, valueInfo: {} } });

    // A failure writes a local variable on the task's execution (the subprocess scope) and keeps the task fetchable.
    const failed = await server.post(`/engine-rest/external-task/${taskId}/failure`, {
      workerId: WORKER,
      retries: 1,
      retryTimeout: 0,
      localVariables: { a: { value: 'inner', type: 'String' } },
    });
    expect(failed.status).toBe(204);
    const [local] = await fetchTasks(server, [topic(p.topic('ext-pack'), { localVariables: true })]);
    expect(local.variables).toEqual({ a: { type: 'String', value: 'inner', valueInfo: {} } });
    await server.post(`/engine-rest/external-task/${taskId}/unlock`);
    const [all] = await fetchTasks(server, [topic(p.topic('ext-pack'), { variables: null })]);
    expect(all.variables).toEqual({
      a: { type: 'String', value: 'inner', valueInfo: {} },
      b: { type: 'Long', value: 2, valueInfo: {} },
      c: { type: 'Null', value: null, valueInfo: {} },
    });
    await server.post(`/engine-rest/external-task/${taskId}/unlock`);
    const [none] = await fetchTasks(server, [topic(p.topic('ext-pack'), { variables: [] })]);
    expect(none.variables).toEqual({});
  });

  it("answers the task's camunda:properties when the topic asks for extension properties", async () => {
    const p = await deployUnique(server, 'ext-payment.bpmn');
    await startWithExternalTask(server, p.key);
    const [task] = await fetchTasks(server, [topic(p.topic('ext-charge'), { includeExtensionProperties: true })]);
    expect(task.extensionProperties).toEqual({ gateway: 'acme-pay', currency: 'EUR' });
  });

  it('filters each topic by business key, definition, version tag, tenant and process variables (topics OR-ed)', async () => {
    const a = await deployUnique(server, 'ext-simple.bpmn');
    const b = await deployUnique(server, 'ext-payment.bpmn');
    const t = await deployUnique(server, 'ext-simple.bpmn', { tenantId: 'tenant-1' });
    const one = await startWithExternalTask(server, a.key, { businessKey: 'bk-1', variables: { region: { value: 'EU', type: 'String' }, n: { value: 5, type: 'Integer' } } });
    const two = await startWithExternalTask(server, a.key, { businessKey: 'bk-2', variables: { region: { value: 'US', type: 'String' }, n: { value: 6, type: 'Long' } } });
    const three = await startWithExternalTask(server, b.key, { businessKey: 'bk-3' });
    const four = await startWithExternalTask(server, t.key, { tenantId: 'tenant-1' });
    const simple = a.topic('ext-simple');
    const charge = b.topic('ext-charge');
    const ids = async (topics: Record<string, unknown>[]) => {
      const tasks = await fetchTasks(server, topics, { workerId: `probe-${Math.random()}` });
      for (const task of tasks) await server.post(`/engine-rest/external-task/${task.id}/unlock`);
      return tasks.map((x) => x.id).sort();
    };
    const sorted = (...tasks: { taskId: string }[]) => tasks.map((x) => x.taskId).sort();
    expect(await ids([topic(simple)])).toEqual(sorted(one, two));
    expect(await ids([topic(simple, { businessKey: 'bk-2' })])).toEqual(sorted(two));
    expect(await ids([topic(simple, { processDefinitionKey: b.key })])).toEqual([]);
    expect(await ids([topic(simple, { processDefinitionKeyIn: [a.key, b.key] })])).toEqual(sorted(one, two));
    expect(await ids([topic(simple, { processDefinitionId: a.definitionId })])).toEqual(sorted(one, two));
    expect(await ids([topic(charge, { processDefinitionIdIn: [b.definitionId] })])).toEqual(sorted(three));
    expect(await ids([topic(charge, { processDefinitionVersionTag: '2.1' })])).toEqual(sorted(three));
    expect(await ids([topic(charge, { processDefinitionVersionTag: '9.9' })])).toEqual([]);
    expect(await ids([topic(simple, { processVariables: { region: 'EU' } })])).toEqual(sorted(one));
    // Numbers match any numeric type of equal value; several criteria: any one suffices.
    expect(await ids([topic(simple, { processVariables: { n: 6 } })])).toEqual(sorted(two));
    expect(await ids([topic(simple, { processVariables: { region: 'nowhere', n: 5 } })])).toEqual(sorted(one));
    expect(await ids([topic(simple, { processVariables: { region: 'EU' } }), topic(charge)])).toEqual(sorted(one, three));
    expect(await ids([topic(t.topic('ext-simple'), { tenantIdIn: ['tenant-1'] })])).toEqual(sorted(four));
    expect(await ids([topic(t.topic('ext-simple'), { withoutTenantId: true })])).toEqual([]);
    expect(await ids([topic(simple, { withoutTenantId: true })])).toEqual(sorted(one, two));
    const [tenantTask] = await fetchTasks(server, [topic(t.topic('ext-simple'))]);
    expect(tenantTask.tenantId).toBe('tenant-1');
  });

  it('locks at most maxTasks, by priority with usePriority, in createTime order when sorted', async () => {
    const low = await deployUnique(server, 'ext-simple.bpmn');
    const high = await deployUnique(server, 'ext-payment.bpmn');
    // Both fixtures on one topic: the payment task has priority 10, the simple one 0.
    const shared = `shared-${Date.now()}`;
    for (const p of [low, high]) {
      const xml = (await server.get(`/engine-rest/process-definition/${encodeURIComponent(p.definitionId)}/xml`)).body.bpmn20Xml as string;
      const renamed = xml.replace(/camunda:topic="[^"]+"/, `camunda:topic="${shared}"`);
      expect((await server.post('/process_models', { xml: renamed, name: p.key })).status).toBe(201);
    }
    const first = await startWithExternalTask(server, low.key);
    const second = await startWithExternalTask(server, high.key);
    const third = await startWithExternalTask(server, low.key);
    const order = async (extra: Record<string, unknown>) => {
      const tasks = await fetchTasks(server, [topic(shared)], { workerId: `order-${Math.random()}`, ...extra });
      for (const task of tasks) await server.post(`/engine-rest/external-task/${task.id}/unlock`);
      return tasks.map((x) => x.id);
    };
    expect(await order({ maxTasks: 2, sorting: [{ sortBy: 'createTime', sortOrder: 'asc' }] })).toEqual([first.taskId, second.taskId]);
    expect(await order({ sorting: [{ sortBy: 'createTime', sortOrder: 'desc' }] })).toEqual([third.taskId, second.taskId, first.taskId]);
    expect(await order({ usePriority: true, sorting: [{ sortBy: 'createTime', sortOrder: 'desc' }] })).toEqual([second.taskId, third.taskId, first.taskId]);
    expect(await order({ maxTasks: 1, usePriority: true })).toEqual([second.taskId]);
    expect(await order({ maxTasks: 0 })).toEqual([]);
  });

  it('never hands the same task to two concurrent requests', async () => {
    const p = await deployUnique(server, 'ext-simple.bpmn');
    const started = await Promise.all(Array.from({ length: 12 }, () => startWithExternalTask(server, p.key)));
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => fetchAndLock(server, { workerId: `racer-${i}`, maxTasks: 3, topics: [topic(p.topic('ext-simple'))] })),
    );
    const locked = answers.flatMap((a) => expectJson(a, 200)).map((t: { id: string; workerId: string }) => t);
    const ids = locked.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(started.map((s) => s.taskId).sort());
    // Each task is locked for the worker whose answer carried it.
    const listed = await Promise.all(started.map(async (s) => expectJson(await server.get(`/engine-rest/external-task/${s.taskId}`), 200)));
    expect(Object.fromEntries(listed.map((t) => [t.id, t.workerId]))).toEqual(Object.fromEntries(locked.map((t) => [t.id, t.workerId])));
  });

  it('answers [] without topics, for unknown topics, and for maxTasks 0', async () => {
    expect(expectJson(await fetchAndLock(server, { workerId: WORKER, maxTasks: 5 }), 200)).toEqual([]);
    expect(expectJson(await fetchAndLock(server, { workerId: WORKER, maxTasks: 5, topics: [] }), 200)).toEqual([]);
    expect(expectJson(await fetchAndLock(server, { workerId: WORKER, maxTasks: 5, topics: [topic('no-such-topic')] }), 200)).toEqual([]);
    expect(expectJson(await fetchAndLock(server, { workerId: WORKER, topics: [topic('no-such-topic')] }), 200)).toEqual([]);
  });

  it("refuses what Camunda refuses, with Camunda's statuses, types and texts", async () => {
    const call = (body: unknown) => fetchAndLock(server, body);
    const t = [topic('x')];
    expectCamundaError(await call({ maxTasks: 1, topics: t }), 500, 'NullValueException', 'workerId is null', 0);
    expectCamundaError(await call({}), 500, 'NullValueException', 'workerId is null', 0);
    expectCamundaError(await call({ workerId: WORKER, maxTasks: -1, topics: t }), 500, 'ProcessEngineException', 'maxResults is not greater than or equal to 0', 0);
    expectCamundaError(await call({ workerId: WORKER, maxTasks: 1, topics: [{ lockDuration: 100 }] }), 500, 'NullValueException', 'topicName is null', 0);
    expectCamundaError(await call({ workerId: WORKER, maxTasks: 1, topics: [{ topicName: 'x' }] }), 500, 'ProcessEngineException', 'lockTime is not greater than 0', 0);
    expectCamundaError(
      await call({ workerId: WORKER, maxTasks: 1, topics: [{ topicName: 'x', lockDuration: -5 }] }),
      500,
      'ProcessEngineException',
      'lockTime is not greater than 0',
      0,
    );
    expectCamundaError(
      await call({ workerId: WORKER, maxTasks: 1, asyncResponseTimeout: 1_800_001, topics: t }),
      400,
      'InvalidRequestException',
      'The asynchronous response timeout cannot be set to a value greater than 1800000 milliseconds',
    );
    expectCamundaError(
      await call({ workerId: WORKER, maxTasks: 1, sorting: [{ sortBy: 'priority', sortOrder: 'asc' }], topics: t }),
      400,
      'InvalidRequestException',
      'Cannot set query sortBy parameter to value priority',
    );
    expectCamundaError(
      await call({ workerId: WORKER, maxTasks: 1, sorting: [{ sortBy: 'createTime', sortOrder: 'up' }], topics: t }),
      400,
      'InvalidRequestException',
      'Cannot set query sortOrder parameter to value up',
    );
    expectCamundaError(
      await call({ workerId: WORKER, maxTasks: 1, sorting: [{ sortBy: 'createTime' }], topics: t }),
      400,
      'NotValidException',
      'Invalid query: call asc() or desc() after using orderByXX(): direction is null',
      0,
    );
    expectCamundaError(
      await call({ workerId: WORKER, maxTasks: 1, topics: [topic('x', { processVariables: { order: { id: 1 } } })] }),
      500,
      'ProcessEngineException',
      'Object values cannot be used to query',
      0,
    );
    // Jackson mapping errors: a 400 with an empty message.
    expectCamundaError(await call({ workerId: WORKER, maxTasks: 'many', topics: t }), 400, 'InvalidRequestException', '');
    expectCamundaError(await call({ workerId: WORKER, maxTasks: 1, topics: 'x' }), 400, 'InvalidRequestException', '');
    expectCamundaError(await call({ workerId: WORKER, maxTasks: 1, topics: [topic('x', { variables: 'a' })] }), 400, 'InvalidRequestException', '');
    expectCamundaError(await server.post('/engine-rest/external-task/fetchAndLock', '{"workerId":', { 'content-type': 'application/json' }), 400, 'InvalidRequestException', '');
  });

  it('coerces scalars as Jackson does and ignores unknown properties', async () => {
    const p = await deployUnique(server, 'ext-simple.bpmn');
    const { taskId } = await startWithExternalTask(server, p.key);
    const result = await fetchAndLock(server, {
      workerId: 42,
      maxTasks: '3',
      usePriority: 'true',
      unknown: { anything: true },
      topics: [{ topicName: p.topic('ext-simple'), lockDuration: '1000', deserializeValues: true, somethingElse: 1 }],
    });
    const [task] = expectJson(result, 200);
    expect(task).toEqual(expect.objectContaining({ id: taskId, workerId: '42' }));
  });
});
