import { TestServer, fixture } from '../../helpers/test-server';
import { CAMUNDA_DATE, expectCamundaError, expectCamundaJson, modelerForm } from './camunda-repo-helpers';

/** GET /engine-rest/deployment, /deployment/count and /deployment/{id} (contract §4.10, §6), plus /engine and /version. */
describe('Camunda 7 deployment queries, engine and version', () => {
  let server: TestServer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await TestServer.start();
    const deploy = async (label: string, name: string, options: { source?: string; tenantId?: string }) => {
      const xml = fixture('camunda-repo-instant.bpmn').replace(/camunda-repo-instant/g, `camunda-repo-q-${label}`);
      const form = modelerForm({ [`${label}.bpmn`]: xml }, { name, ...options });
      ids[label] = expectCamundaJson(await server.post('/engine-rest/deployment/create', form), 200).id;
    };
    await deploy('alpha', 'Alpha Orders', { source: 'Camunda Modeler' });
    await deploy('beta', 'beta_invoices', { source: 'curl' });
    await deploy('gamma', 'Gamma Orders', { tenantId: 'tenant-a' });
    await deploy('delta', 'delta', { source: 'Camunda Modeler', tenantId: 'tenant-b' });
  });
  afterAll(() => server.close());

  const list = async (query = '') => expectCamundaJson(await server.get(`/engine-rest/deployment${query}`), 200);
  const names = async (query: string) => (await list(query)).map((d: { name: string }) => d.name);
  const count = async (query = '') => expectCamundaJson(await server.get(`/engine-rest/deployment/count${query}`), 200).count;

  it("passes Camunda Modeler's connection check: GET /deployment?maxResults=0 is 200 []", async () => {
    const result = await server.get('/engine-rest/deployment?maxResults=0', { accept: 'application/json', authorization: 'Basic ZGVtbzpkZW1v' });
    expect(expectCamundaJson(result, 200)).toEqual([]);
  });

  it('lists DeploymentDtos with empty links, and gets one by id', async () => {
    const all = await list();
    expect(all).toHaveLength(4);
    const alpha = all.find((d: { id: string }) => d.id === ids.alpha);
    expect(alpha).toEqual({ links: [], id: ids.alpha, name: 'Alpha Orders', source: 'Camunda Modeler', deploymentTime: expect.stringMatching(CAMUNDA_DATE), tenantId: null });
    expect(expectCamundaJson(await server.get(`/engine-rest/deployment/${ids.alpha}`), 200)).toEqual(alpha);
    expect(await count()).toBe(4);
  });

  it('answers an unknown deployment id with 404 InvalidRequestException', async () => {
    expectCamundaError(await server.get('/engine-rest/deployment/nope'), 404, { type: 'InvalidRequestException', message: "Deployment with id 'nope' does not exist", code: null });
  });

  it('filters by id, name, nameLike (case-sensitive, \\ escapes), source and withoutSource', async () => {
    expect(await names(`?id=${ids.beta}`)).toEqual(['beta_invoices']);
    expect(await names('?name=delta')).toEqual(['delta']);
    expect(await names('?nameLike=%25Orders&sortBy=name&sortOrder=asc')).toEqual(['Alpha Orders', 'Gamma Orders']);
    expect(await names('?nameLike=%25orders')).toEqual([]);
    expect(await names('?nameLike=beta\\_%25')).toEqual(['beta_invoices']);
    expect(await names('?nameLike=beta\\%25')).toEqual([]);
    expect(await names('?source=Camunda%20Modeler&sortBy=name&sortOrder=desc')).toEqual(['delta', 'Alpha Orders']);
    expect(await names('?withoutSource=true')).toEqual(['Gamma Orders']);
    expect(await count('?source=curl')).toBe(1);
    expectCamundaError(await server.get('/engine-rest/deployment?withoutSource=true&source=curl'), 400, {
      type: 'InvalidRequestException',
      message: 'The query parameters "withoutSource" and "source" cannot be used in combination.',
      code: null,
    });
  });

  it('filters by tenant: tenantIdIn, withoutTenantId, includeDeploymentsWithoutTenantId', async () => {
    expect(await names('?tenantIdIn=tenant-a,tenant-b&sortBy=tenantId&sortOrder=asc')).toEqual(['Gamma Orders', 'delta']);
    expect(await names('?withoutTenantId=true&sortBy=name&sortOrder=asc')).toEqual(['Alpha Orders', 'beta_invoices']);
    expect(await count('?tenantIdIn=tenant-b&includeDeploymentsWithoutTenantId=true')).toBe(3);
    expect(await count('?tenantIdIn=unknown')).toBe(0);
  });

  it('filters by deployment time (before/after in the REST date format)', async () => {
    const alpha = (await list(`?id=${ids.alpha}`))[0];
    expect(await count(`?after=${encodeURIComponent('2000-01-01T00:00:00.000+0000')}`)).toBe(4);
    expect(await count(`?before=${encodeURIComponent('2000-01-01T00:00:00.000+0000')}`)).toBe(0);
    expect(await count(`?before=${encodeURIComponent(alpha.deploymentTime)}`)).toBe(0);
    expectCamundaError(await server.get('/engine-rest/deployment?after=2000-01-01'), 400, {
      type: 'InvalidRequestException',
      message: `Cannot set query parameter 'after' to value '2000-01-01': Cannot convert value "2000-01-01" to java type java.util.Date`,
      code: null,
    });
  });

  it('sorts by deploymentTime and pages with firstResult/maxResults', async () => {
    const byTime = (await list('?sortBy=deploymentTime&sortOrder=asc')).map((d: { id: string }) => d.id);
    expect(byTime).toEqual([ids.alpha, ids.beta, ids.gamma, ids.delta]);
    const page = (await list('?sortBy=deploymentTime&sortOrder=desc&firstResult=1&maxResults=2')).map((d: { id: string }) => d.id);
    expect(page).toEqual([ids.gamma, ids.beta]);
    expect(await count('?firstResult=3&maxResults=1')).toBe(4);
  });

  it('refuses incomplete or unknown sorting and unconvertible booleans', async () => {
    const error = (message: string) => ({ type: 'InvalidRequestException', message, code: null });
    expectCamundaError(await server.get('/engine-rest/deployment?sortBy=name'), 400, error('Only a single sorting parameter specified. sortBy and sortOrder required'));
    expectCamundaError(await server.get('/engine-rest/deployment/count?sortOrder=asc'), 400, error('Only a single sorting parameter specified. sortBy and sortOrder required'));
    expectCamundaError(await server.get('/engine-rest/deployment?sortBy=source&sortOrder=asc'), 400, error("Cannot set query parameter 'sortBy' to value 'source'"));
    expectCamundaError(
      await server.get('/engine-rest/deployment?withoutTenantId=yes'),
      400,
      error("Cannot set query parameter 'withoutTenantId' to value 'yes': Cannot convert value yes to java type java.lang.Boolean"),
    );
  });

  it('GET /engine lists the default engine and GET /version reports 7.24.0', async () => {
    expect(expectCamundaJson(await server.get('/engine-rest/engine'), 200)).toEqual([{ name: 'default' }]);
    expect(expectCamundaJson(await server.get('/engine-rest/version', { accept: 'application/json' }), 200)).toEqual({ version: '7.24.0' });
  });
});
