import { HttpResult, TestServer, eventually } from '../helpers/test-server';
import { expectJson, expectNativeError } from '../native/native-api';
import {
  buffered, completeTask, orderAtReview, pause, plainVariables, runningWithBusinessKey, str, tasksOf, unique, waitUntilAt,
} from './beyond-kit';

const REPLAYED = 'idempotent-replayed';

/** The same answer: status, body and content type; the repeat is marked as replayed, the first is not. */
function expectReplay(first: HttpResult, repeat: HttpResult): void {
  expect({ status: repeat.status, text: repeat.text }).toEqual({ status: first.status, text: first.text });
  expect(repeat.headers.get('content-type')).toBe(first.headers.get('content-type'));
  expect(first.headers.get(REPLAYED)).toBeNull();
  expect(repeat.headers.get(REPLAYED)).toBe('true');
}

/**
 * Idempotency-Key (issue 7, item 2): a repeat with the same key and body gets the first answer and changes
 * nothing, even after what it did was consumed or ended; another body under the same key is a 422.
 */
describe('beyond Camunda: idempotent retries', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
    expectJson(await server.deployFixture('order-process.bpmn'), 201);
  });
  afterAll(() => server.close());

  it('POST /process_models/{key}/start: one instance however often it is repeated, even after it ended', async () => {
    const key = unique('start');
    const businessKey = unique('idem-start');
    const body = { businessKey, variables: { customer: str('ivy') } };
    const first = await server.post('/process_models/order-process/start', body, { 'Idempotency-Key': key });
    const started = expectJson(first, 201);
    const repeat = await server.post('/process_models/order-process/start', body, { 'Idempotency-Key': key });
    expectReplay(first, repeat);
    // The same JSON with its fields in another order is the same request.
    const reordered = await server.post('/process_models/order-process/start', { variables: body.variables, businessKey }, { 'Idempotency-Key': key });
    expectReplay(first, reordered);
    expect((await runningWithBusinessKey(server, businessKey)).map((i) => i.id)).toEqual([started.processInstanceId]);

    expect((await server.delete(`/process_instances/${started.processInstanceId}`)).status).toBe(204);
    expectReplay(first, await server.post('/process_models/order-process/start', body, { 'Idempotency-Key': key }));
    expect(await runningWithBusinessKey(server, businessKey)).toEqual([]);

    const other = await server.post('/process_models/order-process/start', { ...body, businessKey: unique('other') }, { 'Idempotency-Key': key });
    const error = expectNativeError(other, 422, 'IDEMPOTENCY_MISMATCH');
    expect(error.type).toBe('IdempotencyError');
    expect(other.headers.get(REPLAYED)).toBeNull();
  });

  it('POST /messages: the repeat of a consumed message replays its 200, not a no-match 400', async () => {
    const customer = unique('jack');
    const pid = await orderAtReview(server, { businessKey: customer, variables: { customer: str(customer) } });
    await completeTask(server, pid, 'ReviewOrder');
    await waitUntilAt(server, pid, ['PaymentReceived']);

    const key = unique('payment');
    const body = { messageName: 'PaymentReceived', businessKey: customer, payload: { paid: 1 } };
    const first = await server.post('/messages', body, { 'Idempotency-Key': key });
    expect(expectJson(first, 200).correlated).toEqual([expect.objectContaining({ processInstanceId: pid, eventKey: 'PaymentReceived' })]);
    await waitUntilAt(server, pid, ['ShipOrder']);

    expectReplay(first, await server.post('/messages', body, { 'Idempotency-Key': key }));
    // Without the key the same message no longer matches anything: the replay above was not a new correlation.
    expectNativeError(await server.post('/messages', body), 400, 'MESSAGE_NOT_CORRELATED');
    expectNativeError(await server.post('/messages', { ...body, payload: { paid: 2 } }, { 'Idempotency-Key': key }), 422, 'IDEMPOTENCY_MISMATCH');
    expect(await plainVariables(server, pid)).toEqual({ customer, paid: 1 });
  });

  it('POST /messages with messageId: a non-interrupting event subprocess is triggered once per id', async () => {
    const businessKey = unique('kim');
    const pid = await orderAtReview(server, { businessKey });
    const body = { messageName: 'InformationRequested', businessKey, messageId: unique('info') };
    const first = await server.post('/messages', body);
    expectJson(first, 200);
    for (let i = 0; i < 3; i++) expectReplay(first, await server.post('/messages', body));
    // Another id is another message; an Idempotency-Key header takes precedence over the field.
    expectJson(await server.post('/messages', { ...body, messageId: unique('info') }), 200);
    const withHeader = await server.post('/messages', body, { 'Idempotency-Key': unique('header') });
    expectJson(withHeader, 200);
    expect(withHeader.headers.get(REPLAYED)).toBeNull();
    await eventually(async () => expect(await tasksOf(server, pid, 'AnswerRequest')).toHaveLength(3));
    await pause(200);
    expect(await tasksOf(server, pid, 'AnswerRequest')).toHaveLength(3);
    expectNativeError(await server.post('/messages', { ...body, processVariables: { x: str('y') } }), 422, 'IDEMPOTENCY_MISMATCH');
  });

  it('POST /messages?dryRun=true does not use up the messageId or Idempotency-Key of the message it explains', async () => {
    const businessKey = unique('quinn');
    const pid = await orderAtReview(server, { businessKey });
    const body = { messageName: 'InformationRequested', businessKey, messageId: unique('explained-first') };
    for (let i = 0; i < 2; i++) {
      const dry = await server.post('/messages?dryRun=true', body, { 'Idempotency-Key': body.messageId });
      expect(expectJson(dry, 200).outcome).toBe('correlated');
      expect(dry.headers.get(REPLAYED)).toBeNull();
    }
    const sent = await server.post('/messages', body);
    expect(expectJson(sent, 200).correlated).toEqual([expect.objectContaining({ processInstanceId: pid })]);
    expect(sent.headers.get(REPLAYED)).toBeNull();
    expectReplay(sent, await server.post('/messages', body));
    await eventually(async () => expect(await tasksOf(server, pid, 'AnswerRequest')).toHaveLength(1));
  });

  it('POST /engine-rest/message: 204 and 200 answers are replayed, after the instance ended too', async () => {
    const businessKey = unique('lea');
    const pid = await orderAtReview(server, { businessKey });
    const key = unique('camunda');
    const body = { messageName: 'InformationRequested', businessKey };
    const first = await server.post('/engine-rest/message', body, { 'Idempotency-Key': key });
    expect(first.status).toBe(204);
    expectReplay(first, await server.post('/engine-rest/message', body, { 'Idempotency-Key': key }));
    await pause(200);
    expect(await tasksOf(server, pid, 'AnswerRequest')).toHaveLength(1);

    const withResult = { messageName: 'InformationRequested', businessKey, resultEnabled: true, messageId: unique('camunda-result') };
    const result = await server.post('/engine-rest/message', withResult);
    expect(expectJson(result, 200)).toEqual([expect.objectContaining({ resultType: 'Execution', execution: expect.objectContaining({ processInstanceId: pid }) })]);
    expect((await server.delete(`/process_instances/${pid}`)).status).toBe(204);
    expectReplay(result, await server.post('/engine-rest/message', withResult));
    // Not replayed, the same message now finds nothing: Camunda's 400.
    expect((await server.post('/engine-rest/message', body)).status).toBe(400);

    const mismatch = await server.post('/engine-rest/message', { ...body, all: true }, { 'Idempotency-Key': key });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body).toEqual({ type: expect.any(String), message: expect.any(String), code: null });
  });

  it('POST …/events/{event_id}/trigger: a non-interrupting event is triggered once per key', async () => {
    const started = expectJson(await server.post('/process_models/order-process/start', { correlationId: unique('trigger') }), 201);
    await waitUntilAt(server, started.processInstanceId, ['ReviewOrder']);
    const path = `/process_models/order-process/correlations/${started.correlationId}/events/InformationRequested/trigger`;
    const key = unique('trigger');
    const first = await server.post(path, { payload: { asked: true } }, { 'Idempotency-Key': key });
    expect(expectJson(first, 200)).toMatchObject({ eventKey: 'InformationRequested', processInstanceId: started.processInstanceId });
    expectReplay(first, await server.post(path, { payload: { asked: true } }, { 'Idempotency-Key': key }));
    expectNativeError(await server.post(path, { payload: { asked: false } }, { 'Idempotency-Key': key }), 422, 'IDEMPOTENCY_MISMATCH');
    await eventually(async () => expect(await tasksOf(server, started.processInstanceId, 'AnswerRequest')).toHaveLength(1));
    await pause(200);
    expect(await tasksOf(server, started.processInstanceId, 'AnswerRequest')).toHaveLength(1);
  });

  it('POST /messages with timeToLive: the repeat replays the 202 and keeps one message, even after it was deleted', async () => {
    const messageName = unique('BeyondIdemBuffered');
    const body = { messageName, timeToLive: 'PT5M' };
    const key = unique('buffered');
    const first = await server.post('/messages', body, { 'Idempotency-Key': key });
    const { messageId } = expectJson(first, 202);
    expectReplay(first, await server.post('/messages', body, { 'Idempotency-Key': key }));
    expect((await buffered(server, messageName)).items.map((m) => m.messageId)).toEqual([messageId]);
    expect((await server.delete(`/messages/buffered/${messageId}`)).status).toBe(204);
    expectReplay(first, await server.post('/messages', body, { 'Idempotency-Key': key }));
    expect(await buffered(server, messageName)).toEqual({ total: 0, items: [] });
  });

  it('POST /tasks/{id}/complete: the repeat replays the 204 instead of a 404 for the completed task', async () => {
    const pid = await orderAtReview(server, { variables: { customer: str(unique('max')) } });
    const [task] = expectJson(await server.get(`/tasks?processInstanceId=${pid}&elementId=ReviewOrder`), 200).items;
    const key = unique('complete');
    const first = await server.post(`/tasks/${task.id}/complete`, { payload: { ok: true } }, { 'Idempotency-Key': key });
    expect(first.status).toBe(204);
    await waitUntilAt(server, pid, ['PaymentReceived']);
    expectReplay(first, await server.post(`/tasks/${task.id}/complete`, { payload: { ok: true } }, { 'Idempotency-Key': key }));
    expectNativeError(await server.post(`/tasks/${task.id}/complete`, { payload: { ok: true } }), 404, 'TASK_NOT_FOUND');
    expectNativeError(await server.post(`/tasks/${task.id}/complete`, { payload: { ok: false } }, { 'Idempotency-Key': key }), 422, 'IDEMPOTENCY_MISMATCH');
    expect(await plainVariables(server, pid)).toMatchObject({ ok: true });
  });

  it('concurrent duplicates in one process: one instance, identical answers', async () => {
    const key = unique('burst');
    const businessKey = unique('burst');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => server.post('/process_models/order-process/start', { businessKey }, { 'Idempotency-Key': key })),
    );
    expect(new Set(answers.map((a) => `${a.status} ${a.text}`)).size).toBe(1);
    expect(answers[0].status).toBe(201);
    expect(answers.filter((a) => a.headers.get(REPLAYED) === null)).toHaveLength(1);
    expect(await runningWithBusinessKey(server, businessKey)).toHaveLength(1);
  });

  it('refuses a key longer than 255 characters; an empty key is no key', async () => {
    const businessKey = unique('long');
    expectNativeError(await server.post('/process_models/order-process/start', { businessKey }, { 'Idempotency-Key': 'k'.repeat(256) }), 400, 'VALIDATION_ERROR');
    expect(await runningWithBusinessKey(server, businessKey)).toEqual([]);
    for (let i = 0; i < 2; i++) expectJson(await server.post('/process_models/order-process/start', { businessKey }, { 'Idempotency-Key': '' }), 201);
    expect(await runningWithBusinessKey(server, businessKey)).toHaveLength(2);
  });
});

describe('beyond Camunda: idempotency keys are kept for IDEMPOTENCY_RETENTION_MS', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start({ IDEMPOTENCY_RETENTION_MS: '1000' });
    expectJson(await server.deployFixture('order-process.bpmn'), 201);
  });
  afterAll(() => server.close());

  it('after the retention period the key is free: the same request runs again and another body is accepted', async () => {
    const key = unique('retention');
    const businessKey = unique('retention');
    const first = expectJson(await server.post('/process_models/order-process/start', { businessKey }, { 'Idempotency-Key': key }), 201);
    expectJson(await server.post('/process_models/order-process/start', { businessKey }, { 'Idempotency-Key': key }), 201);
    expect(await runningWithBusinessKey(server, businessKey)).toHaveLength(1);
    await pause(1_200);
    const again = expectJson(await server.post('/process_models/order-process/start', { businessKey }, { 'Idempotency-Key': key }), 201);
    expect(again.processInstanceId).not.toBe(first.processInstanceId);
    expect(await runningWithBusinessKey(server, businessKey)).toHaveLength(2);
    await pause(1_200);
    expectJson(await server.post('/process_models/order-process/start', { businessKey: unique('other') }, { 'Idempotency-Key': key }), 201);
  });
});
