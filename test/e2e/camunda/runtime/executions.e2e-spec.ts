import { TestServer } from '../../helpers/test-server';
import { CAMUNDA_DATE, UNKNOWN_ID, deploy, expectCamundaError, expectJson, expectNoContent, startWaiting, tasksOf } from './runtime-helpers';

/** Camunda 7 /execution, its local variables and message subscriptions, and the targeted trigger (§4.5). */
describe('Camunda 7 executions', () => {
  let server: TestServer;
  let sub: string;
  let scope: string;
  let catching: string;
  let tenantCatching: string;

  beforeAll(async () => {
    server = await TestServer.start();
    await deploy(server, 'camunda-runtime-subprocess.bpmn', 'camunda-runtime-catch.bpmn');
    expect((await server.deployFixture('camunda-runtime-catch.bpmn', { tenantId: 'acme' })).status).toBe(201);
    sub = await startWaiting(server, 'cr-sub', { businessKey: 'bk-sub', variables: { level: { value: 'outer', type: 'String' } } });
    catching = await startWaiting(server, 'cr-catch', { businessKey: 'bk-catch', variables: { region: { value: 'north', type: 'String' } } });
    tenantCatching = await startWaiting(server, 'cr-catch', { tenantId: 'acme' });
    const executions = expectJson(await server.get(`/engine-rest/execution?processInstanceId=${sub}`), 200);
    scope = executions.find((e: { id: string }) => e.id !== sub).id;
  });
  afterAll(() => server.close());

  async function ids(path: string): Promise<string[]> {
    return (expectJson(await server.get(path), 200) as { id: string }[]).map((e) => e.id).sort();
  }

  it('lists process instances and subprocess scopes as executions', async () => {
    const all = expectJson(await server.get('/engine-rest/execution'), 200);
    expect(all).toHaveLength(4);
    expect(all).toEqual(
      expect.arrayContaining([
        { id: sub, processInstanceId: sub, ended: false, tenantId: null },
        { id: scope, processInstanceId: sub, ended: false, tenantId: null },
        { id: catching, processInstanceId: catching, ended: false, tenantId: null },
        { id: tenantCatching, processInstanceId: tenantCatching, ended: false, tenantId: 'acme' },
      ]),
    );
    expect(expectJson(await server.get('/engine-rest/execution/count'), 200)).toEqual({ count: 4 });
  });

  it('filters executions', async () => {
    expect(await ids(`/engine-rest/execution?processInstanceId=${sub}`)).toEqual([sub, scope].sort());
    expect(await ids('/engine-rest/execution?businessKey=bk-catch')).toEqual([catching]);
    expect(await ids('/engine-rest/execution?processDefinitionKey=cr-catch')).toEqual([catching, tenantCatching].sort());
    expect(await ids('/engine-rest/execution?activityId=WaitInner')).toEqual([scope]);
    expect(await ids('/engine-rest/execution?activityId=WaitGo&tenantIdIn=acme')).toEqual([tenantCatching]);
    expect(await ids('/engine-rest/execution?messageEventSubscriptionName=cr-inner')).toEqual([scope]);
    expect(await ids('/engine-rest/execution?messageEventSubscriptionName=cr-go')).toEqual([catching, tenantCatching].sort());
    expect(await ids('/engine-rest/execution?signalEventSubscriptionName=cr-go')).toEqual([]);
    expect(await ids('/engine-rest/execution?variables=region_eq_north')).toEqual([catching]);
    expect(await ids('/engine-rest/execution?processVariables=level_eq_outer')).toEqual([sub, scope].sort());
    expect(await ids('/engine-rest/execution?suspended=true')).toEqual([]);
    expect(expectJson(await server.get('/engine-rest/execution/count?processDefinitionKey=cr-sub'), 200)).toEqual({ count: 2 });
    const sorted = expectJson(await server.get('/engine-rest/execution?sortBy=tenantId&sortOrder=desc&maxResults=1'), 200);
    expect(sorted.map((e: { id: string }) => e.id)).toEqual([tenantCatching]);
    expectCamundaError(
      await server.get('/engine-rest/execution?sortBy=activityId&sortOrder=asc'),
      400,
      'InvalidRequestException',
      "Cannot set query parameter 'sortBy' to value 'activityId'",
    );
  });

  it('gets one execution, or 404', async () => {
    expect(expectJson(await server.get(`/engine-rest/execution/${scope}`), 200)).toEqual({ id: scope, processInstanceId: sub, ended: false, tenantId: null });
    expect(expectJson(await server.get(`/engine-rest/execution/${catching}`), 200)).toEqual({ id: catching, processInstanceId: catching, ended: false, tenantId: null });
    expectCamundaError(await server.get(`/engine-rest/execution/${UNKNOWN_ID}`), 404, 'InvalidRequestException', `Execution with id ${UNKNOWN_ID} does not exist`);
  });

  it('reads local variables of an execution', async () => {
    expect(expectJson(await server.get(`/engine-rest/execution/${sub}/localVariables`), 200)).toEqual({ level: { value: 'outer', type: 'String', valueInfo: {} } });
    expect(expectJson(await server.get(`/engine-rest/execution/${scope}/localVariables`), 200)).toEqual({});
    expect(expectJson(await server.get(`/engine-rest/execution/${sub}/localVariables/level`), 200)).toEqual({ value: 'outer', type: 'String', valueInfo: {} });
    expectCamundaError(await server.get(`/engine-rest/execution/${scope}/localVariables/level`), 404, 'InvalidRequestException', 'execution variable with name level does not exist');
    const missing = `execution ${UNKNOWN_ID} doesn't exist: execution is null`;
    expectCamundaError(await server.get(`/engine-rest/execution/${UNKNOWN_ID}/localVariables`), 500, 'NullValueException', missing, 0);
    expectCamundaError(
      await server.get(`/engine-rest/execution/${UNKNOWN_ID}/localVariables/level`),
      500,
      'RestException',
      `Cannot get execution variable level: ${missing}`,
      0,
    );
  });

  it('serves File content where the external task client downloads it (process instance id as execution id)', async () => {
    const content = Buffer.from('col1;col2\n1;2\n').toString('base64');
    expectNoContent(await server.request('PUT', `/engine-rest/process-instance/${catching}/variables/report`, { value: content, type: 'file', valueInfo: { filename: 'report.csv', mimeType: 'text/csv', encoding: 'UTF-8' } }));
    const file = await server.get(`/engine-rest/execution/${catching}/localVariables/report/data`);
    expect({ status: file.status, type: file.headers.get('content-type'), disposition: file.headers.get('content-disposition'), text: file.text }).toEqual({
      status: 200,
      type: 'text/csv; charset=UTF-8',
      disposition: `attachment; filename="report.csv"; filename*=UTF-8''report.csv`,
      text: 'col1;col2\n1;2\n',
    });
    expectCamundaError(await server.get(`/engine-rest/execution/${catching}/localVariables/region/data`), 400, 'InvalidRequestException', `Value of variable with id ${catching} is not a binary value.`);
    expectCamundaError(await server.get(`/engine-rest/execution/${catching}/localVariables/none/data`), 404, 'InvalidRequestException', 'execution variable with name none does not exist');
  });

  it('gets the message subscription of an execution, or 404', async () => {
    const subscription = expectJson(await server.get(`/engine-rest/execution/${scope}/messageSubscriptions/cr-inner`), 200);
    expect(subscription).toEqual({
      id: expect.any(String),
      eventType: 'message',
      eventName: 'cr-inner',
      executionId: scope,
      processInstanceId: sub,
      activityId: 'WaitInner',
      createdDate: expect.stringMatching(CAMUNDA_DATE),
      tenantId: null,
    });
    expectCamundaError(
      await server.get(`/engine-rest/execution/${sub}/messageSubscriptions/cr-inner`),
      404,
      'InvalidRequestException',
      `Message event subscription for execution ${sub} named cr-inner does not exist`,
    );
  });

  it('refuses a trigger without matching subscription or with a bad variable', async () => {
    expectCamundaError(
      await server.post(`/engine-rest/execution/${sub}/messageSubscriptions/cr-inner/trigger`, {}),
      500,
      'RestException',
      `Cannot trigger message cr-inner for execution ${sub}: Execution with id '${sub}' does not have a subscription to a message event with name 'cr-inner': eventSubscriptions is empty`,
      0,
    );
    expectCamundaError(
      await server.post(`/engine-rest/execution/${UNKNOWN_ID}/messageSubscriptions/cr-go/trigger`),
      500,
      'RestException',
      `Cannot trigger message cr-go for execution ${UNKNOWN_ID}: Execution with id '${UNKNOWN_ID}' does not have a subscription to a message event with name 'cr-go': eventSubscriptions is empty`,
      0,
    );
    expectCamundaError(
      await server.post(`/engine-rest/execution/${scope}/messageSubscriptions/cr-inner/trigger`, { variables: { n: { value: 'x', type: 'Integer' } } }),
      400,
      'InvalidRequestException',
      `Cannot trigger message cr-inner for execution ${scope}: Cannot convert value 'x' of type 'Integer' to java type java.lang.Integer`,
    );
    // Nothing was consumed by the refused calls.
    expect(expectJson(await server.get(`/engine-rest/event-subscription?executionId=${scope}`), 200)).toHaveLength(1);
  });

  it('triggers the subscription and answers after the continuation reached the next wait state', async () => {
    expectNoContent(await server.post(`/engine-rest/execution/${scope}/messageSubscriptions/cr-inner/trigger`, { variables: { approved: { value: true } } }));
    const [task] = await tasksOf(server, sub);
    expect(task).toEqual(expect.objectContaining({ taskDefinitionKey: 'InnerTask', executionId: scope, processInstanceId: sub }));
    expect(expectJson(await server.get(`/engine-rest/process-instance/${sub}/variables/approved`), 200)).toEqual({ value: true, type: 'Boolean', valueInfo: {} });
    expect(expectJson(await server.get(`/engine-rest/task/${task.id}/variables`), 200)).toEqual({
      approved: { value: true, type: 'Boolean', valueInfo: {} },
      level: { value: 'outer', type: 'String', valueInfo: {} },
    });
    expect(expectJson(await server.get(`/engine-rest/event-subscription?processInstanceId=${sub}`), 200)).toEqual([]);

    expectNoContent(await server.post(`/engine-rest/execution/${catching}/messageSubscriptions/cr-go/trigger`));
    expect((await tasksOf(server, catching)).map((t) => t.taskDefinitionKey)).toEqual(['Ship']);
  });
});

