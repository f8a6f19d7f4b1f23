import { TestServer, eventually } from '../helpers/test-server';

/** Reads Server-Sent Events from a stream until `until` says enough, or the time is up. */
async function collectEvents(url: string, until: (events: { event: string; data: any }[]) => boolean, started: () => Promise<void>) {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: any }[] = [];
  let buffer = '';
  const deadline = Date.now() + 10_000;
  const first = await reader.read(); // ": connected" — the subscription is in place
  buffer += decoder.decode(first.value);
  await started();
  while (!until(events) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({ event, data: JSON.parse(data) });
    }
  }
  controller.abort();
  return events;
}

describe('history and live streams of an instance', () => {
  let server: TestServer;
  let instanceId: string;
  beforeAll(async () => {
    server = await TestServer.start();
    await server.deployFixture('order-process.bpmn');
    const started = await server.post('/engine-rest/message', {
      messageName: 'OrderPlaced',
      businessKey: 'order-h1',
      processVariables: { customer: { value: 'hilda', type: 'String' } },
      resultEnabled: true,
    });
    instanceId = started.body[0].processInstance.id;
    const task = (await server.get(`/tasks?processInstanceId=${instanceId}`)).body.items[0];
    await server.post(`/engine-rest/task/${task.id}/complete`, {});
  });
  afterAll(() => server.close());

  it('streams the steps of a message delivery in order, with the route the message came by', async () => {
    const events = await collectEvents(
      `${server.url}/process_instances/${instanceId}/stream`,
      (seen) => seen.some((e) => e.event === 'task-created' && e.data.elementId === 'ShipOrder'),
      async () => {
        const delivered = await server.post('/engine-rest/message', {
          messageName: 'PaymentReceived',
          correlationKeys: { customer: { value: 'hilda', type: 'String' } },
          processVariables: { amount: { value: 42, type: 'Integer' } },
        });
        expect(delivered.status).toBe(204);
      },
    );
    const steps = events.map((e) => `${e.event}${e.data.elementId ? `:${e.data.elementId}` : ''}`);
    const expectedOrder = [
      'subscription-consumed:PaymentReceived',
      'variable-set',
      'element-completed:PaymentReceived',
      'sequence-flow-taken:Flow_ToShip',
      'element-activated:ShipOrder',
      'task-created:ShipOrder',
    ];
    const positions = expectedOrder.map((step) => steps.indexOf(step));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions.filter((p, i) => i === 0 || p > 0));
    expect(events.find((e) => e.event === 'subscription-consumed')!.data.detail).toMatchObject({ messageName: 'PaymentReceived', via: 'POST /engine-rest/message' });
    expect(events.every((e) => e.data.processInstanceId === instanceId)).toBe(true);
  });

  it('keeps the history: element instances with how they ended, and every step', async () => {
    const history = await eventually(async () => {
      const result = await server.get(`/process_instances/${instanceId}/history`);
      expect(result.body.activityInstances.map((a: any) => a.elementId)).toContain("ShipOrder");
      return result.body;
    });
    const byElement = Object.fromEntries(history.activityInstances.map((a: any) => [a.elementId, a]));
    expect(byElement.OrderPlaced.state).toBe('completed');
    expect(byElement.ReviewOrder.state).toBe('completed');
    expect(byElement.PaymentReceived.state).toBe('completed');
    expect(byElement.ShipOrder.state).toBe('active');
    // The start variables are the first step, then the process is entered.
    expect(history.events[0]).toMatchObject({ kind: 'variable-set', detail: { name: 'customer', type: 'String', value: 'hilda' } });
    expect(history.events.find((e: any) => e.kind === 'element-activated')).toMatchObject({ elementId: 'order-process', elementType: 'process' });
  });

  it('records what an interrupting event terminated and why', async () => {
    const other = await server.post('/engine-rest/message', { messageName: 'OrderPlaced', businessKey: 'order-h2', processVariables: { customer: { value: 'ivo', type: 'String' } }, resultEnabled: true });
    const id = other.body[0].processInstance.id;
    await server.post('/engine-rest/message', { messageName: 'OrderCancelled', processInstanceId: id });
    const history = (await server.get(`/process_instances/${id}/history`)).body;
    const review = history.activityInstances.find((a: any) => a.elementId === 'ReviewOrder');
    expect(review).toMatchObject({ state: 'terminated', cause: "interrupted by event subprocess start 'OrderCancelled' (message 'OrderCancelled')" });
  });

  it('streams and keeps the incident of an external task whose worker gave up', async () => {
    expect((await server.deployFixture('ext-simple.bpmn')).status).toBe(201);
    const id: string = (await server.post('/process_models/ext-simple/start', {})).body.processInstanceId;
    const [task] = await eventually(async () => {
      const locked = await server.post('/engine-rest/external-task/fetchAndLock', { workerId: 'hist-worker', maxTasks: 1, topics: [{ topicName: 'ext-simple', lockDuration: 60_000 }] });
      expect(locked.body).toHaveLength(1);
      return locked.body;
    });
    const events = await collectEvents(
      `${server.url}/process_instances/${id}/stream`,
      (seen) => seen.some((e) => e.event === 'incident-created'),
      async () => {
        const failed = await server.post(`/engine-rest/external-task/${task.id}/failure`, { workerId: 'hist-worker', errorMessage: 'card service down', retries: 0 });
        expect(failed.status).toBe(204);
      },
    );
    const [incident] = (await server.get(`/incidents?processInstanceId=${id}`)).body.items;
    const expected = { kind: 'incident-created', elementId: 'Work', detail: { message: 'card service down', incidentId: incident.id, incidentType: 'failedExternalTask' } };
    expect(events.find((e) => e.event === 'incident-created')?.data).toMatchObject(expected);
    expect((await server.get(`/process_instances/${id}/history`)).body.events).toContainEqual(expect.objectContaining(expected));
  });

  it('answers 404 for an unknown instance or correlation', async () => {
    expect((await server.get('/process_instances/nope/history')).status).toBe(404);
    expect((await server.get('/process_instances/nope/stream')).status).toBe(404);
    expect((await server.get('/correlations/nope/stream')).status).toBe(404);
  });
});
