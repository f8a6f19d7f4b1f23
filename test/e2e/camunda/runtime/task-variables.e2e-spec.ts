import { TestServer } from '../../helpers/test-server';
import { OpenTask, UNKNOWN_ID, binaryForm, deploy, expectCamundaError, expectJson, expectNoContent, startAtTask } from './runtime-helpers';

const MISMATCH = 'org.camunda.bpm.engine.MismatchingMessageCorrelationException: ';
const str = (value: string) => ({ value, type: 'String', valueInfo: {} });

/**
 * Camunda 7 /task/{id}/variables and /task/{id}/localVariables (§4.4): what a task sees, where its writes
 * go (§2.8, the task's own scope first), and that task-local variables are not process variables: correlation
 * keys do not match them and they go when the task completes. The task waits in a subprocess scope while
 * the process instance waits for the message cr-task-go.
 */
describe('Camunda 7 task variables', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
    await deploy(server, 'camunda-runtime-task-scope.bpmn');
  });
  afterAll(() => server.close());

  /** A new instance at its Review task, with `level` on the instance and on the task's subprocess scope. */
  async function review(): Promise<OpenTask & { task: string; instance: string; scope: string }> {
    const open = await startAtTask(server, 'cr-task-scope', { variables: { customer: str('alice'), level: str('outer') } });
    expectNoContent(await server.request('PUT', `/engine-rest/execution/${open.executionId}/localVariables/level`, { value: 'inner' }));
    return {
      ...open,
      task: `/engine-rest/task/${open.taskId}`,
      instance: `/engine-rest/process-instance/${open.processInstanceId}/variables`,
      scope: `/engine-rest/execution/${open.executionId}/localVariables`,
    };
  }

  it('shows the task its own variables over those of its execution and the enclosing scopes', async () => {
    const at = await review();
    expect(at.executionId).not.toBe(at.processInstanceId);
    expectNoContent(await server.request('PUT', `${at.task}/localVariables/note`, { value: 'mine', type: 'String' }));
    expectNoContent(await server.request('PUT', `${at.task}/localVariables/customer`, { value: 'bob' }));

    expect(expectJson(await server.get(`${at.task}/variables`), 200)).toEqual({ customer: str('bob'), level: str('inner'), note: str('mine') });
    expect(expectJson(await server.get(`${at.task}/localVariables`), 200)).toEqual({ customer: str('bob'), note: str('mine') });
    expect(expectJson(await server.get(`${at.task}/localVariables/note?deserializeValue=false`), 200)).toEqual(str('mine'));
    expect(expectJson(await server.get(`${at.task}/variables/level`), 200)).toEqual(str('inner'));
    // Local to the task: neither its execution nor the process instance has them.
    expect(expectJson(await server.get(at.scope), 200)).toEqual({ level: str('inner') });
    expect(expectJson(await server.get(at.instance), 200)).toEqual({ customer: str('alice'), level: str('outer') });
    expectCamundaError(await server.get(`${at.task}/localVariables/level`), 404, 'InvalidRequestException', 'task variable with name level does not exist');

    expectNoContent(await server.delete(`${at.task}/localVariables/customer`));
    expect(expectJson(await server.get(`${at.task}/variables/customer`), 200)).toEqual(str('alice'));
  });

  it('writes non-local variables to the task, else the nearest scope that has them, else the process instance', async () => {
    const at = await review();
    expectNoContent(await server.request('PUT', `${at.task}/localVariables/note`, { value: 'mine' }));
    expectNoContent(await server.request('PUT', `${at.task}/variables/level`, { value: 'changed' }));
    expectNoContent(await server.request('PUT', `${at.task}/variables/fresh`, { value: 7 }));
    expectNoContent(await server.request('PUT', `${at.task}/variables/note`, { value: 'still mine' }));

    expect(expectJson(await server.get(at.scope), 200)).toEqual({ level: str('changed') });
    expect(expectJson(await server.get(at.instance), 200)).toEqual({
      customer: str('alice'),
      fresh: { value: 7, type: 'Integer', valueInfo: {} },
      level: str('outer'),
    });
    expect(expectJson(await server.get(`${at.task}/localVariables`), 200)).toEqual({ note: str('still mine') });

    // One POST, modifications first; each deletion takes the name from the nearest scope that has it.
    expectNoContent(await server.post(`${at.task}/variables`, { modifications: { note: { value: 'patched' }, extra: { value: true } }, deletions: ['level', 'note'] }));
    expect(expectJson(await server.get(`${at.task}/localVariables`), 200)).toEqual({});
    expect(expectJson(await server.get(at.scope), 200)).toEqual({});
    expect(expectJson(await server.get(`${at.task}/variables`), 200)).toEqual({
      customer: str('alice'),
      extra: { value: true, type: 'Boolean', valueInfo: {} },
      fresh: { value: 7, type: 'Integer', valueInfo: {} },
      level: str('outer'),
    });
    expectNoContent(await server.delete(`${at.task}/variables/level`));
    expect(expectJson(await server.get(at.instance), 200)).not.toHaveProperty('level');
  });

  it('modifies and deletes local variables of the task in one POST', async () => {
    const at = await review();
    expectNoContent(await server.post(`${at.task}/localVariables`, { modifications: { a: { value: 1, type: 'Long' }, b: { value: 'x' } }, deletions: ['b', 'customer'] }));
    expect(expectJson(await server.get(`${at.task}/localVariables`), 200)).toEqual({ a: { value: 1, type: 'Long', valueInfo: {} } });
    // A local deletion never reaches beyond the task.
    expect(expectJson(await server.get(at.instance), 200)).toHaveProperty('customer');
    expectCamundaError(
      await server.post(`${at.task}/localVariables`, { modifications: { c: { value: 'x', type: 'Double' } } }),
      400,
      'InvalidRequestException',
      "Cannot modify variables for task: Cannot convert value 'x' of type 'Double' to java type java.lang.Double",
    );
    expectCamundaError(
      await server.request('PUT', `${at.task}/localVariables/c`, { value: 1, type: 'Int' }),
      400,
      'InvalidRequestException',
      "Cannot put task variable c: Unsupported value type 'Int'",
    );
  });

  it('uploads and serves binary variables of a task, locally or through its scopes', async () => {
    const at = await review();
    const report = binaryForm('Grüße', { type: 'text/plain; encoding=UTF-8', filename: 'report.txt', valueType: 'File' });
    expectNoContent(await server.post(`${at.task}/localVariables/report/data`, report));
    expectNoContent(await server.post(`${at.task}/variables/scan/data`, binaryForm('\u0001scan')));

    for (const path of [`${at.task}/localVariables/report/data`, `${at.task}/variables/report/data`]) {
      const file = await server.get(path);
      expect({ status: file.status, type: file.headers.get('content-type'), text: file.text }).toEqual({ status: 200, type: 'text/plain; charset=utf-8', text: 'Grüße' });
      expect(file.headers.get('content-disposition')).toBe(`attachment; filename="report.txt"; filename*=UTF-8''report.txt`);
    }
    // The non-local upload landed on the process instance.
    expect(expectJson(await server.get(`${at.instance}/scan`), 200)).toEqual({ value: Buffer.from('\u0001scan').toString('base64'), type: 'Bytes', valueInfo: {} });
    expect((await server.get(`${at.task}/variables/scan/data`)).text).toBe('\u0001scan');
    expectCamundaError(await server.get(`${at.task}/localVariables/scan/data`), 404, 'InvalidRequestException', 'task variable with name scan does not exist');
    expectCamundaError(await server.get(`${at.task}/variables/customer/data`), 400, 'InvalidRequestException', `Value of variable with id ${at.taskId} is not a binary value.`);
  });

  it('correlates messages by the variables written through the task, never by task-local ones (as Camunda)', async () => {
    const at = await review();
    // Non-local first (the task has no ticket of its own yet, so it lands on the instance), then a local one shadowing it.
    expectNoContent(await server.request('PUT', `${at.task}/variables/ticket`, { value: 'T-1', type: 'String' }));
    expectNoContent(await server.request('PUT', `${at.task}/localVariables/ticket`, { value: 'T-local', type: 'String' }));
    expect(expectJson(await server.get(`${at.instance}/ticket`), 200)).toEqual(str('T-1'));
    expect(expectJson(await server.get(`${at.task}/variables/ticket`), 200)).toEqual(str('T-local'));

    const miss = await server.post('/engine-rest/message', { messageName: 'cr-task-go', correlationKeys: { ticket: { value: 'T-local', type: 'String' } } });
    expectCamundaError(
      miss,
      400,
      'RestException',
      `${MISMATCH}Cannot correlate message 'cr-task-go': No process definition or execution matches the parameters`,
      0,
    );
    const hit = await server.post('/engine-rest/message', { messageName: 'cr-task-go', correlationKeys: { ticket: { value: 'T-1', type: 'String' } }, resultEnabled: true });
    expect(expectJson(hit, 200)).toEqual([expect.objectContaining({ resultType: 'Execution', execution: expect.objectContaining({ processInstanceId: at.processInstanceId }) })]);
  });

  it('correlates by a variable the task sees in its subprocess scope (any non-task-local variable of the instance)', async () => {
    const at = await review();
    expectNoContent(await server.request('PUT', `${at.task}/variables/level`, { value: 'scoped' }));
    const hit = await server.post('/engine-rest/message', { messageName: 'cr-task-go', correlationKeys: { level: { value: 'scoped', type: 'String' } }, resultEnabled: true });
    expect(expectJson(hit, 200)).toEqual([expect.objectContaining({ execution: expect.objectContaining({ processInstanceId: at.processInstanceId }) })]);
  });

  it('drops the local variables of a task when it completes; they never become process variables', async () => {
    const at = await review();
    expectNoContent(await server.request('PUT', `${at.task}/localVariables/draft`, { value: 'scribbles' }));
    expectNoContent(await server.post(`${at.task}/complete`, { variables: { approved: { value: true } } }));

    const missing = `task ${at.taskId} doesn't exist: task is null`;
    expectCamundaError(await server.get(`${at.task}/localVariables`), 500, 'NullValueException', missing, 0);
    expectCamundaError(await server.get(`${at.task}/variables/draft`), 500, 'RestException', `Cannot get task variable draft: ${missing}`, 0);
    expectCamundaError(await server.request('PUT', `${at.task}/localVariables/draft`, { value: 'late' }), 500, 'RestException', `Cannot put task variable draft: ${missing}`, 0);
    const after = expectJson(await server.get(at.instance), 200);
    expect(after).toHaveProperty('approved');
    expect(after).not.toHaveProperty('draft');
  });

  it.each(['variables', 'localVariables'])("answers an unknown task on /task/{id}/%s with the engine's texts (Camunda's 500s)", async (resource) => {
    const base = `/engine-rest/task/${UNKNOWN_ID}/${resource}`;
    const missing = `task ${UNKNOWN_ID} doesn't exist: task is null`;
    expectCamundaError(await server.get(base), 500, 'NullValueException', missing, 0);
    expectCamundaError(await server.get(`${base}/x`), 500, 'RestException', `Cannot get task variable x: ${missing}`, 0);
    expectCamundaError(await server.get(`${base}/x/data`), 500, 'RestException', `Cannot get task variable x: ${missing}`, 0);
    expectCamundaError(await server.request('PUT', `${base}/x`, { value: 1 }), 500, 'RestException', `Cannot put task variable x: ${missing}`, 0);
    expectCamundaError(await server.post(`${base}/x/data`, binaryForm('abc')), 500, 'RestException', `Cannot put task variable x: ${missing}`, 0);
    expectCamundaError(await server.post(base, { modifications: { x: { value: 1 } } }), 500, 'RestException', `Cannot modify variables for task ${UNKNOWN_ID}: ${missing}`, 0);
    // RemoveTaskVariablesCmd words its check differently.
    expectCamundaError(await server.delete(`${base}/x`), 500, 'RestException', `Cannot delete task variable x: Cannot find task with id ${UNKNOWN_ID}: task is null`, 0);
    // Conversion is checked before the task is looked up.
    expectCamundaError(
      await server.request('PUT', `${base}/x`, { value: '1abc', type: 'Integer' }),
      400,
      'InvalidRequestException',
      "Cannot put task variable x: Cannot convert value '1abc' of type 'Integer' to java type java.lang.Integer",
    );
  });
});
