import { TestServer, fixture } from '../../helpers/test-server';
import { deployFixtures, expectCamundaError, expectCamundaJson, modelerForm } from './camunda-repo-helpers';

const MALFORMED = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Broken" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="camunda-repo-broken" isExecutable="true">
    <bpmn:startEvent id="Start">
  </bpmn:process>
</bpmn:definitions>`;

/** Upstream's ProblemDto spells this property with a Cyrillic 'е' (U+0435). */
const ELEMENT_IDS = '\u0435lementIds';

/** The refusals of POST /engine-rest/deployment/create (contract §4.1), each leaving nothing stored. */
describe('Camunda 7 POST /deployment/create refusals', () => {
  let server: TestServer;
  const create = (form: FormData) => server.post('/engine-rest/deployment/create', form);
  const deploymentCount = async () => expectCamundaJson(await server.get('/engine-rest/deployment/count'), 200).count;
  let before: number;

  beforeAll(async () => {
    server = await TestServer.start();
    await deployFixtures(server, ['camunda-repo-message-start.bpmn']);
  });
  beforeEach(async () => {
    before = await deploymentCount();
  });
  afterEach(async () => {
    expect(await deploymentCount()).toBe(before);
  });
  afterAll(() => server.close());

  it('refuses a form without resources', async () => {
    const form = new FormData();
    form.append('deployment-name', 'empty');
    form.append('enable-duplicate-filtering', 'true');
    expectCamundaError(await create(form), 400, { type: 'InvalidRequestException', message: 'No deployment resources contained in the form upload.', code: null });
  });

  it("refuses a non-reserved part without file name, printing the missing file name as 'null'", async () => {
    const form = modelerForm({ 'ok.bpmn': fixture('camunda-repo-instant.bpmn') }, { name: 'text-part' });
    form.append('diagram', fixture('camunda-repo-instant.bpmn'));
    expectCamundaError(await create(form), 400, {
      type: 'InvalidRequestException',
      message: "No file name found in the deployment resource described by form parameter 'null'.",
      code: null,
    });
  });

  it('refuses a body that is not multipart with 415', async () => {
    expectCamundaError(await server.post('/engine-rest/deployment/create', { 'deployment-name': 'json' }), 415, {
      type: 'NotSupportedException',
      message: 'HTTP 415 Unsupported Media Type',
      code: null,
    });
  });

  it('answers malformed XML with a ParseException whose message starts as Modeler expects', async () => {
    const result = await create(modelerForm({ 'broken.bpmn': MALFORMED }, { name: 'broken' }));
    expect(result.status).toBe(400);
    expect(result.headers.get('content-type')).toBe('application/json');
    expect(Object.keys(result.body)).toEqual(['type', 'message', 'code', 'details']);
    expect(result.body).toEqual({
      type: 'ParseException',
      message: expect.stringMatching(/^ENGINE-09005 Could not parse BPMN process\. Errors: \n\* .+ \| resource broken\.bpmn/),
      code: 0,
      details: { 'broken.bpmn': { errors: [expect.any(Object)], warnings: [] } },
    });
    const [problem] = result.body.details['broken.bpmn'].errors;
    expect(Object.keys(problem)).toEqual(['message', 'line', 'column', 'mainElementId', ELEMENT_IDS]);
    expect(problem).toEqual({ message: expect.any(String), line: expect.any(Number), column: expect.any(Number), mainElementId: null, [ELEMENT_IDS]: [] });
    expect(result.body.message).toBe(`ENGINE-09005 Could not parse BPMN process. Errors: \n* ${problem.message} | resource broken.bpmn${problem.line > 0 ? ` | line ${problem.line}` : ''}${problem.column > 0 ? ` | column ${problem.column}` : ''}`);
  });

  it('names the element the engine cannot execute in mainElementId and еlementIds', async () => {
    const result = await create(modelerForm({ 'good.bpmn': fixture('camunda-repo-instant.bpmn'), 'script.bpmn': fixture('camunda-repo-unsupported.bpmn') }, { name: 'script' }));
    expect(result.status).toBe(400);
    expect(result.headers.get('content-type')).toBe('application/json');
    expect(result.body.type).toBe('ParseException');
    expect(result.body.code).toBe(0);
    // Only the failing resource is reported, as upstream's deployer stops at the first one.
    expect(Object.keys(result.body.details)).toEqual(['script.bpmn']);
    expect(result.body.details['script.bpmn'].errors).toContainEqual({
      message: expect.stringContaining('ScriptTask'),
      line: 0,
      column: 0,
      mainElementId: 'ComputeTotal',
      [ELEMENT_IDS]: ['ComputeTotal'],
    });
    expect(result.body.message).toContain(' | resource script.bpmn');
    // The good resource was not deployed either.
    expect(expectCamundaJson(await server.get('/engine-rest/process-definition/count?key=camunda-repo-instant'), 200)).toEqual({ count: 0 });
  });

  it('answers a start message another process key already owns with ENGINE-01011 as a 500 ProcessEngineException', async () => {
    const copy = fixture('camunda-repo-message-start.bpmn').replace('id="camunda-repo-message-start"', 'id="camunda-repo-message-copy"');
    expectCamundaError(await create(modelerForm({ 'copy.bpmn': copy }, { name: 'copy' })), 500, {
      type: 'ProcessEngineException',
      message: "ENGINE-01011 Cannot deploy process definition 'copy.bpmn': there already is a message event subscription for the message with name 'camunda-repo-ordered'.",
      code: 0,
    });
  });
});
