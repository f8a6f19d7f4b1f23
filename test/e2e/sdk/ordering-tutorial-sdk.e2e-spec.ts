/**
 * The ordering tutorial (the seed's message-events walk-through) through the generated TypeScript client in
 * sdk/, against the engine running as its own process. Every call is typed by sdk/schema.d.ts, and
 * test/run-all.sh type-checks this file (Jest only transpiles it): a change to the OpenAPI document that
 * breaks the tutorial breaks the build before any request is sent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { EngineClient, createEngineClient, paths } from '../../../sdk';
import { EngineStack } from '../helpers/engine-process';

const XML = readFileSync(join(__dirname, '../../fixtures/bpmn/order-process.bpmn'), 'utf8');

type CamundaMessage = paths['/engine-rest/message']['post']['requestBody']['content']['application/json'];
type Accepts<T, U extends T> = U;
// The generated types constrain bodies (were they to degrade to `unknown`, this line would compile and tsc
// would fail on the unused directive).
// @ts-expect-error a message name is a string
type _NumericMessageName = Accepts<CamundaMessage, { messageName: number }>;

/** The tutorial's sample payload (seed 000): the payment, correlated by the customer. */
function payment(customer: string): CamundaMessage {
  return {
    messageName: 'PaymentReceived',
    correlationKeys: { customer: { value: customer, type: 'String' } },
    processVariables: { variable1: { value: '100', type: 'String' }, variable2: { value: 'credit', type: 'String' } },
  };
}

