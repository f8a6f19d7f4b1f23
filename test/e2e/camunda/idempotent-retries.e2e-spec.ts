import { HttpResult, TestServer } from '../helpers/test-server';
import { expectCamundaError, expectJson, expectNoContent, tasksOf } from './runtime/runtime-helpers';

const REPLAYED = 'idempotent-replayed';
const MISMATCH = { type: 'InvalidRequestException', message: 'This Idempotency-Key was already used with a different request', code: null };

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/** The same answer: status, body and content type; the repeat is marked as replayed, the first is not. */
function expectReplay(first: HttpResult, repeat: HttpResult): void {
  expect({ status: repeat.status, text: repeat.text }).toEqual({ status: first.status, text: first.text });
  expect(repeat.headers.get('content-type')).toBe(first.headers.get('content-type'));
  expect(first.headers.get(REPLAYED)).toBeNull();
  expect(repeat.headers.get(REPLAYED)).toBe('true');
}

/**
 * Idempotency-Key on Camunda's start and task-complete routes (README "Retries are safe"): a repeat gets the
 * first answer and changes nothing; the same key with another request is a 422 in Camunda's error body;
 * without the header the routes behave exactly as Camunda's.
 */
describe('Camunda 7 start and task complete: idempotent retries', () => {
  let server: TestServer;
  let definitionId: string;

  beforeAll(async () => {
    server = await TestServer.start();
    definitionId = (await server.deployFixture('camunda-runtime-review.bpmn')).body.models[0].processDefinitionId;
    expect((await server.deployFixture('camunda-runtime-review.bpmn', { tenantId: 'acme' })).status).toBe(201);
  });
  afterAll(() => server.close());

  async function instancesWith(businessKey: string): Promise<string[]> {
    return (expectJson(await server.get(`/engine-rest/process-instance?businessKey=${businessKey}`), 200) as { id: string }[]).map((i) => i.id);
  }

  it.each([
    ['by key', () => 'key/cr-review/start'],
    ['by key and tenant', () => 'key/cr-review/tenant-id/acme/start'],
    ['by id', () => `${encodeURIComponent(definitionId)}/start`],
  ])('POST /process-definition/…/start (%s) starts one instance however often it is repeated', async (_how, path) => {
    const url = `/engine-rest/process-definition/${path()}`;
    const businessKey = unique('start');
    const key = unique('key');
    const body = { businessKey, variables: { customer: { value: 'ivy', type: 'String' } }, withVariablesInReturn: true };
    const first = await server.post(url, body, { 'Idempotency-Key': key });
    const started = expectJson(first, 200);
    expectReplay(first, await server.post(url, body, { 'Idempotency-Key': key }));
    // The same JSON with its fields in another order is the same request.
    expectReplay(first, await server.post(url, { withVariablesInReturn: true, variables: body.variables, businessKey }, { 'Idempotency-Key': key }));
    expect(await instancesWith(businessKey)).toEqual([started.id]);

    const other = await server.post(url, { ...body, businessKey: unique('other') }, { 'Idempotency-Key': key });
    expectCamundaError(other, 422, MISMATCH.type, MISMATCH.message, MISMATCH.code);
    expect(other.headers.get(REPLAYED)).toBeNull();
    expect(await instancesWith(businessKey)).toEqual([started.id]);
  });

  it('replays a refused start (a client error) without starting anything', async () => {
    const key = unique('bad-start');
    const body = { businessKey: unique('bad'), variables: { amount: { value: 'ten', type: 'Long' } } };
    const first = await server.post('/engine-rest/process-definition/key/cr-review/start', body, { 'Idempotency-Key': key });
    expect(first.status).toBe(400);
    expectReplay(first, await server.post('/engine-rest/process-definition/key/cr-review/start', body, { 'Idempotency-Key': key }));
    expect(await instancesWith(body.businessKey)).toEqual([]);
  });

  it('starts a new instance for every request without the header, as Camunda does', async () => {
    const businessKey = unique('plain');
    for (let i = 0; i < 2; i++) expectJson(await server.post('/engine-rest/process-definition/key/cr-review/start', { businessKey }), 200);
    expect(await instancesWith(businessKey)).toHaveLength(2);
  });

  it('POST /task/{id}/complete: the repeat replays the 204 instead of failing on the completed task', async () => {
    const businessKey = unique('complete');
    const pid = expectJson(await server.post('/engine-rest/process-definition/key/cr-review/start', { businessKey }), 200).id;
    const [review] = await tasksOf(server, pid);
    const key = unique('key');
    const body = { variables: { approved: { value: true } } };
    const first = await server.post(`/engine-rest/task/${review.id}/complete`, body, { 'Idempotency-Key': key });
    expectNoContent(first);
    const repeat = await server.post(`/engine-rest/task/${review.id}/complete`, body, { 'Idempotency-Key': key });
    expectNoContent(repeat);
    expect(repeat.headers.get(REPLAYED)).toBe('true');
    // The instance moved on exactly once: one Archive task, and the approval written once.
    expect((await tasksOf(server, pid)).map((t) => t.taskDefinitionKey)).toEqual(['Archive']);
    expect(expectJson(await server.get(`/engine-rest/process-instance/${pid}/variables`), 200)).toEqual({ approved: { value: true, type: 'Boolean', valueInfo: {} } });

    expectCamundaError(
      await server.post(`/engine-rest/task/${review.id}/complete`, { variables: { approved: { value: false } } }, { 'Idempotency-Key': key }),
      422,
      MISMATCH.type,
      MISMATCH.message,
      MISMATCH.code,
    );
    // Without the key, Camunda's answer for a task that no longer exists.
    expectCamundaError(
      await server.post(`/engine-rest/task/${review.id}/complete`, body),
      500,
      'RestException',
      `Cannot complete task ${review.id}: Cannot find task with id ${review.id}: task is null`,
      0,
    );
  });

  it('POST /task/{id}/complete with withVariablesInReturn: the repeat replays the 200 and its variables', async () => {
    const pid = expectJson(await server.post('/engine-rest/process-definition/key/cr-review/start', { businessKey: unique('vars') }), 200).id;
    const [review] = await tasksOf(server, pid);
    const key = unique('key');
    const body = { variables: { approved: { value: true } }, withVariablesInReturn: true };
    const first = await server.post(`/engine-rest/task/${review.id}/complete`, body, { 'Idempotency-Key': key });
    expect(expectJson(first, 200)).toEqual({ approved: { value: true, type: 'Boolean', valueInfo: {} } });
    const [archive] = await tasksOf(server, pid);
    // The instance went on; the replay still answers what the first request saw.
    expectNoContent(await server.post(`/engine-rest/task/${archive.id}/complete`, { variables: { archived: { value: 1 } } }));
    expectReplay(first, await server.post(`/engine-rest/task/${review.id}/complete`, body, { 'Idempotency-Key': key }));
  });
});
