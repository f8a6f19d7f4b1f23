import { TestServer, eventually } from '../helpers/test-server';
import { expectJson, expectNativeError, openTasks, start } from './native-api';

describe('native API: starting instances with variables', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
    expectJson(await server.deployFixture('native-approval.bpmn'), 201);
  });
  afterAll(() => server.close());

  async function correlationTotal(): Promise<number> {
    return expectJson(await server.get('/correlations'), 200).total;
  }

  async function taskTotal(): Promise<number> {
    return expectJson(await server.get('/tasks'), 200).total;
  }

  it('stores typed start variables of every basic type and reads them back with their types', async () => {
    const { processInstanceId, correlationId } = await start(server, 'native-approval', {
      businessKey: 'typed-1',
      variables: {
        customer: { value: 'alice', type: 'String' },
        quantity: { value: 42, type: 'Integer' },
        bigCount: { value: 3000000000, type: 'Long' },
        price: { value: 19.99, type: 'Double' },
        urgent: { value: false, type: 'Boolean' },
        dueAt: { value: '2024-03-15T10:30:00.123+0000', type: 'Date' },
        shippedAt: { value: '2024-03-15T12:30:00.000+0200', type: 'Date' },
        address: { value: '{"city":"Berlin","lines":["Main St 1"]}', type: 'Json' },
        nothing: { value: null, type: 'Null' },
        small: { value: 7, type: 'Short' },
      },
    });
    expect(correlationId).toBe(processInstanceId); // no correlationId sent: a new one is opened
    await openTasks(server, processInstanceId, 1);

    const variables = expectJson(await server.get(`/process_instances/${processInstanceId}/variables`), 200);
    expect(variables).toEqual({
      customer: { value: 'alice', type: 'String', valueInfo: {} },
      quantity: { value: 42, type: 'Integer', valueInfo: {} },
      bigCount: { value: 3000000000, type: 'Long', valueInfo: {} },
      price: { value: 19.99, type: 'Double', valueInfo: {} },
      urgent: { value: false, type: 'Boolean', valueInfo: {} },
      dueAt: { value: '2024-03-15T10:30:00.123+0000', type: 'Date', valueInfo: {} },
      // Read back in the server's zone (UTC in tests): the same instant.
      shippedAt: { value: '2024-03-15T10:30:00.000+0000', type: 'Date', valueInfo: {} },
      address: { value: '{"city":"Berlin","lines":["Main St 1"]}', type: 'Json', valueInfo: {} },
      nothing: { value: null, type: 'Null', valueInfo: {} },
      small: { value: 7, type: 'Short', valueInfo: {} },
    });

    // The correlation view shows the same typed variables on its instance.
    const correlation = expectJson(await server.get(`/correlations/${correlationId}`), 200);
    expect(correlation.processInstances).toHaveLength(1);
    expect(correlation.processInstances[0]).toMatchObject({ processInstanceId, businessKey: 'typed-1' });
    expect(correlation.processInstances[0].variables).toEqual(variables);
  });

  it('types a plain JSON payload as Camunda would store it', async () => {
    const { processInstanceId } = await start(server, 'native-approval', {
      payload: {
        text: 'hello',
        count: 5,
        negative: -12,
        maxInt: 2147483647,
        justAboveInt: 2147483648,
        big: 3000000000,
        ratio: 1.5,
        flag: true,
        empty: null,
        order: { id: 'o-1', items: [{ sku: 'A', qty: 2 }], paid: false },
        tags: ['x', 'y'],
      },
    });
    await openTasks(server, processInstanceId, 1);

    const variables = expectJson(await server.get(`/process_instances/${processInstanceId}/variables`), 200);
    expect(variables).toEqual({
      text: { value: 'hello', type: 'String', valueInfo: {} },
      count: { value: 5, type: 'Integer', valueInfo: {} },
      negative: { value: -12, type: 'Integer', valueInfo: {} },
      maxInt: { value: 2147483647, type: 'Integer', valueInfo: {} },
      justAboveInt: { value: 2147483648, type: 'Long', valueInfo: {} },
      big: { value: 3000000000, type: 'Long', valueInfo: {} },
      ratio: { value: 1.5, type: 'Double', valueInfo: {} },
      flag: { value: true, type: 'Boolean', valueInfo: {} },
      empty: { value: null, type: 'Null', valueInfo: {} },
      order: { value: expect.any(String), type: 'Json', valueInfo: {} },
      tags: { value: expect.any(String), type: 'Json', valueInfo: {} },
    });
    expect(JSON.parse(variables.order.value)).toEqual({ id: 'o-1', items: [{ sku: 'A', qty: 2 }], paid: false });
    expect(JSON.parse(variables.tags.value)).toEqual(['x', 'y']);
  });

  it('keeps variables whose names are also Object.prototype members', async () => {
    const names = ['toString', 'valueOf', 'hasOwnProperty', 'constructor', '__proto__'];
    // Sent as raw JSON so that "__proto__" is an ordinary key, as any non-JS client sends it.
    const payload = `{"payload": {${names.map((n, i) => `"${n}": ${i}`).join(', ')}, "plain": "p"}}`;
    const fromPayload = expectJson(await server.post('/process_models/native-approval/start', payload, { 'content-type': 'application/json' }), 201);
    const typed = `{"variables": {${names.map((n) => `"${n}": {"value": "${n}-value", "type": "String"}`).join(', ')}}}`;
    const fromTyped = expectJson(await server.post('/process_models/native-approval/start', typed, { 'content-type': 'application/json' }), 201);
    await openTasks(server, fromPayload.processInstanceId, 1);
    await openTasks(server, fromTyped.processInstanceId, 1);

    const payloadVariables = expectJson(await server.get(`/process_instances/${fromPayload.processInstanceId}/variables`), 200);
    expect(Object.keys(payloadVariables).sort()).toEqual([...names, 'plain'].sort());
    expect(payloadVariables.toString).toEqual({ value: 0, type: 'Integer', valueInfo: {} });
    const typedVariables = expectJson(await server.get(`/process_instances/${fromTyped.processInstanceId}/variables`), 200);
    expect(Object.keys(typedVariables).sort()).toEqual([...names].sort());
    expect(typedVariables.constructor).toEqual({ value: 'constructor-value', type: 'String', valueInfo: {} });
  });

  it('starts with no variables at all when the body is empty', async () => {
    const started = await server.post('/process_models/native-approval/start', '', { 'content-type': 'application/json' });
    const { processInstanceId } = expectJson(started, 201);
    await openTasks(server, processInstanceId, 1);
    expect(expectJson(await server.get(`/process_instances/${processInstanceId}/variables`), 200)).toEqual({});
  });

  describe('refused starts start nothing', () => {
    let correlationsBefore: number;
    let tasksBefore: number;
    beforeEach(async () => {
      correlationsBefore = await correlationTotal();
      tasksBefore = await taskTotal();
    });
    afterEach(async () => {
      // Give a wrongly started instance the time to reach its task before counting.
      await new Promise((r) => setTimeout(r, 150));
      expect(await correlationTotal()).toBe(correlationsBefore);
      expect(await taskTotal()).toBe(tasksBefore);
    });

    it('payload and variables together: 400', async () => {
      const result = await server.post('/process_models/native-approval/start', {
        correlationId: 'both-given',
        payload: { a: 1 },
        variables: { b: { value: 2, type: 'Integer' } },
      });
      expectNativeError(result, 400, 'VALIDATION_ERROR');
      expectNativeError(await server.get('/correlations/both-given'), 404, 'CORRELATION_NOT_FOUND');
    });

    it('a value that does not convert to its type: 400 INVALID_VARIABLE naming the variable', async () => {
      const result = await server.post('/process_models/native-approval/start', {
        correlationId: 'bad-integer',
        variables: { ok: { value: 'fine', type: 'String' }, amount: { value: 'abc', type: 'Integer' } },
      });
      const body = expectNativeError(result, 400, 'INVALID_VARIABLE');
      expect(body.message).toContain('amount');
      expectNativeError(await server.get('/correlations/bad-integer'), 404, 'CORRELATION_NOT_FOUND');
    });

    it('a date not in the Camunda format: 400 INVALID_VARIABLE', async () => {
      const result = await server.post('/process_models/native-approval/start', {
        variables: { dueAt: { value: '2024-03-15', type: 'Date' } },
      });
      expectNativeError(result, 400, 'INVALID_VARIABLE');
    });

    it('an unknown type: 400 INVALID_VARIABLE', async () => {
      const result = await server.post('/process_models/native-approval/start', {
        variables: { x: { value: 1, type: 'Banana' } },
      });
      expectNativeError(result, 400, 'INVALID_VARIABLE');
    });

    it('an Integer out of range: 400 INVALID_VARIABLE', async () => {
      const result = await server.post('/process_models/native-approval/start', {
        variables: { x: { value: 3000000000, type: 'Integer' } },
      });
      expectNativeError(result, 400, 'INVALID_VARIABLE');
    });

    it('a variable that is not a typed-value object: 400 INVALID_VARIABLE', async () => {
      const result = await server.post('/process_models/native-approval/start', { variables: { x: 5 } });
      expectNativeError(result, 400, 'INVALID_VARIABLE');
    });

    it('a payload that is not an object: 400 VALIDATION_ERROR', async () => {
      expectNativeError(await server.post('/process_models/native-approval/start', { payload: [1, 2] }), 400, 'VALIDATION_ERROR');
      expectNativeError(await server.post('/process_models/native-approval/start', { payload: 'text' }), 400, 'VALIDATION_ERROR');
    });

    it('malformed JSON: 400 INVALID_JSON', async () => {
      const result = await server.post('/process_models/native-approval/start', '{"payload": {', { 'content-type': 'application/json' });
      expectNativeError(result, 400, 'INVALID_JSON');
    });
  });

  it('keeps the counts consistent after the refused starts (sanity check of the counters)', async () => {
    const before = await correlationTotal();
    await start(server, 'native-approval', { payload: { n: 1 } });
    await eventually(async () => expect(await correlationTotal()).toBe(before + 1));
  });
});
