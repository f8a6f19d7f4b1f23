import { TestServer } from '../../helpers/test-server';
import { deployFixtures, expectCamundaError, expectCamundaJson } from './camunda-repo-helpers';

/** POST /engine-rest/process-definition/…/start (contract §4.2, §6: Camunda Modeler starts by id). */
describe('Camunda 7 process definition start', () => {
  let server: TestServer;
  let reviewId: string;
  let tenantReviewId: string;

  beforeAll(async () => {
    server = await TestServer.start();
    const deployment = await deployFixtures(server, ['camunda-repo-review.bpmn', 'camunda-repo-instant.bpmn']);
    reviewId = Object.values<{ id: string; key: string }>(deployment.deployedProcessDefinitions).find((d) => d.key === 'camunda-repo-review')!.id;
    const tenant = await deployFixtures(server, ['camunda-repo-review.bpmn'], { tenantId: 'tenant-a' });
    tenantReviewId = Object.keys(tenant.deployedProcessDefinitions)[0];
  });
  afterAll(() => server.close());

  const start = (path: string, body?: unknown, headers?: Record<string, string>) => server.post(`/engine-rest/process-definition/${path}`, body, headers);
  const instanceDto = (id: string, definitionId: string, extra: Record<string, unknown> = {}) => ({
    links: [{ method: 'GET', href: `${server.url}/engine-rest/process-instance/${id}`, rel: 'self' }],
    id,
    definitionId,
    definitionKey: definitionId.split(':')[0],
    businessKey: null,
    caseInstanceId: null,
    ended: false,
    suspended: false,
    tenantId: null,
    ...extra,
  });

  it("starts by id as Camunda Modeler does and answers after the instance reached its first wait state", async () => {
    const modelerBody = { businessKey: 'order-1', variables: { amount: { value: 100, type: 'Integer' } } };
    const result = await start(`${encodeURIComponent(reviewId)}/start`, modelerBody, { accept: 'application/json' });
    const body = expectCamundaJson(result, 200);
    expect(body).toEqual(instanceDto(body.id, reviewId, { businessKey: 'order-1' }));
    // Read-your-writes: the user task is open as soon as the call returned.
    const tasks = await server.get(`/tasks?processInstanceId=${body.id}`);
    expect(tasks.body.items.map((t: { elementId: string }) => t.elementId)).toEqual(['ReviewOrder']);
  });

  it('starts the latest untenanted version by key and returns the variables with withVariablesInReturn', async () => {
    const body = expectCamundaJson(
      await start('key/camunda-repo-review/start', { variables: { customer: { value: 'alice' }, vip: { value: 'true', type: 'Boolean' } }, withVariablesInReturn: true }),
      200,
    );
    expect(body).toEqual({
      ...instanceDto(body.id, reviewId),
      variables: { customer: { value: 'alice', type: 'String', valueInfo: {} }, vip: { value: true, type: 'Boolean', valueInfo: {} } },
    });
  });

  it('starts by key and tenant', async () => {
    const body = expectCamundaJson(await start('key/camunda-repo-review/tenant-id/tenant-a/start', { businessKey: 42 }), 200);
    expect(body).toEqual(instanceDto(body.id, tenantReviewId, { tenantId: 'tenant-a', businessKey: '42' }));
  });

  it('reports ended: true when the instance ran to its end within the call', async () => {
    const body = expectCamundaJson(await start('key/camunda-repo-instant/start', { variables: { a: { value: 1, type: 'Long' } }, withVariablesInReturn: 'true' }), 200);
    expect(body).toEqual(expect.objectContaining({ ended: true, definitionKey: 'camunda-repo-instant', variables: { a: { value: 1, type: 'Long', valueInfo: {} } } }));
  });

  it('accepts an empty body, null fields, empty startInstructions and ignores what it does not support', async () => {
    const empty = expectCamundaJson(await start('key/camunda-repo-review/start', '', { 'content-type': 'application/json' }), 200);
    expect(empty.businessKey).toBeNull();
    expect(empty).not.toHaveProperty('variables');
    const ignored = {
      businessKey: null,
      variables: null,
      caseInstanceId: 'case-1',
      skipCustomListeners: true,
      skipIoMappings: false,
      startInstructions: [],
      withVariablesInReturn: null,
      unknownField: { nested: true },
    };
    expect(expectCamundaJson(await start(`${encodeURIComponent(reviewId)}/start`, ignored), 200)).toEqual(expect.objectContaining({ caseInstanceId: null, ended: false }));
  });

  it('prefixes variable conversion errors with the definition id (also when started by key)', async () => {
    const prefix = `Cannot instantiate process definition ${reviewId}: `;
    expectCamundaError(await start(`${encodeURIComponent(reviewId)}/start`, { variables: { n: { value: '1abc', type: 'Integer' } } }), 400, {
      type: 'InvalidRequestException',
      message: `${prefix}Cannot convert value '1abc' of type 'Integer' to java type java.lang.Integer`,
      code: null,
    });
    expectCamundaError(await start('key/camunda-repo-review/start', { variables: { n: { value: 1, type: 'X' } } }), 400, {
      type: 'InvalidRequestException',
      message: `${prefix}Unsupported value type 'X'`,
      code: null,
    });
    // An unknown id is only noticed after the variables were converted.
    expectCamundaError(await start('nope/start', { variables: { n: { value: 1, type: 'X' } } }), 400, {
      type: 'InvalidRequestException',
      message: "Cannot instantiate process definition nope: Unsupported value type 'X'",
      code: null,
    });
  });

  it('answers an unknown id with the wrapped engine 500, unknown keys with the 404s of the GET routes', async () => {
    expectCamundaError(await start('nope/start', {}), 500, {
      type: 'RestException',
      message: "Cannot instantiate process definition nope: no deployed process definition found with id 'nope': processDefinition is null",
      code: 0,
    });
    expectCamundaError(await start('key/nope/start', { variables: { n: { value: 1, type: 'X' } } }), 404, {
      type: 'RestException',
      message: 'No matching process definition with key: nope and no tenant-id',
      code: null,
    });
    expectCamundaError(await start('key/camunda-repo-review/tenant-id/tenant-b/start', {}), 404, {
      type: 'RestException',
      message: 'No matching process definition with key: camunda-repo-review and tenant-id: tenant-b',
      code: null,
    });
  });

  it('refuses startInstructions clearly, since starting elsewhere than at a start event is not supported', async () => {
    const body = { startInstructions: [{ type: 'startBeforeActivity', activityId: 'ReviewOrder' }] };
    expectCamundaError(await start(`${encodeURIComponent(reviewId)}/start`, body), 400, {
      type: 'InvalidRequestException',
      message: `Cannot instantiate process definition ${reviewId}: startInstructions are not supported by this engine; start at the process's start event instead`,
      code: null,
    });
  });

  it('answers bodies Jackson could not map with the empty-message InvalidRequestException', async () => {
    const jackson = { type: 'InvalidRequestException', message: '', code: null };
    expectCamundaError(await start('key/camunda-repo-review/start', { businessKey: { a: 1 } }), 400, jackson);
    expectCamundaError(await start('key/camunda-repo-review/start', { variables: 'x' }), 400, jackson);
    expectCamundaError(await start('key/camunda-repo-review/start', { withVariablesInReturn: 'yes' }), 400, jackson);
    expectCamundaError(await start('key/camunda-repo-review/start', '{"businessKey": ', { 'content-type': 'application/json' }), 400, jackson);
  });
});