describe('Camunda 7 event subscriptions', () => {
  let server: TestServer;
  let catching: string;
  let tenantCatching: string;

  beforeAll(async () => {
    server = await TestServer.start();
    await deploy(server, 'camunda-runtime-catch.bpmn');
    expect((await server.deployFixture('camunda-runtime-catch.bpmn', { tenantId: 'acme' })).status).toBe(201);
    catching = await startWaiting(server, 'cr-catch');
    tenantCatching = await startWaiting(server, 'cr-catch', { tenantId: 'acme' });
  });
  afterAll(() => server.close());

  async function names(query: string): Promise<string[]> {
    const list = expectJson(await server.get(`/engine-rest/event-subscription${query}`), 200) as { eventName: string; tenantId: string | null }[];
    return list.map((s) => `${s.eventName}@${s.tenantId ?? '-'}`).sort();
  }

  it('lists waiting executions and message start events in EventSubscriptionDto form', async () => {
    const all = expectJson(await server.get('/engine-rest/event-subscription'), 200);
    expect(all).toHaveLength(4);
    const start = all.find((s: { eventName: string; tenantId: string | null }) => s.eventName === 'cr-order' && s.tenantId === null);
    expect(start).toEqual({
      id: expect.any(String),
      eventType: 'message',
      eventName: 'cr-order',
      executionId: null,
      processInstanceId: null,
      activityId: 'StartByMessage',
      createdDate: expect.stringMatching(CAMUNDA_DATE),
      tenantId: null,
    });
    const waiting = all.find((s: { processInstanceId: string | null }) => s.processInstanceId === catching);
    expect(waiting).toEqual(expect.objectContaining({ eventName: 'cr-go', executionId: catching, activityId: 'WaitGo', tenantId: null }));
    expect(expectJson(await server.get('/engine-rest/event-subscription/count'), 200)).toEqual({ count: 4 });
  });

  it('filters and sorts', async () => {
    expect(await names('?eventName=cr-go')).toEqual(['cr-go@-', 'cr-go@acme']);
    expect(await names('?eventType=message&activityId=StartByMessage')).toEqual(['cr-order@-', 'cr-order@acme']);
    expect(await names('?eventType=signal')).toEqual([]);
    expect(await names(`?processInstanceId=${tenantCatching}`)).toEqual(['cr-go@acme']);
    expect(await names(`?executionId=${catching}`)).toEqual(['cr-go@-']);
    expect(await names('?tenantIdIn=acme')).toEqual(['cr-go@acme', 'cr-order@acme']);
    expect(await names('?tenantIdIn=acme&includeEventSubscriptionsWithoutTenantId=true')).toHaveLength(4);
    expect(await names('?withoutTenantId=true')).toEqual(['cr-go@-', 'cr-order@-']);
    const [first] = expectJson(await server.get('/engine-rest/event-subscription?eventName=cr-go'), 200);
    expect(await names(`?eventSubscriptionId=${first.id}`)).toHaveLength(1);
    expect(expectJson(await server.get('/engine-rest/event-subscription/count?tenantIdIn=acme'), 200)).toEqual({ count: 2 });
    const byCreated = expectJson(await server.get('/engine-rest/event-subscription?sortBy=created&sortOrder=asc'), 200);
    const created = byCreated.map((s: { createdDate: string }) => s.createdDate);
    expect(created).toEqual([...created].sort());
    expect(expectJson(await server.get('/engine-rest/event-subscription?firstResult=3'), 200)).toHaveLength(1);
    expectCamundaError(
      await server.get('/engine-rest/event-subscription?sortBy=eventName&sortOrder=asc'),
      400,
      'InvalidRequestException',
      "Cannot set query parameter 'sortBy' to value 'eventName'",
    );
  });

  it('drops the subscriptions of cancelled instances', async () => {
    expectNoContent(await server.delete(`/engine-rest/process-instance/${catching}`));
    expect(await names('?eventName=cr-go')).toEqual(['cr-go@acme']);
    expect(expectJson(await server.get(`/engine-rest/execution?processInstanceId=${catching}`), 200)).toEqual([]);
    expectCamundaError(
      await server.get(`/engine-rest/execution/${catching}/messageSubscriptions/cr-go`),
      404,
      'InvalidRequestException',
      `Message event subscription for execution ${catching} named cr-go does not exist`,
    );
  });
});
