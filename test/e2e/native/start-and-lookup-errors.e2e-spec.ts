import { TestServer, fixture } from '../helpers/test-server';
import { expectJson, expectNativeError, openTasks, start } from './native-api';

describe('native API: unknown models, start events and general error answers', () => {
  let server: TestServer;
  let correlationsBefore: number;

  beforeAll(async () => {
    server = await TestServer.start({ BODY_LIMIT_BYTES: String(64 * 1024) });
    expectJson(await server.deployFixture('native-two-starts.bpmn'), 201);
    expectJson(await server.deployFixture('order-process.bpmn'), 201);
    expectJson(await server.deployFixture('native-approval.bpmn', { tenantId: 'tenant-x' }), 201);
    correlationsBefore = expectJson(await server.get('/correlations'), 200).total;
  });
  afterAll(() => server.close());

  async function expectNothingStarted(): Promise<void> {
    await new Promise((r) => setTimeout(r, 100));
    expect(expectJson(await server.get('/correlations'), 200).total).toBe(correlationsBefore);
    expect(expectJson(await server.get('/tasks'), 200).total).toBe(0);
  }

  it('answers 404 MODEL_NOT_FOUND for an unknown model on get, xml and start', async () => {
    expectNativeError(await server.get('/process_models/no-such-model'), 404, 'MODEL_NOT_FOUND');
    // The XML route's error is JSON, not application/xml.
    expectNativeError(await server.get('/process_models/no-such-model/xml'), 404, 'MODEL_NOT_FOUND');
    expectNativeError(await server.post('/process_models/no-such-model/start', {}), 404, 'MODEL_NOT_FOUND');
    expectNativeError(await server.post('/process_models/no-such-model/start', { payload: { a: 1 } }), 404, 'MODEL_NOT_FOUND');
    await expectNothingStarted();
  });

  it('answers 404 for a model of another tenant', async () => {
    expectNativeError(await server.get('/process_models/native-approval?tenantId=tenant-y'), 404, 'MODEL_NOT_FOUND');
    expectNativeError(await server.get('/process_models/native-approval/xml?tenantId=tenant-y'), 404, 'MODEL_NOT_FOUND');
    expectNativeError(await server.post('/process_models/native-approval/start', { tenantId: 'tenant-y' }), 404, 'MODEL_NOT_FOUND');
    expect(expectJson(await server.get('/process_models/native-approval?tenantId=tenant-x'), 200).tenantId).toBe('tenant-x');
    await expectNothingStarted();
  });

  it('refuses a startEventId that is not a start event with 400', async () => {
    for (const startEventId of ['HandleManual', 'Flow_FromManual', 'Handled', 'NoSuchElement']) {
      const result = await server.post('/process_models/native-two-starts/start', { startEventId });
      const body = expectNativeError(result, 400, 'VALIDATION_ERROR');
      expect(body.message).toContain(startEventId);
    }
    await expectNothingStarted();
  });

  it('refuses an empty startEventId with 400', async () => {
    expectNativeError(await server.post('/process_models/native-two-starts/start', { startEventId: '' }), 400, 'VALIDATION_ERROR');
    await expectNothingStarted();
  });

  it('refuses the start event of an event subprocess or an embedded subprocess as startEventId with 400', async () => {
    // These are start events, but not of the process: an instance cannot begin there.
    for (const startEventId of ['InformationRequested', 'OrderCancelled', 'CancellationStarted']) {
      const result = await server.post('/process_models/order-process/start', { correlationId: `nested-${startEventId}`, startEventId });
      expectNativeError(result, 400, 'VALIDATION_ERROR');
    }
    await expectNothingStarted();
  });

  it('starts at the named start event, and at the none start event by default', async () => {
    const byMessage = await start(server, 'native-two-starts', { startEventId: 'StartByMessage', correlationId: 'chosen-start' });
    expect((await openTasks(server, byMessage.processInstanceId, 1))[0].elementId).toBe('HandleMessage');
    const byDefault = await start(server, 'native-two-starts', { correlationId: 'default-start' });
    expect((await openTasks(server, byDefault.processInstanceId, 1))[0].elementId).toBe('HandleManual');
    correlationsBefore += 2;
    for (const id of [byMessage.processInstanceId, byDefault.processInstanceId]) {
      expect((await server.delete(`/process_instances/${id}`)).status).toBe(204);
    }
  });

  it('validates the start body fields', async () => {
    expectNativeError(await server.post('/process_models/native-two-starts/start', { correlationId: 42 }), 400, 'VALIDATION_ERROR');
    expectNativeError(await server.post('/process_models/native-two-starts/start', { correlationId: 'x'.repeat(256) }), 400, 'VALIDATION_ERROR');
    expectNativeError(await server.post('/process_models/native-two-starts/start', { businessKey: { a: 1 } }), 400, 'VALIDATION_ERROR');
    expectNativeError(await server.post('/process_models/native-two-starts/start', { variables: 'nope' }), 400, 'VALIDATION_ERROR');
    expectNativeError(await server.post('/process_models/native-two-starts/start', '[1,2]', { 'content-type': 'application/json' }), 400, 'VALIDATION_ERROR');
    await expectNothingStarted();
  });

  it('answers unknown routes with the native 404 body', async () => {
    expectNativeError(await server.get('/no-such-route'), 404, 'NOT_FOUND');
    expectNativeError(await server.post('/process_models/native-two-starts/begin', {}), 404, 'NOT_FOUND');
  });

  it('answers a method the route does not support with a native error body', async () => {
    const result = await server.request('PUT', '/process_models', { xml: fixture('native-approval.bpmn') });
    expect([404, 405]).toContain(result.status);
    expectNativeError(result, result.status, result.status === 404 ? 'NOT_FOUND' : 'METHOD_NOT_ALLOWED');
  });

  it('answers a media type the route does not read with 415 and the native body', async () => {
    const result = await server.post('/process_models', fixture('native-approval.bpmn'), { 'content-type': 'application/xml' });
    expectNativeError(result, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a text/plain deployment body with a client error (400 or 415), never 500', async () => {
    const modelsBefore = (await server.get('/process_models')).body;
    const result = await server.post('/process_models', fixture('native-approval.bpmn'), { 'content-type': 'text/plain' });
    expect([400, 415]).toContain(result.status);
    expectNativeError(result, result.status, result.status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_ERROR');
    await expectNothingStarted();
    expect((await server.get('/process_models')).body).toEqual(modelsBefore);
  });

  it('answers a body over the limit with 413 and the native body', async () => {
    const huge = fixture('native-approval.bpmn').replace('<bpmn:process', `<!-- ${'x'.repeat(80 * 1024)} --><bpmn:process`);
    const result = await server.post('/process_models', { xml: huge });
    expectNativeError(result, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a JSON body that is not an object with 400 VALIDATION_ERROR', async () => {
    for (const body of ['"<bpmn:definitions/>"', '42', 'true', '[]']) {
      expectNativeError(await server.post('/process_models', body, { 'content-type': 'application/json' }), 400, 'VALIDATION_ERROR');
    }
  });
});
