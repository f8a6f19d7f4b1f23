import { TestServer } from '../helpers/test-server';
import { UNKNOWN_ID, binaryForm, deploy, expectCamundaError, expectJson, expectNoContent, startWaiting, tasksOf } from './runtime/runtime-helpers';

const NOT_SUPPORTED = ['NotSupportedException', 'HTTP 415 Unsupported Media Type'] as const;
const NOT_ALLOWED = ['NotAllowedException', 'HTTP 405 Method Not Allowed'] as const;

/**
 * §1.3, last row: JAX-RS's own exceptions under /engine-rest. A body whose media type a JSON resource does
 * not consume is a 415 NotSupportedException, a known path called with a method it lacks a 405
 * NotAllowedException with an Allow header; both with code null, as Camunda Run (Jersey) answers.
 */
describe('Camunda 7 wrong media type and wrong method', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
    await deploy(server, 'camunda-runtime-review.bpmn');
  });
  afterAll(() => server.close());

  const raw = (method: string, path: string, body: string | FormData | undefined, contentType?: string) =>
    server.request(method, path, body, contentType ? { 'content-type': contentType } : {});
  const count = async () => expectJson(await server.get('/engine-rest/process-instance/count'), 200).count as number;

  it.each(['text/plain', 'text/plain; charset=UTF-8', 'application/xml', 'application/x-www-form-urlencoded', 'application/problem+json'])(
    'refuses a JSON body sent as %s with 415, before anything happens',
    async (contentType) => {
      const before = await count();
      const start = JSON.stringify({ businessKey: 'never' });
      expectCamundaError(await raw('POST', '/engine-rest/process-definition/key/cr-review/start', start, contentType), 415, ...NOT_SUPPORTED);
      expectCamundaError(await raw('POST', '/engine-rest/message', JSON.stringify({ messageName: 'x' }), contentType), 415, ...NOT_SUPPORTED);
      expect(await count()).toBe(before);
    },
  );

  it('refuses multipart sent to a JSON route, and JSON sent to a multipart one', async () => {
    const pid = await startWaiting(server, 'cr-review');
    expectCamundaError(await server.post(`/engine-rest/process-instance/${pid}/variables`, binaryForm('x')), 415, ...NOT_SUPPORTED);
    expectCamundaError(await server.post(`/engine-rest/process-instance/${pid}/variables/blob/data`, { data: 'x' }), 415, ...NOT_SUPPORTED);
    expectCamundaError(await server.post('/engine-rest/deployment/create', { 'deployment-name': 'json' }), 415, ...NOT_SUPPORTED);
    // The multipart route still takes multipart.
    expectNoContent(await server.post(`/engine-rest/process-instance/${pid}/variables/blob/data`, binaryForm('x')));
  });

  it('refuses a text/plain task completion and PUT of a variable, leaving the task open', async () => {
    const pid = await startWaiting(server, 'cr-review');
    const [task] = await tasksOf(server, pid);
    expectCamundaError(await raw('POST', `/engine-rest/task/${task.id}/complete`, '{}', 'text/plain'), 415, ...NOT_SUPPORTED);
    expectCamundaError(await raw('PUT', `/engine-rest/process-instance/${pid}/variables/x`, '{"value":1}', 'text/plain'), 415, ...NOT_SUPPORTED);
    expect((await tasksOf(server, pid)).map((t) => t.id)).toEqual([task.id]);
    expectCamundaError(await server.get(`/engine-rest/process-instance/${pid}/variables/x`), 404, 'InvalidRequestException', 'process instance variable with name x does not exist');
  });

  it('reads JSON with parameters, and an empty JSON body as {}', async () => {
    const pid = await startWaiting(server, 'cr-review');
    expectNoContent(await raw('PUT', `/engine-rest/process-instance/${pid}/variables/x`, '{"value":1}', 'Application/JSON; charset=UTF-8'));
    const [task] = await tasksOf(server, pid);
    expectNoContent(await raw('POST', `/engine-rest/task/${task.id}/complete`, '', 'application/json'));
  });

  it('lets routes that read no body take any content type (the JS worker unlocks without one)', async () => {
    const unknown = ['RestException', `External task with id ${UNKNOWN_ID} does not exist`, 0] as const;
    expectCamundaError(await raw('POST', `/engine-rest/external-task/${UNKNOWN_ID}/unlock`, undefined), 404, ...unknown);
    expectCamundaError(await raw('POST', `/engine-rest/external-task/${UNKNOWN_ID}/unlock`, 'ignored', 'text/plain'), 404, ...unknown);
    const pid = await startWaiting(server, 'cr-review');
    expectNoContent(await raw('DELETE', `/engine-rest/process-instance/${pid}`, 'ignored', 'text/plain'));
  });

  it.each([
    ['DELETE', '/engine-rest/message', 'POST'],
    ['GET', '/engine-rest/message', 'POST'],
    ['PUT', '/engine-rest/engine/default/message', 'POST'],
    ['POST', `/engine-rest/task/${UNKNOWN_ID}`, 'GET, HEAD'],
    ['PATCH', `/engine-rest/process-instance/${UNKNOWN_ID}/variables/x`, 'GET, HEAD, PUT, DELETE'],
    ['PATCH', `/engine-rest/task/${UNKNOWN_ID}/localVariables/x`, 'GET, HEAD, PUT, DELETE'],
    ['DELETE', '/engine-rest/process-definition/key/cr-review/start', 'POST'],
  ])('answers %s %s with 405 and the methods the path has', async (method, path, allow) => {
    const result = await server.request(method, path);
    expectCamundaError(result, 405, ...NOT_ALLOWED);
    expect(result.headers.get('allow')?.split(', ').sort()).toEqual(allow.split(', ').sort());
  });

  it('answers OPTIONS on a known path with 204 and the methods it has, as Jersey does', async () => {
    const result = await server.request('OPTIONS', '/engine-rest/message');
    expect({ status: result.status, text: result.text }).toEqual({ status: 204, text: '' });
    expect(result.headers.get('allow')?.split(', ').sort()).toEqual(['OPTIONS', 'POST']);
    const unknown = await server.request('OPTIONS', '/engine-rest/no-such-resource');
    expect(unknown.status).toBe(404);
  });

  it('answers unknown paths with 404 as Jersey does, and leaves native routes as they are', async () => {
    const unknown = await server.get('/engine-rest/no-such-resource');
    // Jersey's own answer for a path no resource has.
    expect({ status: unknown.status, body: unknown.body, contentType: unknown.headers.get('content-type') }).toEqual({
      status: 404,
      body: { type: 'NotFoundException', message: 'HTTP 404 Not Found', code: null },
      contentType: 'application/json',
    });
    expect((await server.get('/engine-rest/message/extra')).status).toBe(404);
    const native = await server.delete('/messages');
    expect({ status: native.status, code: native.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
    const nativeText = await raw('POST', '/messages', JSON.stringify({ messageName: 'x' }), 'text/plain');
    expect({ status: nativeText.status, code: nativeText.body.code }).toEqual({ status: 400, code: 'VALIDATION_ERROR' });
  });
});
