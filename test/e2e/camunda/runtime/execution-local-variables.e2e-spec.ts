import { TestServer } from '../../helpers/test-server';
import { OpenTask, UNKNOWN_ID, binaryForm, deploy, expectCamundaError, expectJson, expectNoContent, startAtTask } from './runtime-helpers';

const str = (value: string) => ({ value, type: 'String', valueInfo: {} });

/**
 * Camunda 7 /execution/{id}/localVariables writes (§4.4, LocalExecutionVariablesResource): local to the
 * execution named, whether it is the process instance or a subprocess scope; never to an enclosing scope.
 */
describe('Camunda 7 execution local variables', () => {
  let server: TestServer;
  let at: OpenTask;
  const scope = () => `/engine-rest/execution/${at.executionId}/localVariables`;
  const root = () => `/engine-rest/execution/${at.processInstanceId}/localVariables`;

  beforeAll(async () => {
    server = await TestServer.start();
    await deploy(server, 'camunda-runtime-task-scope.bpmn');
    at = await startAtTask(server, 'cr-task-scope', { variables: { customer: str('alice') } });
  });
  afterAll(() => server.close());

  it('sets a variable on the scope named, even when an enclosing scope has one of that name', async () => {
    expectNoContent(await server.request('PUT', `${scope()}/customer`, { value: 'bob', type: 'String' }));
    expect(expectJson(await server.get(scope()), 200)).toEqual({ customer: str('bob') });
    expect(expectJson(await server.get(root()), 200)).toEqual({ customer: str('alice') });
    // The task sees the inner one.
    expect(expectJson(await server.get(`/engine-rest/task/${at.taskId}/variables/customer`), 200)).toEqual(str('bob'));
  });

  it('modifies and deletes in one POST, locally only', async () => {
    expectNoContent(await server.post(scope(), { modifications: { a: { value: 1, type: 'Short' }, b: { value: 'x' } }, deletions: ['b', 'customer'] }));
    expect(expectJson(await server.get(scope()), 200)).toEqual({ a: { value: 1, type: 'Short', valueInfo: {} } });
    // Deleting the scope's customer leaves the instance's alone, and deleting a name the scope lacks changes nothing.
    expectNoContent(await server.post(scope(), { deletions: ['customer'] }));
    expect(expectJson(await server.get(root()), 200)).toEqual({ customer: str('alice') });
    expectNoContent(await server.delete(`${scope()}/a`));
    expectNoContent(await server.delete(`${scope()}/a`));
    expect(expectJson(await server.get(scope()), 200)).toEqual({});
  });

  it('writes the process instance when it is the execution named', async () => {
    expectNoContent(await server.request('PUT', `${root()}/region`, { value: 'north' }));
    expect(expectJson(await server.get(`/engine-rest/process-instance/${at.processInstanceId}/variables/region`), 200)).toEqual(str('north'));
    expectNoContent(await server.delete(`${root()}/region`));
    expectCamundaError(await server.get(`${root()}/region`), 404, 'InvalidRequestException', 'execution variable with name region does not exist');
  });

  it('uploads binary content as a local variable', async () => {
    expectNoContent(await server.post(`${scope()}/blob/data`, binaryForm('\u0002bytes')));
    const bytes = await server.get(`${scope()}/blob/data`);
    expect({ status: bytes.status, type: bytes.headers.get('content-type'), text: bytes.text }).toEqual({ status: 200, type: 'application/octet-stream', text: '\u0002bytes' });
    expectCamundaError(await server.get(`${root()}/blob`), 404, 'InvalidRequestException', 'execution variable with name blob does not exist');
    expectCamundaError(await server.post(`${scope()}/odd/data`, binaryForm('x', { valueType: 'Int' })), 400, 'RestException', "Unsupported value type 'Int'");
  });

  it('prefixes conversion errors with the execution resource', async () => {
    expectCamundaError(
      await server.request('PUT', `${scope()}/n`, { value: 'ten', type: 'Long' }),
      400,
      'InvalidRequestException',
      "Cannot put execution variable n: Cannot convert value 'ten' of type 'Long' to java type java.lang.Long",
    );
    expectCamundaError(
      await server.post(scope(), { modifications: { n: { value: { a: 1 }, type: 'Json' } } }),
      400,
      'InvalidRequestException',
      "Cannot modify variables for execution: Must provide 'null' or String value for value of SerializableValue type 'Json'.",
    );
    expectCamundaError(await server.post(scope(), { modifications: [] }), 400, 'InvalidRequestException', '');
  });

  it("answers an unknown execution with the engine's texts (Camunda's 500s)", async () => {
    const base = `/engine-rest/execution/${UNKNOWN_ID}/localVariables`;
    const missing = `execution ${UNKNOWN_ID} doesn't exist: execution is null`;
    expectCamundaError(await server.request('PUT', `${base}/x`, { value: 1 }), 500, 'RestException', `Cannot put execution variable x: ${missing}`, 0);
    expectCamundaError(await server.delete(`${base}/x`), 500, 'RestException', `Cannot delete execution variable x: ${missing}`, 0);
    expectCamundaError(await server.post(base, { deletions: ['x'] }), 500, 'RestException', `Cannot modify variables for execution ${UNKNOWN_ID}: ${missing}`, 0);
    expectCamundaError(await server.post(`${base}/x/data`, binaryForm('abc')), 500, 'RestException', `Cannot put execution variable x: ${missing}`, 0);
  });

  it('refuses writes to an execution that has ended', async () => {
    expectNoContent(await server.post(`/engine-rest/task/${at.taskId}/complete`, {}));
    // Completing the task ended the subprocess scope; the instance still waits for its message.
    const missing = `execution ${at.executionId} doesn't exist: execution is null`;
    expectCamundaError(await server.request('PUT', `${scope()}/late`, { value: 1 }), 500, 'RestException', `Cannot put execution variable late: ${missing}`, 0);
    expectNoContent(await server.request('PUT', `${root()}/late`, { value: 1 }));
  });
});
