import IORedis from 'ioredis';

import { HttpResult, TestServer, eventually } from '../../helpers/test-server';
import { WORKER, deployUnique, expectCamundaError, expectJson, fetchAndLock, startWithExternalTask, topic } from './external-task-helpers';

/** Long polling of fetch-and-lock (contract §4.7 "Long polling"). */
describe('Camunda 7 fetchAndLock with asyncResponseTimeout', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.close());

  const poll = (topicName: string, timeout: number, workerId = WORKER) =>
    fetchAndLock(server, { workerId, maxTasks: 1, asyncResponseTimeout: timeout, topics: [topic(topicName)] });
  const timed = async (request: Promise<HttpResult>) => {
    const started = Date.now();
    const result = await request;
    return { result, elapsed: Date.now() - started };
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('answers at once when a task can be locked', async () => {
    const p = await deployUnique(server, 'ext-simple.bpmn');
    const { taskId } = await startWithExternalTask(server, p.key);
    const { result, elapsed } = await timed(poll(p.topic('ext-simple'), 20_000));
    expect(expectJson(result, 200).map((t: { id: string }) => t.id)).toEqual([taskId]);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('parks a request that locks nothing and answers it as soon as an instance creates a matching task', async () => {
    const p = await deployUnique(server, 'ext-simple.bpmn');
    const parked = timed(poll(p.topic('ext-simple'), 20_000));
    await sleep(300);
    const started = await server.post(`/process_models/${p.key}/start`, { businessKey: 'late' });
    expect(started.status).toBe(201);
    const { result, elapsed } = await parked;
    const tasks = expectJson(result, 200);
    expect(tasks).toEqual([expect.objectContaining({ processInstanceId: started.body.processInstanceId, businessKey: 'late', workerId: WORKER })]);
    // Well before the timeout (no tight timing: the point is that it did not wait for it).
    expect(elapsed).toBeLessThan(10_000);
  });

  it('answers [] when its timeout passes without a task', async () => {
    const p = await deployUnique(server, 'ext-simple.bpmn');
    const { result, elapsed } = await timed(poll(p.topic('ext-simple'), 1_500));
    expect(expectJson(result, 200)).toEqual([]);
    expect(elapsed).toBeGreaterThanOrEqual(1_400);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('is woken by an unlock', async () => {
    const p = await deployUnique(server, 'ext-simple.bpmn');
    const { taskId } = await startWithExternalTask(server, p.key);
    expect(expectJson(await poll(p.topic('ext-simple'), 0, 'holder'), 200)).toHaveLength(1);
    const parked = timed(poll(p.topic('ext-simple'), 20_000, 'waiter'));
    await sleep(300);
    expect((await server.post(`/engine-rest/external-task/${taskId}/unlock`)).status).toBe(204);
    const { result, elapsed } = await parked;
    expect(expectJson(result, 200)).toEqual([expect.objectContaining({ id: taskId, workerId: 'waiter' })]);
    expect(elapsed).toBeLessThan(10_000);
  });

  it('hands one new task to one of two parked requests; the other keeps waiting and gets [] at its timeout', async () => {
    const p = await deployUnique(server, 'ext-simple.bpmn');
    const first = timed(poll(p.topic('ext-simple'), 4_000, 'w-1'));
    const second = timed(poll(p.topic('ext-simple'), 4_000, 'w-2'));
    await sleep(300);
    const { taskId } = await startWithExternalTask(server, p.key);
    const answers = await Promise.all([first, second]);
    const bodies = answers.map((a) => expectJson(a.result, 200));
    expect(bodies.flat().map((t: { id: string }) => t.id)).toEqual([taskId]);
    const emptyOne = answers[bodies.findIndex((b) => b.length === 0)];
    expect(emptyOne.elapsed).toBeGreaterThanOrEqual(3_900);
  });

  it('forgets a parked request whose client went away, so that no task is locked for it', async () => {
    const p = await deployUnique(server, 'ext-simple.bpmn');
    const aborted = new AbortController();
    const gone = fetch(`${server.url}/engine-rest/external-task/fetchAndLock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workerId: 'gone', maxTasks: 1, asyncResponseTimeout: 20_000, topics: [topic(p.topic('ext-simple'))] }),
      signal: aborted.signal,
    }).catch((error: { name?: string }) => error.name);
    await sleep(300);
    aborted.abort();
    expect(await gone).toBe('AbortError');
    await sleep(100);
    const { taskId } = await startWithExternalTask(server, p.key);
    await sleep(1_500);
    const [task] = expectJson(await poll(p.topic('ext-simple'), 0, 'present'), 200);
    expect(task).toEqual(expect.objectContaining({ id: taskId, workerId: 'present' }));
  });

  it('validates before parking anything', async () => {
    expectCamundaError(
      await fetchAndLock(server, { workerId: WORKER, maxTasks: 1, asyncResponseTimeout: 1_800_001, topics: [topic('x')] }),
      400,
      'InvalidRequestException',
      'The asynchronous response timeout cannot be set to a value greater than 1800000 milliseconds',
    );
    expectCamundaError(
      await fetchAndLock(server, { maxTasks: 1, asyncResponseTimeout: 1000, topics: [topic('x')] }),
      500,
      'NullValueException',
      'workerId is null',
      0,
    );
  });

  it('parks at most 200 requests; the next one gets Camunda\'s "too many requests" answer', async () => {
    const topicName = `capacity-${Date.now()}`;
    const parked = Array.from({ length: 200 }, (_, i) => poll(topicName, 4_000, `cap-${i}`));
    await sleep(1_500);
    // Parked requests hold no database connection: other requests are served meanwhile.
    const { result: counted, elapsed } = await timed(server.get('/engine-rest/external-task/count'));
    expect(expectJson(counted, 200)).toEqual({ count: expect.any(Number) });
    expect(elapsed).toBeLessThan(2_000);
    expectCamundaError(
      await poll(topicName, 4_000, 'cap-overflow'),
      500,
      'InvalidRequestException',
      'At the moment the server has to handle too many requests at the same time. Please try again later.',
    );
    for (const result of await Promise.all(parked)) expect(expectJson(result, 200)).toEqual([]);
  });
});

describe('Camunda 7 fetchAndLock long polling on shutdown', () => {
  it('answers parked requests with a 500 RestException when the server shuts down', async () => {
    const server = await TestServer.start();
    const parked = fetchAndLock(server, { workerId: WORKER, maxTasks: 1, asyncResponseTimeout: 60_000, topics: [topic('shutdown-topic')] });
    await new Promise((r) => setTimeout(r, 500));
    const closing = server.close();
    expectCamundaError(await parked, 500, 'RestException', 'Request rejected due to shutdown of application server.', null);
    await closing;
  });
});

/**
 * With Redis, continuations (which create external tasks) run in worker processes; their ExternalTaskSignal
 * reaches parked requests in API processes over Redis pub/sub, on a channel named with the queue prefix.
 */
(process.env.REDIS_URL ? describe : describe.skip)('ExternalTaskSignal relay over Redis', () => {
  it('publishes on <queuePrefix>:external-task-available when a worker process creates an external task', async () => {
    const prefix = `ext_relay_${process.pid}_${Date.now().toString(36)}`;
    const server = await TestServer.start({ QUEUE_PREFIX: prefix });
    const subscriber = new IORedis(process.env.REDIS_URL!);
    try {
      const seen: string[] = [];
      subscriber.on('message', (channel: string) => seen.push(channel));
      await subscriber.subscribe(`${prefix}:external-task-available`);
      const p = await deployUnique(server, 'ext-simple.bpmn');
      const parked = fetchAndLock(server, { workerId: WORKER, maxTasks: 1, asyncResponseTimeout: 20_000, topics: [topic(p.topic('ext-simple'))] });
      await startWithExternalTask(server, p.key);
      await eventually(async () => expect(seen).toContain(`${prefix}:external-task-available`));
      expect(expectJson(await parked, 200)).toHaveLength(1);
    } finally {
      subscriber.disconnect();
      await server.close();
    }
  });
});
