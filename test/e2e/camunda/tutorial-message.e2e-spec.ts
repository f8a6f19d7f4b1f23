import { TestServer, eventually } from '../helpers/test-server';

/** Seed 000's requests, as a Postman user of Camunda sends them, against POST /engine-rest/message. */
describe('the ordering tutorial through POST /engine-rest/message', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
    expect((await server.deployFixture('order-process.bpmn')).status).toBe(201);
  });
  afterAll(() => server.close());

  it('starts an order by message, delivers the payment by correlation key and sees the next wait state at once', async () => {
    const start = await server.post('/engine-rest/message', {
      messageName: 'OrderPlaced',
      businessKey: 'order-1',
      correlationKeys: { customer: { value: 'alice', type: 'String' } },
      processVariables: { customer: { value: 'alice', type: 'String' }, variable1: { value: '100', type: 'String' } },
      resultEnabled: true,
    });
    expect(start.status).toBe(200);
    expect(start.headers.get('content-type')).toBe('application/json');
    expect(start.body).toEqual([
      {
        resultType: 'ProcessDefinition',
        execution: null,
        processInstance: expect.objectContaining({ links: [], definitionKey: 'order-process', businessKey: 'order-1', ended: false, suspended: false, tenantId: null, caseInstanceId: null }),
      },
    ]);
    const instanceId = start.body[0].processInstance.id;

    // The answer came after the continuation: the review task is already there.
    const tasks = await server.get(`/tasks?processInstanceId=${instanceId}`);
    expect(tasks.body.items.map((t: { elementId: string }) => t.elementId)).toEqual(['ReviewOrder']);
    await server.post(`/tasks/${tasks.body.items[0].id}/complete`, {});
    await eventually(async () => {
      const instance = await server.get(`/process_instances/${instanceId}`);
      expect(instance.body.activeElements).toEqual([{ elementId: 'PaymentReceived', count: 1 }]);
    });

    const wrongCustomer = await server.post('/engine-rest/message', { messageName: 'PaymentReceived', correlationKeys: { customer: { value: 'bob', type: 'String' } } });
    expect(wrongCustomer.status).toBe(400);
    expect(wrongCustomer.body).toEqual({
      type: 'RestException',
      message: "org.camunda.bpm.engine.MismatchingMessageCorrelationException: Cannot correlate message 'PaymentReceived': No process definition or execution matches the parameters",
      code: 0,
    });

    const payment = await server.post('/engine-rest/message', {
      messageName: 'PaymentReceived',
      correlationKeys: { customer: { value: 'alice', type: 'String' } },
      processVariables: { variable1: { value: '100', type: 'String' }, variable2: { value: 'credit', type: 'String' } },
    });
    expect(payment.status).toBe(204);
    expect(payment.text).toBe('');
    expect(payment.headers.get('content-type')).toBeNull();
    // Read-your-writes: the ship task is open as soon as the call returned.
    const after = await server.get(`/process_instances/${instanceId}`);
    expect(after.body.activeElements).toEqual([{ elementId: 'ShipOrder', count: 1 }]);
    const variables = await server.get(`/process_instances/${instanceId}/variables`);
    expect(variables.body.variable2).toEqual({ value: 'credit', type: 'String', valueInfo: {} });
  });
});
