import { TestServer, eventually } from '../../helpers/test-server';
import { UNKNOWN_ID, deploy, expectCamundaError, expectJson, expectNoContent, startWaiting, tasksOf } from './runtime-helpers';

/** Camunda 7 GET/POST /process-instance, /count, GET/DELETE /process-instance/{id} (§4.3, §4.10). */
describe('Camunda 7 process instances', () => {
  let server: TestServer;
  let review1: string;
  let review2: string;
  let catching: string;
  let tenantReview: string;
  let definitionId: string;
  let catchDeploymentId: string;

  beforeAll(async () => {
    server = await TestServer.start();
    await deploy(server, 'camunda-runtime-review.bpmn');
    const catchDeployment = await server.deployFixture('camunda-runtime-catch.bpmn');
    expect(catchDeployment.status).toBe(201);
    catchDeploymentId = catchDeployment.body.deploymentId;
    expect((await server.deployFixture('camunda-runtime-review.bpmn', { tenantId: 'acme' })).status).toBe(201);
    review1 = await startWaiting(server, 'cr-review', { businessKey: 'order-1', variables: { amount: { value: 5, type: 'Integer' }, customer: { value: 'Alice', type: 'String' } } });
    review2 = await startWaiting(server, 'cr-review', { businessKey: 'order-2', variables: { amount: { value: 50, type: 'Long' }, due: { value: '2024-01-02T03:04:05.678+0000', type: 'Date' } } });
    catching = await startWaiting(server, 'cr-catch', { businessKey: 'other-3' });
    tenantReview = await startWaiting(server, 'cr-review', { tenantId: 'acme', businessKey: 'order-4' });
    definitionId = expectJson(await server.get(`/engine-rest/process-instance/${review1}`), 200).definitionId;
  });
  afterAll(() => server.close());

  async function ids(path: string): Promise<string[]> {
    return (expectJson(await server.get(path), 200) as { id: string }[]).map((i) => i.id).sort();
  }

  async function queried(body: unknown, query = ''): Promise<string[]> {
    return (expectJson(await server.post(`/engine-rest/process-instance${query}`, body), 200) as { id: string }[]).map((i) => i.id).sort();
  }

  it('lists running instances as ProcessInstanceDto with links [] and nulls emitted', async () => {
    const list = expectJson(await server.get('/engine-rest/process-instance'), 200);
    expect(list).toHaveLength(4);
    expect(list.find((i: { id: string }) => i.id === review1)).toEqual({
      links: [],
      id: review1,
      definitionId,
      definitionKey: 'cr-review',
      businessKey: 'order-1',
      caseInstanceId: null,
      ended: false,
      suspended: false,
      tenantId: null,
    });
    expect(list.find((i: { id: string }) => i.id === tenantReview).tenantId).toBe('acme');
    expect(expectJson(await server.get('/engine-rest/process-instance/count'), 200)).toEqual({ count: 4 });
  });

  it('filters by ids, business key, definition, deployment, tenant and activity', async () => {
    expect(await ids(`/engine-rest/process-instance?processInstanceIds=${review1},${catching}`)).toEqual([review1, catching].sort());
    expect(await ids('/engine-rest/process-instance?businessKey=order-2')).toEqual([review2]);
    expect(await ids('/engine-rest/process-instance?businessKeyLike=order-%25')).toEqual([review1, review2, tenantReview].sort());
    expect(await ids(`/engine-rest/process-instance?processDefinitionId=${definitionId}`)).toEqual([review1, review2].sort());
    expect(await ids('/engine-rest/process-instance?processDefinitionKey=cr-catch')).toEqual([catching]);
    expect(await ids('/engine-rest/process-instance?processDefinitionKeyIn=cr-catch,unknown')).toEqual([catching]);
    expect(await ids('/engine-rest/process-instance?tenantIdIn=acme')).toEqual([tenantReview]);
    expect(await ids('/engine-rest/process-instance?withoutTenantId=true')).toEqual([review1, review2, catching].sort());
    expect(await ids('/engine-rest/process-instance?activityIdIn=WaitGo,Nowhere')).toEqual([catching]);
    expect(await ids('/engine-rest/process-instance?active=true')).toHaveLength(4);
    expect(await ids('/engine-rest/process-instance?suspended=true')).toEqual([]);
    expect(await ids('/engine-rest/process-instance?withIncident=true')).toEqual([]);
    expect(await ids(`/engine-rest/process-instance?deploymentId=${catchDeploymentId}`)).toEqual([catching]);
    expect(expectJson(await server.get('/engine-rest/process-instance/count?processDefinitionKey=cr-review&tenantIdIn=acme'), 200)).toEqual({ count: 1 });
    expect(expectJson(await server.get('/engine-rest/process-instance/count?activityIdIn=Review'), 200)).toEqual({ count: 3 });
  });

  it('filters by variables: query-string values are Strings or Dates, JSON numbers match every numeric type', async () => {
    expect(await ids('/engine-rest/process-instance?variables=customer_eq_Alice')).toEqual([review1]);
    expect(await ids('/engine-rest/process-instance?variables=customer_eq_alice')).toEqual([]);
    expect(await ids('/engine-rest/process-instance?variables=customer_eq_alice&variableValuesIgnoreCase=true')).toEqual([review1]);
    expect(await ids('/engine-rest/process-instance?variables=CUSTOMER_eq_Alice&variableNamesIgnoreCase=true')).toEqual([review1]);
    expect(await ids('/engine-rest/process-instance?variables=customer_neq_Bob')).toEqual([review1]);
    expect(await ids('/engine-rest/process-instance?variables=customer_like_Al%25')).toEqual([review1]);
    // A query-string value is a String: it does not match the Integer 5.
    expect(await ids('/engine-rest/process-instance?variables=amount_eq_5')).toEqual([]);
    expect(await ids('/engine-rest/process-instance?variables=due_lt_2024-06-01T00:00:00.000%2B0000')).toEqual([review2]);
    expect(await queried({ variables: [{ name: 'amount', operator: 'eq', value: 5 }] })).toEqual([review1]);
    expect(await queried({ variables: [{ name: 'amount', operator: 'gteq', value: 5 }] })).toEqual([review1, review2].sort());
    expect(await queried({ variables: [{ name: 'amount', operator: 'gt', value: 5.5 }] })).toEqual([review2]);
    expect(await queried({ variables: [{ name: 'amount', operator: 'gt', value: 1 }, { name: 'customer', operator: 'eq', value: 'Alice' }] })).toEqual([review1]);
  });

  it('takes the same filters as a JSON body, with paging from the query string', async () => {
    expect(await queried({ processInstanceIds: [review1, review2], businessKey: 'order-2' })).toEqual([review2]);
    expect(await queried({ processDefinitionKeyIn: ['cr-review'], withoutTenantId: true })).toEqual([review1, review2].sort());
    expect(await queried({ tenantIdIn: ['acme'], activityIdIn: ['Review'] })).toEqual([tenantReview]);
    expect(await queried({}, '?firstResult=1&maxResults=2')).toHaveLength(2);
    expect(await queried(undefined)).toHaveLength(4);
    const count = await server.post('/engine-rest/process-instance/count', { processDefinitionKey: 'cr-review' });
    expect(expectJson(count, 200)).toEqual({ count: 3 });
  });

  it('sorts and pages', async () => {
    const byKeyDesc = expectJson(await server.get('/engine-rest/process-instance?sortBy=definitionKey&sortOrder=desc'), 200);
    expect(byKeyDesc.map((i: { definitionKey: string }) => i.definitionKey)).toEqual(['cr-review', 'cr-review', 'cr-review', 'cr-catch']);
    const byBusinessKey = expectJson(await server.get('/engine-rest/process-instance?sortBy=businessKey&sortOrder=asc&firstResult=1&maxResults=2'), 200);
    expect(byBusinessKey.map((i: { businessKey: string }) => i.businessKey)).toEqual(['order-2', 'order-4']);
    const sorted = await server.post('/engine-rest/process-instance', { sorting: [{ sortBy: 'businessKey', sortOrder: 'desc' }] });
    expect(expectJson(sorted, 200).map((i: { businessKey: string }) => i.businessKey)).toEqual(['other-3', 'order-4', 'order-2', 'order-1']);
  });

  it('answers invalid list parameters with Camunda texts', async () => {
    expectCamundaError(
      await server.get('/engine-rest/process-instance?sortBy=businessKey'),
      400,
      'InvalidRequestException',
      'Only a single sorting parameter specified. sortBy and sortOrder required',
    );
    expectCamundaError(
      await server.get('/engine-rest/process-instance?sortBy=name&sortOrder=asc'),
      400,
      'InvalidRequestException',
      "Cannot set query parameter 'sortBy' to value 'name'",
    );
    expectCamundaError(
      await server.get('/engine-rest/process-instance?variables=a_b'),
      400,
      'InvalidRequestException',
      'variable query parameter has to have format KEY_OPERATOR_VALUE.',
    );
    expectCamundaError(await server.post('/engine-rest/process-instance', { sortBy: 'name', sortOrder: 'asc' }), 400, 'InvalidRequestException', '');
    expectCamundaError(await server.post('/engine-rest/process-instance', { processInstanceIds: 'not-a-list' }), 400, 'InvalidRequestException', '');
    expectCamundaError(
      await server.post('/engine-rest/process-instance', { variables: [{ name: 'amount', operator: 'between', value: 1 }] }),
      400,
      'InvalidRequestException',
      'Invalid variable comparator specified: between',
    );
  });

  it('gets one running instance, or 404 with Camunda text', async () => {
    expect(expectJson(await server.get(`/engine-rest/process-instance/${catching}`), 200)).toEqual(
      expect.objectContaining({ id: catching, definitionKey: 'cr-catch', businessKey: 'other-3', links: [], ended: false }),
    );
    expectCamundaError(await server.get(`/engine-rest/process-instance/${UNKNOWN_ID}`), 404, 'InvalidRequestException', `Process instance with id ${UNKNOWN_ID} does not exist`);
  });

  it('cancels with DELETE; unknown and ended instances are 404 (or 204 with failIfNotExists=false)', async () => {
    const doomed = await startWaiting(server, 'cr-catch');
    expectNoContent(await server.delete(`/engine-rest/process-instance/${doomed}`));
    const notFound = `No process instance found for id '${doomed}': processInstance is null`;
    expectCamundaError(await server.delete(`/engine-rest/process-instance/${doomed}`), 404, 'InvalidRequestException', notFound, 0);
    expectNoContent(await server.delete(`/engine-rest/process-instance/${UNKNOWN_ID}?failIfNotExists=false`));
    expectCamundaError(await server.get(`/engine-rest/process-instance/${doomed}`), 404, 'InvalidRequestException', `Process instance with id ${doomed} does not exist`);
    expect(await ids('/engine-rest/process-instance')).not.toContain(doomed);
    expect(expectJson(await server.get(`/engine-rest/event-subscription?processInstanceId=${doomed}`), 200)).toEqual([]);
  });

  it('drops instances that completed from every runtime list', async () => {
    const finishing = await startWaiting(server, 'cr-review', { businessKey: 'finishing' });
    for (const step of ['Review', 'Archive']) {
      const [task] = await eventually(async () => {
        const open = await tasksOf(server, finishing);
        expect(open.map((t) => t.taskDefinitionKey)).toEqual([step]);
        return open;
      });
      expectNoContent(await server.post(`/engine-rest/task/${task.id}/complete`, {}));
    }
    expectCamundaError(await server.get(`/engine-rest/process-instance/${finishing}`), 404, 'InvalidRequestException', `Process instance with id ${finishing} does not exist`);
    expect(await ids('/engine-rest/process-instance?businessKey=finishing')).toEqual([]);
    expect(await ids(`/engine-rest/execution?processInstanceId=${finishing}`)).toEqual([]);
    expect(await tasksOf(server, finishing)).toEqual([]);
  });
});
