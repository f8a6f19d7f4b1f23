import { randomBytes } from 'node:crypto';

import { TestServer, eventually, fixture } from '../../helpers/test-server';
import { WORKER, externalTasksOf, fetchTasks, instanceOf, topic } from './external-task-helpers';

const DIAGRAM = 'ext-modeler-order.bpmn';
const FORM = JSON.stringify({ id: 'Form_reserve', type: 'default', components: [{ key: 'sku', label: 'SKU', type: 'textfield' }] });
const BROKEN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_broken" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="ext-modeler-broken" isExecutable="true">
    <bpmn:startEvent id="StartEvent_1">
  </bpmn:process>
</bpmn:definitions>`;

interface Part {
  readonly name: string;
  readonly value: string;
  /** File parts: the file name and the Blob's type ('' for a Blob created without one). */
  readonly filename?: string;
  readonly type?: string;
}

/**
 * The multipart body Chromium (Camunda Modeler is an Electron app) writes for a FormData: a
 * `----WebKitFormBoundary` boundary, CRLF line ends, `Content-Disposition` with name (and filename for
 * Blobs), `Content-Type` only on file parts (application/octet-stream for a Blob without a type).
 */
function chromiumMultipart(parts: readonly Part[]): { body: Buffer; contentType: string } {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const boundary = `----WebKitFormBoundary${[...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `Content-Disposition: form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const type = part.filename !== undefined ? `\r\nContent-Type: ${part.type || 'application/octet-stream'}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\n${disposition}${type}\r\n\r\n`, 'utf8'), Buffer.from(part.value, 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * What Camunda Modeler's CamundaAPI.js (Camunda 7 target) sends, call for call: every request with
 * `accept: application/json` (and an Authorization header when configured, which this engine ignores).
 */
class ModelerApi {
  constructor(
    private readonly baseUrl: string,
    private readonly authorization?: string,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...extra, accept: 'application/json', ...(this.authorization ? { authorization: this.authorization } : {}) };
  }

  checkConnection(): Promise<Response> {
    return fetch(`${this.baseUrl}/deployment?maxResults=0`, { headers: this.headers() });
  }

  getVersion(): Promise<Response> {
    return fetch(`${this.baseUrl}/version`, { headers: this.headers() });
  }

  /** deployDiagram, with the form data encoded byte for byte as Chromium does. */
  deployDiagram(diagram: { name: string; contents: string }, deployment: { name: string; tenantId?: string; attachments?: { name: string; contents: string }[] }) {
    const parts: Part[] = [
      { name: 'deployment-name', value: deployment.name },
      { name: 'deployment-source', value: 'Camunda Modeler' },
      { name: 'enable-duplicate-filtering', value: 'true' },
      ...(deployment.tenantId ? [{ name: 'tenant-id', value: deployment.tenantId }] : []),
      { name: diagram.name, value: diagram.contents, filename: diagram.name, type: 'text/xml' },
      ...(deployment.attachments ?? []).map((file) => ({ name: file.name, value: file.contents, filename: file.name, type: '' })),
    ];
    const { body, contentType } = chromiumMultipart(parts);
    return fetch(`${this.baseUrl}/deployment/create`, { method: 'POST', body, headers: this.headers({ 'content-type': contentType }) });
  }

  /** deployDiagram exactly as its source reads, with the platform's FormData and Blob. */
  deployWithFormData(diagram: { name: string; contents: string }, deployment: { name: string; tenantId?: string }) {
    const form = new FormData();
    form.append('deployment-name', deployment.name);
    form.append('deployment-source', 'Camunda Modeler');
    form.append('enable-duplicate-filtering', 'true');
    if (deployment.tenantId) form.append('tenant-id', deployment.tenantId);
    form.append(diagram.name, new Blob([diagram.contents], { type: 'text/xml' }), diagram.name);
    return fetch(`${this.baseUrl}/deployment/create`, { method: 'POST', body: form, headers: this.headers() });
  }

  startInstance(processDefinition: { id: string }, options: { businessKey?: string; variables?: Record<string, unknown> }) {
    return fetch(`${this.baseUrl}/process-definition/${processDefinition.id}/start`, {
      method: 'POST',
      body: JSON.stringify({ businessKey: options.businessKey, variables: options.variables }),
      headers: this.headers({ 'content-type': 'application/json' }),
    });
  }
}

async function json(response: Response, status: number): Promise<any> {
  const text = await response.text();
  expect({ status: response.status, text }).toEqual({ status, text: expect.any(String) });
  expect(response.headers.get('content-type')).toBe('application/json');
  return JSON.parse(text);
}

/** Camunda Modeler's deploy and start buttons against a running engine (contract §6). */
describe('Camunda Modeler (Camunda 7 target) deploying and starting a diagram', () => {
  let server: TestServer;
  let modeler: ModelerApi;
  beforeAll(async () => {
    server = await TestServer.start();
    modeler = new ModelerApi(`${server.url}/engine-rest`, 'Bearer some-token');
  });
  afterAll(() => server.close());

  it('checks the connection and reads the version', async () => {
    expect(await json(await modeler.checkConnection(), 200)).toEqual([]);
    expect(await json(await modeler.getVersion(), 200)).toEqual({ version: expect.stringMatching(/^7\.\d+\.\d+/) });
  });

  it('deploys a diagram with a form attachment for a tenant, starts it by id, and the external task runs', async () => {
    const deployed = await json(
      await modeler.deployDiagram({ name: DIAGRAM, contents: fixture(DIAGRAM) }, { name: 'ext-modeler-order', tenantId: 'acme', attachments: [{ name: 'reserve.form', contents: FORM }] }),
      200,
    );
    expect(deployed).toEqual(
      expect.objectContaining({ id: expect.any(String), name: 'ext-modeler-order', source: 'Camunda Modeler', tenantId: 'acme', deployedProcessDefinitions: expect.any(Object) }),
    );
    // Modeler takes the first deployed definition.
    const definition = Object.values(deployed.deployedProcessDefinitions || {})[0] as any;
    expect(definition).toEqual(expect.objectContaining({ key: 'ext-modeler-order', resource: DIAGRAM, tenantId: 'acme', version: 1 }));

    const started = await json(
      await modeler.startInstance(definition, { businessKey: 'order-4711', variables: { sku: { value: 'A-1', type: 'String' }, quantity: { value: 3, type: 'Integer' } } }),
      200,
    );
    expect(started).toEqual({
      links: [{ method: 'GET', href: `${server.url}/engine-rest/process-instance/${started.id}`, rel: 'self' }],
      id: expect.any(String),
      definitionId: definition.id,
      definitionKey: 'ext-modeler-order',
      businessKey: 'order-4711',
      caseInstanceId: null,
      ended: false,
      suspended: false,
      tenantId: 'acme',
    });

    await eventually(async () => expect(await externalTasksOf(server, started.id)).toHaveLength(1));
    const [task] = await fetchTasks(server, [topic('ext-modeler-reserve', { tenantIdIn: ['acme'] })]);
    expect(task).toEqual(
      expect.objectContaining({
        processInstanceId: started.id,
        activityId: 'Activity_ReserveStock',
        businessKey: 'order-4711',
        tenantId: 'acme',
        variables: { quantity: { type: 'Integer', value: 3, valueInfo: {} }, sku: { type: 'String', value: 'A-1', valueInfo: {} } },
      }),
    );
    const thrown = await server.post(`/engine-rest/external-task/${task.id}/bpmnError`, { workerId: WORKER, errorCode: 'OUT_OF_STOCK' });
    expect(thrown.status).toBe(204);
    expect((await instanceOf(server, started.id)).state).toBe('completed');
  });

  it('redeploying an unchanged diagram returns the existing deployment with deployedProcessDefinitions null (which Modeler tolerates)', async () => {
    const first = await json(await modeler.deployDiagram({ name: DIAGRAM, contents: fixture(DIAGRAM) }, { name: 'order-again' }), 200);
    const again = await json(await modeler.deployDiagram({ name: DIAGRAM, contents: fixture(DIAGRAM) }, { name: 'order-again' }), 200);
    expect(again).toEqual({ ...first, deployedProcessDefinitions: null });
    expect(Object.values(again.deployedProcessDefinitions || {})[0]).toBeUndefined();
  });

  it("deploys with the platform's FormData as CamundaAPI.js writes it, and starts without business key or variables", async () => {
    const deployed = await json(await modeler.deployWithFormData({ name: DIAGRAM, contents: fixture(DIAGRAM) }, { name: 'order-form-data', tenantId: 'form-data' }), 200);
    const definition = Object.values(deployed.deployedProcessDefinitions || {})[0] as any;
    expect(definition).toEqual(expect.objectContaining({ key: 'ext-modeler-order', tenantId: 'form-data' }));
    // JSON.stringify drops the undefined businessKey and variables: the body is {}.
    const started = await json(await modeler.startInstance(definition, {}), 200);
    expect(started).toEqual(expect.objectContaining({ definitionId: definition.id, businessKey: null, ended: false, tenantId: 'form-data' }));
  });

  it('answers a broken diagram with a 400 whose message Modeler recognises as a parse error', async () => {
    const response = await modeler.deployDiagram({ name: 'broken.bpmn', contents: BROKEN }, { name: 'broken' });
    const body = await json(response, 400);
    expect(body.type).toBe('ParseException');
    // CamundaAPI.js#getCamundaErrorCode: DIAGRAM_PARSE_ERROR when the message starts with this prefix.
    expect(body.message.startsWith('ENGINE-09005 Could not parse BPMN process.')).toBe(true);
    expect(body.details).toEqual({ 'broken.bpmn': { errors: expect.any(Array), warnings: expect.any(Array) } });
  });

  it('answers a start of an unknown definition id as Camunda does (500, which Modeler reports as INTERNAL_SERVER_ERROR)', async () => {
    const response = await modeler.startInstance({ id: 'no-such-definition:1:x' }, { businessKey: 'x' });
    expect(await json(response, 500)).toEqual({
      type: 'RestException',
      message:
        "Cannot instantiate process definition no-such-definition:1:x: no deployed process definition found with id 'no-such-definition:1:x': processDefinition is null",
      code: 0,
    });
  });
});
