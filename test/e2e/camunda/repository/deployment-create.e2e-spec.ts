import { TestServer, fixture } from '../../helpers/test-server';
import { CAMUNDA_DATE, deployFixtures, expectCamundaJson, expectedDefinition, modelerForm } from './camunda-repo-helpers';

/** POST /engine-rest/deployment/create as Camunda Modeler and curl users send it (contract §4.1, §6). */
describe('Camunda 7 POST /deployment/create', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.close());

  const create = (form: FormData) => server.post('/engine-rest/deployment/create', form);
  const versionsOf = async (key: string, tenant = '') =>
    expectCamundaJson(await server.get(`/engine-rest/process-definition?key=${key}${tenant ? `&tenantIdIn=${tenant}` : '&withoutTenantId=true'}&sortBy=version&sortOrder=asc`), 200)
      .map((d: { version: number }) => d.version);

  it("answers a Modeler deployment with DeploymentWithDefinitionsDto: self link, Camunda's date, definitions keyed by id", async () => {
    const form = modelerForm({ 'review.bpmn': fixture('camunda-repo-review.bpmn') }, { name: 'review', source: 'Camunda Modeler' });
    const body = expectCamundaJson(await create(form), 200);
    expect(body).toEqual({
      links: [{ method: 'GET', href: `${server.url}/engine-rest/deployment/${body.id}`, rel: 'self' }],
      id: expect.any(String),
      name: 'review',
      source: 'Camunda Modeler',
      deploymentTime: expect.stringMatching(CAMUNDA_DATE),
      tenantId: null,
      deployedProcessDefinitions: expect.any(Object),
      deployedCaseDefinitions: null,
      deployedDecisionDefinitions: null,
      deployedDecisionRequirementsDefinitions: null,
    });
    const [[id, definition]] = Object.entries(body.deployedProcessDefinitions);
    expect(definition).toEqual(
      expectedDefinition({ key: 'camunda-repo-review', version: 1, deploymentId: body.id, resource: 'review.bpmn', name: 'Review Order', versionTag: '1.0', historyTimeToLive: 30 }),
    );
    expect((definition as { id: string }).id).toBe(id);
    // Modeler takes the first definition and starts it by id.
    const get = expectCamundaJson(await server.get(`/engine-rest/process-definition/${encodeURIComponent(id)}`), 200);
    expect(get).toEqual(definition);
  });

  it('names a resource by the part’s file name, not by the part name', async () => {
    const form = new FormData();
    form.append('deployment-name', 'renamed');
    form.append('upload', new Blob([fixture('camunda-repo-instant.bpmn')], { type: 'text/xml' }), 'renamed.bpmn20.xml');
    const body = expectCamundaJson(await create(form), 200);
    expect(Object.values(body.deployedProcessDefinitions)).toEqual([expect.objectContaining({ key: 'camunda-repo-instant', resource: 'renamed.bpmn20.xml' })]);
    expect(body.source).toBeNull();
  });

  it('with enable-duplicate-filtering returns the existing deployment, with deployedProcessDefinitions null, when nothing changed', async () => {
    const files = { 'dup.bpmn': fixture('camunda-repo-review.bpmn').replace(/camunda-repo-review/g, 'camunda-repo-dup') };
    const first = expectCamundaJson(await create(modelerForm(files, { name: 'dup', source: 'Camunda Modeler' })), 200);
    const again = expectCamundaJson(await create(modelerForm(files, { name: 'dup', source: 'Camunda Modeler' })), 200);
    expect(again).toEqual({ ...first, deployedProcessDefinitions: null });
    expect(await versionsOf('camunda-repo-dup')).toEqual([1]);

    // One changed resource: a new deployment holding every submitted resource.
    const changed = { ...files, 'other.bpmn': fixture('camunda-repo-instant.bpmn').replace(/camunda-repo-instant/g, 'camunda-repo-dup-other') };
    const third = expectCamundaJson(await create(modelerForm(changed, { name: 'dup', source: 'Camunda Modeler' })), 200);
    expect(third.id).not.toBe(first.id);
    expect(Object.values(third.deployedProcessDefinitions).map((d: any) => `${d.key}@${d.version}`).sort()).toEqual(['camunda-repo-dup-other@1', 'camunda-repo-dup@2']);
  });

  it('scopes duplicate filtering by deployment name and source (a missing source equals an empty one)', async () => {
    const files = { 'scope.bpmn': fixture('camunda-repo-instant.bpmn').replace(/camunda-repo-instant/g, 'camunda-repo-scope') };
    const noSource = expectCamundaJson(await create(modelerForm(files, { name: 'scope' })), 200);
    expect(noSource.source).toBeNull();
    const emptySource = expectCamundaJson(await create(modelerForm(files, { name: 'scope', source: '' })), 200);
    expect(emptySource).toEqual({ ...noSource, deployedProcessDefinitions: null });
    const otherSource = expectCamundaJson(await create(modelerForm(files, { name: 'scope', source: 'Camunda Modeler' })), 200);
    const otherName = expectCamundaJson(await create(modelerForm(files, { name: 'scope-2', source: 'Camunda Modeler' })), 200);
    expect(new Set([noSource.id, otherSource.id, otherName.id]).size).toBe(3);
    expect(await versionsOf('camunda-repo-scope')).toEqual([1, 2, 3]);
  });

  it('without a deployment name, or without a filtering flag, always creates a new deployment', async () => {
    const files = { 'always.bpmn': fixture('camunda-repo-instant.bpmn').replace(/camunda-repo-instant/g, 'camunda-repo-always') };
    const a = expectCamundaJson(await create(modelerForm(files, {})), 200);
    const b = expectCamundaJson(await create(modelerForm(files, {})), 200);
    const c = expectCamundaJson(await create(modelerForm(files, { name: 'always', flags: {} })), 200);
    const d = expectCamundaJson(await create(modelerForm(files, { name: 'always', flags: { 'enable-duplicate-filtering': 'false' } })), 200);
    expect(new Set([a.id, b.id, c.id, d.id]).size).toBe(4);
    expect(a.name).toBeNull();
    expect(await versionsOf('camunda-repo-always')).toEqual([1, 2, 3, 4]);
  });

  it('with deploy-changed-only (older Modeler) deploys only the changed resources, and the existing deployment when none changed', async () => {
    const flags = { 'deploy-changed-only': 'TRUE' };
    const one = fixture('camunda-repo-instant.bpmn').replace(/camunda-repo-instant/g, 'camunda-repo-co-one');
    const two = fixture('camunda-repo-instant.bpmn').replace(/camunda-repo-instant/g, 'camunda-repo-co-two');
    const first = expectCamundaJson(await create(modelerForm({ 'one.bpmn': one, 'two.bpmn': two }, { name: 'co', flags })), 200);
    expect(Object.keys(first.deployedProcessDefinitions)).toHaveLength(2);
    const changedTwo = two.replace('<bpmn:endEvent id="End" />', '<bpmn:endEvent id="End" name="Done" />');
    const second = expectCamundaJson(await create(modelerForm({ 'one.bpmn': one, 'two.bpmn': changedTwo }, { name: 'co', flags })), 200);
    expect(Object.values(second.deployedProcessDefinitions)).toEqual([expect.objectContaining({ key: 'camunda-repo-co-two', version: 2, resource: 'two.bpmn' })]);
    const third = expectCamundaJson(await create(modelerForm({ 'one.bpmn': one, 'two.bpmn': changedTwo }, { name: 'co', flags })), 200);
    expect(third).toEqual({ ...second, deployedProcessDefinitions: null });
    expect(await versionsOf('camunda-repo-co-one')).toEqual([1]);
  });

  it('deploys into a tenant: versions are counted per tenant and the tenant is reported', async () => {
    const files = { 'tenant.bpmn': fixture('camunda-repo-instant.bpmn').replace(/camunda-repo-instant/g, 'camunda-repo-tenant') };
    expectCamundaJson(await create(modelerForm(files, { name: 't' })), 200);
    const body = expectCamundaJson(await create(modelerForm(files, { name: 't', tenantId: 'tenant-a' })), 200);
    expect(body.tenantId).toBe('tenant-a');
    expect(Object.values(body.deployedProcessDefinitions)).toEqual([expect.objectContaining({ version: 1, tenantId: 'tenant-a' })]);
    // Duplicate filtering compares within the tenant only.
    const again = expectCamundaJson(await create(modelerForm(files, { name: 't', tenantId: 'tenant-a' })), 200);
    expect(again).toEqual({ ...body, deployedProcessDefinitions: null });
    expect(await versionsOf('camunda-repo-tenant', 'tenant-a')).toEqual([1]);
  });

  it('accepts a deployment without executable process, or with non-BPMN attachments only: deployedProcessDefinitions null', async () => {
    const sketch = await deployFixtures(server, ['camunda-repo-not-executable.bpmn'], { name: 'sketch' });
    expect(sketch).toEqual(expect.objectContaining({ name: 'sketch', deployedProcessDefinitions: null }));
    const form = modelerForm({ 'invoice.form': '{"components":[]}' }, { name: 'forms' });
    const forms = expectCamundaJson(await create(form), 200);
    expect(forms.deployedProcessDefinitions).toBeNull();
    expectCamundaJson(await server.get(`/engine-rest/deployment/${forms.id}`), 200);
  });

  it('accepts and ignores deployment-activation-time', async () => {
    const form = modelerForm({ 'later.bpmn': fixture('camunda-repo-instant.bpmn').replace(/camunda-repo-instant/g, 'camunda-repo-later') }, { name: 'later' });
    form.append('deployment-activation-time', '2099-01-01T00:00:00.000+0000');
    const body = expectCamundaJson(await create(form), 200);
    expect(Object.values(body.deployedProcessDefinitions)).toEqual([expect.objectContaining({ suspended: false })]);
  });
});
