import { TestServer, fixture } from '../helpers/test-server';
import { expectJson, expectNativeError } from './native-api';

const MALFORMED = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Broken" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="native-broken" isExecutable="true">
    <bpmn:startEvent id="Start">
  </bpmn:process>
</bpmn:definitions>`;

describe('native API: refused deployments', () => {
  let server: TestServer;
  let modelsBefore: unknown;

  beforeAll(async () => {
    server = await TestServer.start();
    expectJson(await server.deployFixture('native-approval.bpmn'), 201);
    modelsBefore = expectJson(await server.get('/process_models'), 200);
    expect(modelsBefore).toHaveLength(1);
  });
  afterAll(() => server.close());

  /** A refused deployment must leave the stored models exactly as they were. */
  async function expectNothingStored(): Promise<void> {
    expect(expectJson(await server.get('/process_models'), 200)).toEqual(modelsBefore);
  }

  function expectDeploymentError(result: Awaited<ReturnType<TestServer['post']>>): { resource: string; elementId?: string; message: string }[] {
    const body = expectNativeError(result, 400, 'DEPLOYMENT_INVALID');
    expect(body.type).toBe('DeploymentError');
    expect(Array.isArray(body.problems)).toBe(true);
    expect(body.problems.length).toBeGreaterThan(0);
    for (const problem of body.problems) {
      expect(problem).toEqual(expect.objectContaining({ resource: expect.any(String), message: expect.any(String) }));
    }
    return body.problems;
  }

  it('refuses malformed XML with DEPLOYMENT_INVALID and a problems array', async () => {
    const problems = expectDeploymentError(await server.post('/process_models', { xml: MALFORMED, name: 'broken' }));
    expect(problems[0].resource).toBe('broken.bpmn');
    await expectNothingStored();
    expectNativeError(await server.get('/process_models/native-broken'), 404, 'MODEL_NOT_FOUND');
  });

  it('refuses text that is not XML at all', async () => {
    expectDeploymentError(await server.post('/process_models', { xml: 'this is not BPMN', name: 'text' }));
    await expectNothingStored();
  });

  it('names every unsupported element (a script task and a timer event) in problems[].elementId', async () => {
    const problems = expectDeploymentError(await server.deployFixture('native-unsupported.bpmn'));
    const elementIds = problems.map((p) => p.elementId);
    expect(elementIds).toEqual(expect.arrayContaining(['ComputeTotal', 'WaitADay']));
    // Supported elements are not blamed.
    expect(elementIds).not.toContain('Start');
    expect(elementIds).not.toContain('End');
    expect(problems.every((p) => p.resource === 'native-unsupported.bpmn')).toBe(true);
    await expectNothingStored();
    expectNativeError(await server.get('/process_models/native-unsupported'), 404, 'MODEL_NOT_FOUND');
  });

  it('names the offending element when it arrives as a multipart upload too', async () => {
    const form = new FormData();
    form.append('file', new Blob([fixture('native-unsupported.bpmn')]), 'unsupported.bpmn');
    const problems = expectDeploymentError(await server.post('/process_models', form));
    expect(problems.map((p) => p.elementId)).toEqual(expect.arrayContaining(['ComputeTotal', 'WaitADay']));
    expect(problems[0].resource).toBe('unsupported.bpmn');
    await expectNothingStored();
  });

  it('refuses a file without an executable process', async () => {
    const problems = expectDeploymentError(await server.deployFixture('native-not-executable.bpmn'));
    expect(problems.map((p) => p.message).join(' ')).toMatch(/executable/i);
    await expectNothingStored();
    expectNativeError(await server.get('/process_models/native-not-executable'), 404, 'MODEL_NOT_FOUND');
  });

  it('refuses a document with a DOCTYPE and entity declarations without resolving them', async () => {
    const result = await server.deployFixture('native-doctype.bpmn');
    const problems = expectDeploymentError(result);
    expect(problems.map((p) => p.message).join(' ')).toMatch(/DOCTYPE/i);
    expect(result.text).not.toContain('root:');
    await expectNothingStored();
    expectNativeError(await server.get('/process_models/native-doctype'), 404, 'MODEL_NOT_FOUND');
  });

  it('refuses a JSON body without xml, with an empty xml, or with a non-string xml (VALIDATION_ERROR)', async () => {
    const noXml = expectNativeError(await server.post('/process_models', { name: 'no-xml' }), 400, 'VALIDATION_ERROR');
    expect(noXml.message).toMatch(/xml/);
    expectNativeError(await server.post('/process_models', { xml: '' }), 400, 'VALIDATION_ERROR');
    expectNativeError(await server.post('/process_models', { xml: 42 }), 400, 'VALIDATION_ERROR');
    // An empty JSON body reads as {} and so lacks xml as well.
    expectNativeError(await server.post('/process_models', '', { 'content-type': 'application/json' }), 400, 'VALIDATION_ERROR');
    await expectNothingStored();
  });

  it('refuses malformed JSON with INVALID_JSON', async () => {
    const result = await server.post('/process_models', '{"xml": "<bpmn:definitions', { 'content-type': 'application/json' });
    expectNativeError(result, 400, 'INVALID_JSON');
    await expectNothingStored();
  });

  it('stores nothing from a deployment whose second file is invalid', async () => {
    const form = new FormData();
    const valid = fixture('native-approval.bpmn').replace(/native-approval/g, 'native-approval-copy');
    form.append('file', new Blob([valid]), 'approval-copy.bpmn');
    form.append('file', new Blob([fixture('native-unsupported.bpmn')]), 'unsupported.bpmn');
    const problems = expectDeploymentError(await server.post('/process_models', form));
    expect(problems.map((p) => p.resource)).toEqual(expect.arrayContaining(['unsupported.bpmn']));
    expect(problems.map((p) => p.resource)).not.toContain('approval-copy.bpmn');
    await expectNothingStored();
    expectNativeError(await server.get('/process_models/native-approval-copy'), 404, 'MODEL_NOT_FOUND');
  });

  it('refuses with 409 a second model that starts on a message another model already starts on', async () => {
    expectJson(await server.deployFixture('native-two-starts.bpmn'), 201);
    modelsBefore = expectJson(await server.get('/process_models'), 200);
    const copy = fixture('native-two-starts.bpmn').replace(/id="native-two-starts"/, 'id="native-two-starts-copy"');
    expectNativeError(await server.post('/process_models', { xml: copy, name: 'copy' }), 409, 'CONFLICT');
    await expectNothingStored();
    expectNativeError(await server.get('/process_models/native-two-starts-copy'), 404, 'MODEL_NOT_FOUND');
  });
});
