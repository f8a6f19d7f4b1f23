import { TestServer, fixture } from '../../helpers/test-server';
import { deployFixtures, expectCamundaError, expectCamundaJson, expectedDefinition } from './camunda-repo-helpers';

/** GET /engine-rest/process-definition… (contract §4.2, §4.10). */
describe('Camunda 7 process definition queries', () => {
  let server: TestServer;
  let reviewDeployments: string[];
  const REVIEW = fixture('camunda-repo-review.bpmn');
  const TENANT_ONLY = fixture('camunda-repo-instant.bpmn').replace(/camunda-repo-instant/g, 'camunda-repo-tenant-only');

  beforeAll(async () => {
    server = await TestServer.start();
    const always = { flags: {} };
    const v1 = await deployFixtures(server, ['camunda-repo-review.bpmn'], always);
    const v2 = await deployFixtures(server, ['camunda-repo-review.bpmn'], always);
    const tenant = await deployFixtures(server, ['camunda-repo-review.bpmn'], { ...always, tenantId: 'tenant-a' });
    reviewDeployments = [v1.id, v2.id, tenant.id];
    await deployFixtures(server, ['camunda-repo-instant.bpmn', 'camunda-repo-message-start.bpmn'], { name: 'others' });
    const form = new FormData();
    form.append('tenant-id', 'tenant-b');
    form.append('only.bpmn', new Blob([TENANT_ONLY], { type: 'text/xml' }), 'only.bpmn');
    expectCamundaJson(await server.post('/engine-rest/deployment/create', form), 200);
  });
  afterAll(() => server.close());

  const list = async (query = '') => expectCamundaJson(await server.get(`/engine-rest/process-definition${query}`), 200);
  const labels = async (query: string) =>
    (await list(query)).map((d: { key: string; version: number; tenantId: string | null }) => `${d.key}@${d.version}${d.tenantId ? `/${d.tenantId}` : ''}`);
  const count = async (query = '') => expectCamundaJson(await server.get(`/engine-rest/process-definition/count${query}`), 200).count;

  it('lists every version unless latestVersion=true (latest per key and tenant)', async () => {
    expect(await count()).toBe(6);
    expect(await labels('?sortBy=key&sortOrder=asc&latestVersion=true')).toEqual([
      'camunda-repo-instant@1',
      'camunda-repo-message-start@1',
      'camunda-repo-review@1/tenant-a',
      'camunda-repo-review@2',
      'camunda-repo-tenant-only@1/tenant-b',
    ]);
    const [review] = await list('?key=camunda-repo-review&withoutTenantId=true&sortBy=version&sortOrder=desc&maxResults=1');
    expect(review).toEqual(
      expectedDefinition({ key: 'camunda-repo-review', version: 2, deploymentId: reviewDeployments[1], resource: 'camunda-repo-review.bpmn', name: 'Review Order', versionTag: '1.0', historyTimeToLive: 30 }),
    );
  });

  it('filters by key, keysIn, keyLike (case-sensitive), ids, name and nameLike (case-insensitive)', async () => {
    expect(await labels('?key=camunda-repo-review&sortBy=version&sortOrder=asc&withoutTenantId=true')).toEqual(['camunda-repo-review@1', 'camunda-repo-review@2']);
    expect(await count('?keysIn=camunda-repo-instant,camunda-repo-message-start')).toBe(2);
    expect(await count('?keyLike=camunda-repo-%25')).toBe(6);
    expect(await count('?keyLike=CAMUNDA-repo-%25')).toBe(0);
    expect(await count('?keyLike=camunda-repo-_nstant')).toBe(1);
    const [instant] = await list('?key=camunda-repo-instant');
    expect(await labels(`?processDefinitionId=${encodeURIComponent(instant.id)}`)).toEqual(['camunda-repo-instant@1']);
    expect(await count(`?processDefinitionIdIn=${encodeURIComponent(instant.id)},unknown`)).toBe(1);
    expect(await count('?name=Review%20Order')).toBe(3);
    expect(await count('?nameLike=%25review%25')).toBe(3);
    expect(await count('?name=review%20order')).toBe(0);
  });

  it('filters by deployment, version, resource, version tag, tenant, startability and suspension', async () => {
    expect(await labels(`?deploymentId=${reviewDeployments[0]}`)).toEqual(['camunda-repo-review@1']);
    expect(await count('?version=1')).toBe(5);
    expect(await count('?resourceName=camunda-repo-review.bpmn')).toBe(3);
    expect(await count('?resourceNameLike=%25instant.bpmn')).toBe(1);
    expect(await count('?versionTag=1.0')).toBe(3);
    expect(await count('?versionTagLike=1.%25')).toBe(3);
    expect(await count('?withoutVersionTag=true')).toBe(3);
    expect(await labels('?tenantIdIn=tenant-a,tenant-b&sortBy=tenantId&sortOrder=asc')).toEqual(['camunda-repo-review@1/tenant-a', 'camunda-repo-tenant-only@1/tenant-b']);
    expect(await count('?tenantIdIn=tenant-a&includeProcessDefinitionsWithoutTenantId=true')).toBe(5);
    expect(await count('?withoutTenantId=true')).toBe(4);
    expect(await count('?startableInTasklist=true&active=true')).toBe(6);
    expect(await count('?suspended=true')).toBe(0);
    expect(await count('?category=http://bpmn.io/schema/bpmn')).toBe(6);
    expect(await count('?deployedAfter=2000-01-01T00:00:00.000%2B0000')).toBe(6);
  });

  it('sorts, pages and refuses bad parameters like Camunda', async () => {
    expect(await labels('?sortBy=version&sortOrder=desc&key=camunda-repo-review&firstResult=0&maxResults=2&withoutTenantId=true')).toEqual([
      'camunda-repo-review@2',
      'camunda-repo-review@1',
    ]);
    expect(await labels('?sortBy=deployTime&sortOrder=asc&maxResults=3')).toEqual(['camunda-repo-review@1', 'camunda-repo-review@2', 'camunda-repo-review@1/tenant-a']);
    const error = (message: string) => ({ type: 'InvalidRequestException', message, code: null });
    expectCamundaError(await server.get('/engine-rest/process-definition?sortBy=created&sortOrder=asc'), 400, error("Cannot set query parameter 'sortBy' to value 'created'"));
    expectCamundaError(await server.get('/engine-rest/process-definition?sortOrder=asc'), 400, error('Only a single sorting parameter specified. sortBy and sortOrder required'));
    expectCamundaError(
      await server.get('/engine-rest/process-definition/count?version=one'),
      400,
      error("Cannot set query parameter 'version' to value 'one': Cannot convert value one to java type java.lang.Integer"),
    );
    expectCamundaError(
      await server.get('/engine-rest/process-definition?latestVersion=1x'),
      400,
      error("Cannot set query parameter 'latestVersion' to value '1x': Cannot convert value 1x to java type java.lang.Boolean"),
    );
    // The engine itself refuses latest() with an id, version or deployment: a plain ProcessEngineException.
    expectCamundaError(await server.get('/engine-rest/process-definition?latestVersion=true&version=1'), 500, {
      type: 'ProcessEngineException',
      message: 'Calling latest() can only be used in combination with key(String) and keyLike(String) or name(String) and nameLike(String)',
      code: 0,
    });
  });

  it('gets a definition by id, by key (latest without tenant) and by key and tenant', async () => {
    const [v1] = await list('?key=camunda-repo-review&version=1&withoutTenantId=true');
    expect(expectCamundaJson(await server.get(`/engine-rest/process-definition/${encodeURIComponent(v1.id)}`), 200)).toEqual(v1);
    const byKey = expectCamundaJson(await server.get('/engine-rest/process-definition/key/camunda-repo-review'), 200);
    expect(byKey).toEqual(expect.objectContaining({ key: 'camunda-repo-review', version: 2, tenantId: null }));
    const byTenant = expectCamundaJson(await server.get('/engine-rest/process-definition/key/camunda-repo-review/tenant-id/tenant-a'), 200);
    expect(byTenant).toEqual(expect.objectContaining({ key: 'camunda-repo-review', version: 1, tenantId: 'tenant-a', deploymentId: reviewDeployments[2] }));
  });

  it('answers the three lookups that find nothing with their own 404 bodies', async () => {
    const byId = { type: 'InvalidRequestException', message: 'No matching definition with id unknown:1:x', code: 0 };
    expectCamundaError(await server.get('/engine-rest/process-definition/unknown:1:x'), 404, byId);
    expectCamundaError(await server.get('/engine-rest/process-definition/unknown:1:x/xml'), 404, byId);
    const noTenant = { type: 'RestException', message: 'No matching process definition with key: camunda-repo-tenant-only and no tenant-id', code: null };
    expectCamundaError(await server.get('/engine-rest/process-definition/key/camunda-repo-tenant-only'), 404, noTenant);
    expectCamundaError(await server.get('/engine-rest/process-definition/key/camunda-repo-tenant-only/xml'), 404, noTenant);
    const tenant = { type: 'RestException', message: 'No matching process definition with key: camunda-repo-review and tenant-id: tenant-b', code: null };
    expectCamundaError(await server.get('/engine-rest/process-definition/key/camunda-repo-review/tenant-id/tenant-b'), 404, tenant);
    expectCamundaError(await server.get('/engine-rest/process-definition/key/camunda-repo-review/tenant-id/tenant-b/xml'), 404, tenant);
  });

  it('returns the deployed XML as {id, bpmn20Xml} by id, by key and by key and tenant', async () => {
    const [v2] = await list('?key=camunda-repo-review&version=2&withoutTenantId=true');
    expect(expectCamundaJson(await server.get(`/engine-rest/process-definition/${encodeURIComponent(v2.id)}/xml`), 200)).toEqual({ id: v2.id, bpmn20Xml: REVIEW });
    expect(expectCamundaJson(await server.get('/engine-rest/process-definition/key/camunda-repo-review/xml'), 200)).toEqual({ id: v2.id, bpmn20Xml: REVIEW });
    const onlyTenant = expectCamundaJson(await server.get('/engine-rest/process-definition/key/camunda-repo-tenant-only/tenant-id/tenant-b/xml'), 200);
    expect(onlyTenant).toEqual({ id: expect.stringMatching(/^camunda-repo-tenant-only:1:/), bpmn20Xml: TENANT_ONLY });
  });
});