describe('the ordering tutorial through the generated TypeScript client (sdk/), against a running engine', () => {
  let engine: EngineStack;
  let client: EngineClient;

  beforeAll(async () => {
    engine = await EngineStack.start();
    client = createEngineClient({ baseUrl: engine.url });
    const deployed = await client.POST('/process_models', { body: { xml: XML, name: 'order-process' } });
    expect(deployed.response.status).toBe(201);
    expect(deployed.data?.models.map((m) => [m.key, m.version])).toEqual([['order-process', 1]]);
  }, 60_000);
  afterAll(() => engine.stop());

  /** Starts an order with the message start event, as the tutorial does; answers the instance id. */
  async function placeOrder(businessKey: string, customer: string): Promise<string> {
    const { data, response } = await client.POST('/engine-rest/message', {
      body: { messageName: 'OrderPlaced', businessKey, processVariables: { customer: { value: customer, type: 'String' } }, resultEnabled: true },
    });
    expect(response.status).toBe(200);
    if (!Array.isArray(data)) throw new Error(`expected the correlation results, got ${JSON.stringify(data)}`);
    expect(data).toHaveLength(1);
    expect(data[0].resultType).toBe('ProcessDefinition');
    expect(data[0].processInstance).toMatchObject({ definitionKey: 'order-process', businessKey, ended: false });
    return data[0].processInstance!.id;
  }

  async function openTasks(processInstanceId: string): Promise<{ id: string; key: string; name: string | null }[]> {
    const { data, error } = await client.GET('/engine-rest/task', { params: { query: { processInstanceId } } });
    expect(error).toBeUndefined();
    return data!.map((t) => ({ id: t.id, key: t.taskDefinitionKey, name: t.name })).sort((a, b) => a.key.localeCompare(b.key));
  }

  it('places, reviews, questions and pays an order; the payment payload becomes typed process variables', async () => {
    const instanceId = await placeOrder('order-1', 'alice');

    const [review] = await openTasks(instanceId);
    expect(review).toMatchObject({ key: 'ReviewOrder', name: 'Review order' });
    const byBusinessKey = await client.GET('/engine-rest/task', { params: { query: { processInstanceBusinessKey: 'order-1' } } });
    expect(byBusinessKey.data?.map((t) => t.id)).toEqual([review.id]);

    const completed = await client.POST('/engine-rest/task/{id}/complete', {
      params: { path: { id: review.id } },
      body: { variables: { approved: { value: true, type: 'Boolean' } } },
    });
    expect(completed.response.status).toBe(204);

    // Non-interrupting: the question gets a task of its own, and the order keeps waiting for its payment.
    const question = await client.POST('/engine-rest/message', {
      body: {
        messageName: 'InformationRequested',
        correlationKeys: { customer: { value: 'alice', type: 'String' } },
        processVariables: { question: { value: 'When will my order ship?', type: 'String' } },
      },
    });
    expect(question.response.status).toBe(204);
    expect((await openTasks(instanceId)).map((t) => t.key)).toEqual(['AnswerRequest']);
    const waiting = await client.GET('/engine-rest/event-subscription', { params: { query: { processInstanceId: instanceId, eventName: 'PaymentReceived' } } });
    expect(waiting.data?.map((s) => [s.eventType, s.activityId])).toEqual([['message', 'PaymentReceived']]);

    const paid = await client.POST('/engine-rest/message', { body: payment('alice') });
    expect(paid.response.status).toBe(204);

    const variables = await client.GET('/engine-rest/process-instance/{id}/variables', { params: { path: { id: instanceId } } });
    expect(variables.response.status).toBe(200);
    expect(variables.data).toEqual({
      customer: { value: 'alice', type: 'String', valueInfo: {} },
      approved: { value: true, type: 'Boolean', valueInfo: {} },
      question: { value: 'When will my order ship?', type: 'String', valueInfo: {} },
      variable1: { value: '100', type: 'String', valueInfo: {} },
      variable2: { value: 'credit', type: 'String', valueInfo: {} },
    });
    expect((await openTasks(instanceId)).map((t) => t.key)).toEqual(['AnswerRequest', 'ShipOrder']);

    // The native face of the same instance: the payment no longer waits, the event subprocesses still do.
    const instance = await client.GET('/process_instances/{id}', { params: { path: { id: instanceId } } });
    expect(instance.data?.state).toBe('running');
    expect(instance.data?.waitingEvents.map((e) => e.eventKey).sort()).toEqual(['InformationRequested', 'OrderCancelled']);
  });

  it('answers a payment nobody waits for with Camunda\'s typed error body', async () => {
    const { data, error, response } = await client.POST('/engine-rest/message', { body: payment('nobody') });
    expect(response.status).toBe(400);
    expect(data).toBeUndefined();
    expect(error?.type).toBe('RestException');
    expect(error?.message).toMatch(/^org\.camunda\.bpm\.engine\.MismatchingMessageCorrelationException: Cannot correlate message 'PaymentReceived'/);
  });

  it('cancels a second order: the interrupting message replaces its wait states with the cancellation task', async () => {
    const instanceId = await placeOrder('order-2', 'bob');
    expect((await openTasks(instanceId)).map((t) => t.key)).toEqual(['ReviewOrder']);

    const cancelled = await client.POST('/messages', {
      params: { header: { prefer: 'wait=10' } },
      body: {
        messageName: 'OrderCancelled',
        correlationKeys: { customer: { value: 'bob', type: 'String' } },
        processVariables: { reason: { value: 'I changed my mind', type: 'String' } },
      },
    });
    expect(cancelled.response.status).toBe(200);
    if (!cancelled.data || !('correlated' in cancelled.data)) throw new Error(`expected a correlation, got ${JSON.stringify(cancelled.data)}`);
    expect(cancelled.data.correlated).toEqual([expect.objectContaining({ resultType: 'Execution', processInstanceId: instanceId, eventKey: 'OrderCancelled' })]);

    expect(await openTasks(instanceId)).toEqual([expect.objectContaining({ key: 'DeleteOrder', name: 'Cancel and delete order' })]);
    const reason = await client.GET('/engine-rest/process-instance/{id}/variables', { params: { path: { id: instanceId } } });
    expect(reason.data?.reason).toEqual({ value: 'I changed my mind', type: 'String', valueInfo: {} });
    // Interrupting: the order waits for no message any more, not even a question.
    const subscriptions = await client.GET('/engine-rest/event-subscription', { params: { query: { processInstanceId: instanceId } } });
    expect(subscriptions.data).toEqual([]);
  });
});
