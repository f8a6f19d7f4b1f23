import { TestServer } from '../../helpers/test-server';
import { CAMUNDA_DATE, UNKNOWN_ID, deploy, expectCamundaError, expectJson, expectNoContent, startWaiting, tasksOf } from './runtime-helpers';

/** Camunda 7 /task: lists, one task, completion and task variables (§4.6). */
describe('Camunda 7 user tasks', () => {
  let server: TestServer;
  let first: string;
  let second: string;
  let tenant: string;
  let reviewTask: any;

  beforeAll(async () => {
    server = await TestServer.start();
    await deploy(server, 'camunda-runtime-review.bpmn');
    expect((await server.deployFixture('camunda-runtime-review.bpmn', { tenantId: 'acme' })).status).toBe(201);
    first = await startWaiting(server, 'cr-review', { businessKey: 'order-1', variables: { customer: { value: 'alice', type: 'String' } } });
    second = await startWaiting(server, 'cr-review', { businessKey: 'order-2' });
    tenant = await startWaiting(server, 'cr-review', { tenantId: 'acme', businessKey: 'order-3' });
    [reviewTask] = await tasksOf(server, first);
    // The second order moves on to Archive, which is assigned to carol.
    const [secondReview] = await tasksOf(server, second);
    expectNoContent(await server.post(`/engine-rest/task/${secondReview.id}/complete`, { variables: { approved: { value: true } } }));
  });
  afterAll(() => server.close());

  async function keys(query: string): Promise<string[]> {
    const list = expectJson(await server.get(`/engine-rest/task${query}`), 200) as { taskDefinitionKey: string; processInstanceId: string }[];
    const label = (id: string) => (id === first ? 'first' : id === second ? 'second' : id === tenant ? 'tenant' : id);
    return list.map((t) => `${label(t.processInstanceId)}:${t.taskDefinitionKey}`).sort();
  }

  it('lists open tasks as TaskDto with every field, nulls emitted', async () => {
    const definitionId = expectJson(await server.get(`/engine-rest/process-instance/${first}`), 200).definitionId;
    expect(reviewTask).toEqual({
      id: expect.any(String),
      name: 'Review order',
      assignee: null,
      created: expect.stringMatching(CAMUNDA_DATE),
      due: null,
      followUp: null,
      lastUpdated: null,
      delegationState: null,
      description: null,
      executionId: first,
      owner: null,
      parentTaskId: null,
      priority: 70,
      processDefinitionId: definitionId,
      processInstanceId: first,
      taskDefinitionKey: 'Review',
      caseExecutionId: null,
      caseInstanceId: null,
      caseDefinitionId: null,
      suspended: false,
      formKey: 'embedded:app:forms/review.html',
      camundaFormRef: null,
      tenantId: null,
      taskState: 'Created',
    });
    expect(await keys('')).toEqual(['first:Review', 'second:Archive', 'tenant:Review']);
    expect(expectJson(await server.get('/engine-rest/task/count'), 200)).toEqual({ count: 3 });
  });

  it('filters tasks', async () => {
    expect(await keys(`?processInstanceId=${second}`)).toEqual(['second:Archive']);
    expect(await keys('?processInstanceBusinessKey=order-1')).toEqual(['first:Review']);
    expect(await keys('?processDefinitionKey=cr-review&taskDefinitionKey=Review')).toEqual(['first:Review', 'tenant:Review']);
    expect(await keys('?name=Archive%20order')).toEqual(['second:Archive']);
    expect(await keys('?nameLike=Rev%25')).toEqual(['first:Review', 'tenant:Review']);
    expect(await keys('?assignee=carol')).toEqual(['second:Archive']);
    expect(await keys('?candidateGroup=managers')).toEqual(['first:Review', 'tenant:Review']);
    expect(await keys('?candidateUser=bob')).toEqual(['first:Review', 'tenant:Review']);
    expect(await keys('?candidateUser=carol')).toEqual([]);
    // Candidate queries return unassigned tasks unless includeAssignedTasks is set.
    expect(await keys('?candidateGroup=office')).toEqual([]);
    expect(await keys('?candidateGroup=office&includeAssignedTasks=true')).toEqual(['second:Archive']);
    expect(await keys('?tenantIdIn=acme')).toEqual(['tenant:Review']);
    expect(await keys('?withoutTenantId=true')).toEqual(['first:Review', 'second:Archive']);
    expect(await keys('?processVariables=customer_eq_alice')).toEqual(['first:Review']);
    expect(await keys('?suspended=true')).toEqual([]);
    expect(expectJson(await server.get('/engine-rest/task/count?candidateGroup=sales'), 200)).toEqual({ count: 2 });
  });

  it('sorts and pages tasks', async () => {
    const byPriority = expectJson(await server.get('/engine-rest/task?sortBy=priority&sortOrder=asc'), 200);
    expect(byPriority.map((t: { priority: number }) => t.priority)).toEqual([50, 70, 70]);
    expect(expectJson(await server.get('/engine-rest/task?sortBy=name&sortOrder=asc&maxResults=1'), 200)[0].name).toBe('Archive order');
    expectCamundaError(
      await server.get('/engine-rest/task?sortOrder=asc'),
      400,
      'InvalidRequestException',
      'Only a single sorting parameter specified. sortBy and sortOrder required',
    );
  });

  it('gets one task, or 404; answers 406 to an Accept it cannot serve', async () => {
    expect(expectJson(await server.get(`/engine-rest/task/${reviewTask.id}`), 200)).toEqual(reviewTask);
    expect(expectJson(await server.get(`/engine-rest/task/${reviewTask.id}`, { accept: 'application/json' }), 200)).toEqual(reviewTask);
    expectCamundaError(await server.get(`/engine-rest/task/${UNKNOWN_ID}`), 404, 'InvalidRequestException', `No matching task with id ${UNKNOWN_ID}`);
    expectCamundaError(await server.get(`/engine-rest/task/${reviewTask.id}`, { accept: 'text/html' }), 406, 'InvalidRequestException', 'No acceptable content-type found');
  });

  it('reads the variables visible from a task', async () => {
    expect(expectJson(await server.get(`/engine-rest/task/${reviewTask.id}/variables`), 200)).toEqual({ customer: { value: 'alice', type: 'String', valueInfo: {} } });
    expect(expectJson(await server.get(`/engine-rest/task/${reviewTask.id}/variables/customer`), 200)).toEqual({ value: 'alice', type: 'String', valueInfo: {} });
    expectCamundaError(await server.get(`/engine-rest/task/${reviewTask.id}/variables/none`), 404, 'InvalidRequestException', 'task variable with name none does not exist');
    const missing = `task ${UNKNOWN_ID} doesn't exist: task is null`;
    expectCamundaError(await server.get(`/engine-rest/task/${UNKNOWN_ID}/variables`), 500, 'NullValueException', missing, 0);
    expectCamundaError(await server.get(`/engine-rest/task/${UNKNOWN_ID}/variables/customer`), 500, 'RestException', `Cannot get task variable customer: ${missing}`, 0);
  });

  it('refuses completing an unknown task (500, as Camunda) or with a bad variable', async () => {
    expectCamundaError(
      await server.post(`/engine-rest/task/${UNKNOWN_ID}/complete`, {}),
      500,
      'RestException',
      `Cannot complete task ${UNKNOWN_ID}: Cannot find task with id ${UNKNOWN_ID}: task is null`,
      0,
    );
    expectCamundaError(
      await server.post(`/engine-rest/task/${reviewTask.id}/complete`, { variables: { amount: { value: 'ten', type: 'Long' } } }),
      400,
      'InvalidRequestException',
      `Cannot complete task ${reviewTask.id}: Cannot convert value 'ten' of type 'Long' to java type java.lang.Long`,
    );
    expectCamundaError(
      await server.post(`/engine-rest/task/${reviewTask.id}/complete`, { variables: { amount: { value: 1, type: 'Numeric' } } }),
      400,
      'InvalidRequestException',
      `Cannot complete task ${reviewTask.id}: Unsupported value type 'Numeric'`,
    );
    expectCamundaError(await server.post(`/engine-rest/task/${reviewTask.id}/complete`, { variables: [] }), 400, 'InvalidRequestException', '');
  });

  it('completes with 204 and the next task is there when the call returns', async () => {
    expectNoContent(await server.post(`/engine-rest/task/${reviewTask.id}/complete`, { variables: { approved: { value: true } } }));
    const [archive] = await tasksOf(server, first);
    expect(archive).toEqual(expect.objectContaining({ taskDefinitionKey: 'Archive', assignee: 'carol', priority: 50, formKey: null }));
    expectCamundaError(
      await server.post(`/engine-rest/task/${reviewTask.id}/complete`),
      500,
      'RestException',
      `Cannot complete task ${reviewTask.id}: Cannot find task with id ${reviewTask.id}: task is null`,
      0,
    );
  });

  it('returns the process variables after the continuation with withVariablesInReturn', async () => {
    const [archive] = await tasksOf(server, first);
    const done = await server.post(`/engine-rest/task/${archive.id}/complete`, {
      variables: { archivedAt: { value: '2024-05-06T07:08:09.010+0000', type: 'Date' } },
      withVariablesInReturn: true,
    });
    expect(expectJson(done, 200)).toEqual({
      approved: { value: true, type: 'Boolean', valueInfo: {} },
      archivedAt: { value: '2024-05-06T07:08:09.010+0000', type: 'Date', valueInfo: {} },
      customer: { value: 'alice', type: 'String', valueInfo: {} },
    });
    // The instance ended with that task: it is gone from the runtime API.
    expect(await tasksOf(server, first)).toEqual([]);
    expectCamundaError(await server.get(`/engine-rest/task/${archive.id}`), 404, 'InvalidRequestException', `No matching task with id ${archive.id}`);
    expectCamundaError(await server.get(`/engine-rest/process-instance/${first}`), 404, 'InvalidRequestException', `Process instance with id ${first} does not exist`);
  });
});
