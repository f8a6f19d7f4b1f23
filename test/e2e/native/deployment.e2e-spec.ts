import { TestServer, fixture } from '../helpers/test-server';
import { expectJson, expectNativeError, instanceInState, openTasks, start } from './native-api';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function upload(file: string, content: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([content], { type: 'application/octet-stream' }), file);
  return form;
}

describe('native API: deploying process models', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await TestServer.start();
  });
  afterAll(() => server.close());

  it('is healthy before anything is deployed', async () => {
    const health = expectJson(await server.get('/health'), 200);
    expect(health.status).toBe('ok');
    expect(expectJson(await server.get('/process_models'), 200)).toEqual([]);
  });

  it('deploys BPMN sent as JSON and answers 201 with the created version', async () => {
    const deployed = await server.post('/process_models', { xml: fixture('order-process.bpmn'), name: 'orders' });
    const body = expectJson(deployed, 201);
    expect(body).toEqual({
      deploymentId: expect.any(String),
      created: true,
      models: [
        {
          key: 'order-process',
          version: 1,
          name: 'Order process',
          tenantId: null,
          processDefinitionId: expect.any(String),
          deploymentId: body.deploymentId,
          resourceName: 'orders.bpmn',
          deployedAt: expect.stringMatching(ISO),
          oneInstancePerBusinessKey: false,
        },
      ],
    });

    const model = expectJson(await server.get('/process_models/order-process'), 200);
    expect(model).toMatchObject({ key: 'order-process', version: 1, processDefinitionId: body.models[0].processDefinitionId });
    expect(model.startEvents).toEqual([{ id: 'OrderPlaced', kind: 'message', messageName: 'OrderPlaced' }]);
    expect(model.messages).toEqual(
      expect.arrayContaining([
        { elementId: 'PaymentReceived', elementType: 'intermediateCatchEvent', messageName: 'PaymentReceived' },
        { elementId: 'InformationRequested', elementType: 'startEvent', messageName: 'InformationRequested', interrupting: false },
        { elementId: 'OrderCancelled', elementType: 'startEvent', messageName: 'OrderCancelled', interrupting: true },
      ]),
    );
    expect(model.messages).toHaveLength(3);
  });

  it('deploys a multipart upload (curl -F) with name and tenantId fields', async () => {
    const xml = fixture('native-two-starts.bpmn');
    const deployed = await server.post('/process_models', upload('native-two-starts.bpmn', xml, { name: 'two-starts', tenantId: 'tenant-a' }));
    const body = expectJson(deployed, 201);
    expect(body.created).toBe(true);
    expect(body.models).toEqual([
      expect.objectContaining({ key: 'native-two-starts', version: 1, name: 'Two start events', tenantId: 'tenant-a', resourceName: 'native-two-starts.bpmn' }),
    ]);

    const ofTenant = expectJson(await server.get('/process_models?tenantId=tenant-a'), 200);
    expect(ofTenant.map((m: { key: string }) => m.key)).toEqual(['native-two-starts']);
    expect(ofTenant[0].tenantId).toBe('tenant-a');

    const model = expectJson(await server.get('/process_models/native-two-starts?tenantId=tenant-a'), 200);
    expect(model.startEvents).toEqual([
      { id: 'StartManually', kind: 'none' },
      { id: 'StartByMessage', kind: 'message', messageName: 'NativeTwoStartsRequested' },
    ]);
    const stored = await server.get('/process_models/native-two-starts/xml?tenantId=tenant-a');
    expect(stored.status).toBe(200);
    expect(stored.text).toBe(xml);
  });

  it('deploys an uploaded file that starts with a UTF-8 byte order mark', async () => {
    const xml = fixture('native-no-flow-refs.bpmn').replace(/native-no-flow-refs/g, 'native-bom');
    const form = new FormData();
    form.append('file', new Blob([Buffer.from([0xef, 0xbb, 0xbf]), xml]), 'saved-on-windows.bpmn');
    const body = expectJson(await server.post('/process_models', form), 201);
    expect(body.models).toEqual([expect.objectContaining({ key: 'native-bom', version: 1, resourceName: 'saved-on-windows.bpmn' })]);
  });

  it('refuses a multipart upload without a file part', async () => {
    const form = new FormData();
    form.append('name', 'nothing');
    expectNativeError(await server.post('/process_models', form), 400, 'VALIDATION_ERROR');
  });

  it('deploys a Camunda Modeler export with diagram interchange and serves the XML byte for byte', async () => {
    const xml = fixture('native-modeler-invoice.bpmn');
    const body = expectJson(await server.post('/process_models', { xml, name: 'invoice' }), 201);
    expect(body.models).toEqual([expect.objectContaining({ key: 'native-modeler-invoice', version: 1, name: 'Rechnungsprüfung – Eingang' })]);

    const stored = await server.get('/process_models/native-modeler-invoice/xml');
    expect(stored.status).toBe(200);
    expect(stored.headers.get('content-type')).toMatch(/^application\/xml(;\s*charset=utf-8)?$/i);
    expect(Buffer.from(stored.text, 'utf8').equals(Buffer.from(xml, 'utf8'))).toBe(true);

    const model = expectJson(await server.get('/process_models/native-modeler-invoice'), 200);
    expect(model.startEvents).toEqual([{ id: 'InvoiceReceived', kind: 'none' }]);
    expect(model.messages).toEqual([]);

    // The model runs: user task, then the exclusive gateway's condition picks the "approved" end.
    const { processInstanceId } = await start(server, 'native-modeler-invoice');
    const [task] = await openTasks(server, processInstanceId, 1);
    expect(task).toMatchObject({ elementId: 'CheckInvoice', name: 'Rechnung prüfen', candidateGroups: 'accounting', priority: 70 });
    expect((await server.post(`/tasks/${task.id}/complete`, { payload: { approved: true } })).status).toBe(204);
    const done = await instanceInState(server, processInstanceId, 'completed');
    expect(done.activeElements).toEqual([]);
    expect(done.endedAt).toEqual(expect.stringMatching(ISO));
  });

  it('deploys and runs a file whose flow nodes have no <incoming>/<outgoing> children', async () => {
    const body = expectJson(await server.deployFixture('native-no-flow-refs.bpmn'), 201);
    expect(body.models).toEqual([expect.objectContaining({ key: 'native-no-flow-refs', version: 1 })]);

    const { processInstanceId } = await start(server, 'native-no-flow-refs');
    const [task] = await openTasks(server, processInstanceId, 1);
    expect(task).toMatchObject({ elementId: 'Sign', name: 'Sign contract' });
    expect((await server.post(`/tasks/${task.id}/complete`, {})).status).toBe(204);
    await instanceInState(server, processInstanceId, 'completed');
  });

  it('answers 200 without a new version for identical XML, and creates version 2 for changed XML', async () => {
    const xml = fixture('native-approval.bpmn');
    const first = expectJson(await server.post('/process_models', { xml, name: 'approval' }), 201);
    const v1 = first.models[0];
    expect(v1).toMatchObject({ key: 'native-approval', version: 1 });

    const again = expectJson(await server.post('/process_models', { xml, name: 'approval' }), 200);
    expect(again.created).toBe(false);
    expect(again.models).toEqual([expect.objectContaining({ key: 'native-approval', version: 1, processDefinitionId: v1.processDefinitionId })]);
    expect(expectJson(await server.get('/process_models/native-approval'), 200).version).toBe(1);

    const changedXml = xml.replace('name="Approve request"', 'name="Approve the request"');
    expect(changedXml).not.toBe(xml);
    const second = expectJson(await server.post('/process_models', { xml: changedXml, name: 'approval' }), 201);
    expect(second.created).toBe(true);
    expect(second.models).toEqual([expect.objectContaining({ key: 'native-approval', version: 2 })]);
    const v2 = second.models[0];
    expect(v2.processDefinitionId).not.toBe(v1.processDefinitionId);

    // The list shows only the latest version of each key.
    const list = expectJson(await server.get('/process_models'), 200);
    const approvals = list.filter((m: { key: string }) => m.key === 'native-approval');
    expect(approvals).toEqual([expect.objectContaining({ version: 2, processDefinitionId: v2.processDefinitionId })]);

    // ?version= selects a version on the model and on its XML; the latest is the default.
    expect(expectJson(await server.get('/process_models/native-approval'), 200)).toMatchObject({ version: 2, processDefinitionId: v2.processDefinitionId });
    expect(expectJson(await server.get('/process_models/native-approval?version=1'), 200)).toMatchObject({ version: 1, processDefinitionId: v1.processDefinitionId });
    expect((await server.get('/process_models/native-approval/xml?version=1')).text).toBe(xml);
    expect((await server.get('/process_models/native-approval/xml?version=2')).text).toBe(changedXml);
    expect((await server.get('/process_models/native-approval/xml')).text).toBe(changedXml);

    // New instances use the latest version.
    const { processInstanceId } = await start(server, 'native-approval');
    const [task] = await openTasks(server, processInstanceId, 1);
    expect(task.name).toBe('Approve the request');
    const instance = expectJson(await server.get(`/process_instances/${processInstanceId}`), 200);
    expect(instance).toMatchObject({ processModelKey: 'native-approval', processModelVersion: 2, processDefinitionId: v2.processDefinitionId });
  });

  it('answers 404 for a version that does not exist and 400 for a version that is not a number', async () => {
    expectNativeError(await server.get('/process_models/native-approval?version=99'), 404, 'MODEL_NOT_FOUND');
    expectNativeError(await server.get('/process_models/native-approval/xml?version=99'), 404, 'MODEL_NOT_FOUND');
    expectNativeError(await server.get('/process_models/native-approval?version=abc'), 400, 'VALIDATION_ERROR');
    expectNativeError(await server.get('/process_models/native-approval?version=0'), 400, 'VALIDATION_ERROR');
  });

  it('lists the latest version of every deployed key', async () => {
    const list = expectJson(await server.get('/process_models'), 200);
    const keys = list.map((m: { key: string }) => m.key).sort();
    expect(keys).toEqual(['native-approval', 'native-bom', 'native-modeler-invoice', 'native-no-flow-refs', 'native-two-starts', 'order-process']);
    for (const model of list) {
      expect(model).toEqual(
        expect.objectContaining({ key: expect.any(String), version: expect.any(Number), processDefinitionId: expect.any(String), deployedAt: expect.stringMatching(ISO) }),
      );
    }
  });
});
