import { TestServer, eventually } from '../helpers/test-server';

describe('the ordering tutorial over the native API (embedded default)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.close());

  it('deploys, starts with typed variables, completes the review and reaches the payment wait state', async () => {
    const deployed = await server.deployFixture('order-process.bpmn');
    expect(deployed.status).toBe(201);
    expect(deployed.body.models).toEqual([expect.objectContaining({ key: 'order-process', version: 1 })]);

    const started = await server.post('/process_models/order-process/start', {
      correlationId: 'order-4711',
      businessKey: 'order-4711',
      variables: { customer: { value: 'alice', type: 'String' }, amount: { value: 100, type: 'Integer' } },
    });
    expect(started.status).toBe(201);
    expect(started.body.correlationId).toBe('order-4711');
    const instanceId = started.body.processInstanceId;

    const review = await eventually(async () => {
      const tasks = await server.get(`/tasks?processInstanceId=${instanceId}`);
      expect(tasks.body.items).toHaveLength(1);
      return tasks.body.items[0];
    });
    expect(review).toMatchObject({ elementId: 'ReviewOrder', name: 'Review order', correlationId: 'order-4711', candidateGroups: 'sales' });

    const completed = await server.post(`/tasks/${review.id}/complete`, { payload: { approved: true } });
    expect(completed.status).toBe(204);

    await eventually(async () => {
      const instance = await server.get(`/process_instances/${instanceId}`);
      expect(instance.body.activeElements).toEqual([{ elementId: 'PaymentReceived', count: 1 }]);
      expect(instance.body.waitingEvents.map((e: { eventKey: string }) => e.eventKey).sort()).toEqual([
        'InformationRequested', 'OrderCancelled', 'PaymentReceived',
      ]);
    });

    const variables = await server.get(`/process_instances/${instanceId}/variables`);
    expect(variables.body).toEqual({
      customer: { value: 'alice', type: 'String', valueInfo: {} },
      amount: { value: 100, type: 'Integer', valueInfo: {} },
      approved: { value: true, type: 'Boolean', valueInfo: {} },
    });
  });
});
