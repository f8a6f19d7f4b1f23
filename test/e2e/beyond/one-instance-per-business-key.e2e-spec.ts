import { TestServer, fixture } from '../helpers/test-server';
import { expectJson, expectNativeError } from '../native/native-api';
import { camundaNoMatch, completeTask, runningWithBusinessKey, unique, waitUntilAt } from './beyond-kit';

/**
 * One running instance per business key, a per-model deployment option (issue 7, item 4): a message start
 * for a business key with a running instance of the model starts nothing (409 native, Camunda's no-match
 * 400 on the Camunda route); once that instance ended, a new one may start. Other models are unaffected.
 */
describe('beyond Camunda: one instance per business key', () => {
  let server: TestServer;

  const message = (messageName: string, businessKey?: string, extra: Record<string, unknown> = {}) =>
    server.post('/messages', { messageName, ...(businessKey === undefined ? {} : { businessKey }), ...extra });

  /** Running instances of a model with a business key, as ids. */
  const running = async (businessKey: string, key = 'beyond-single') => (await runningWithBusinessKey(server, businessKey, key)).map((i) => i.id as string);

  beforeAll(async () => {
    server = await TestServer.start();
    const single = expectJson(await server.post('/process_models', { xml: fixture('beyond-single.bpmn'), name: 'beyond-single', oneInstancePerBusinessKey: true }), 201);
    expect(single.models).toEqual([expect.objectContaining({ key: 'beyond-single', oneInstancePerBusinessKey: true })]);
    const multi = expectJson(await server.deployFixture('beyond-multi.bpmn'), 201);
    expect(multi.models).toEqual([expect.objectContaining({ key: 'beyond-multi', oneInstancePerBusinessKey: false })]);

    // The same model for tenant acme, deployed as a multipart upload with the option as a form field.
    const form = new FormData();
    form.append('file', new Blob([fixture('beyond-single.bpmn')], { type: 'application/xml' }), 'beyond-single.bpmn');
    form.append('tenantId', 'acme');
    form.append('oneInstancePerBusinessKey', 'true');
    const upload = expectJson(await server.post('/process_models', form), 201);
    expect(upload.models).toEqual([expect.objectContaining({ key: 'beyond-single', tenantId: 'acme', oneInstancePerBusinessKey: true })]);
  });
  afterAll(() => server.close());

  it('refuses a second message start for a running business key: 409 on /messages, Camunda\'s 400 on /engine-rest/message', async () => {
    const businessKey = unique('order');
    const first = expectJson(await message('BeyondSingleOrder', businessKey, { withoutTenantId: true }), 200);
    expect(first.correlated).toEqual([expect.objectContaining({ resultType: 'ProcessDefinition', eventKey: 'Received' })]);
    const pid = first.correlated[0].processInstanceId as string;
    await waitUntilAt(server, pid, ['Work']);

    const second = expectNativeError(await message('BeyondSingleOrder', businessKey, { withoutTenantId: true }), 409, 'CONFLICT');
    expect(second.type).toBe('ConflictError');
    expect(second.message).toContain(businessKey);

    const camunda = await server.post('/engine-rest/message', { messageName: 'BeyondSingleOrder', businessKey, withoutTenantId: true, resultEnabled: true });
    expect({ status: camunda.status, body: camunda.body }).toEqual({ status: 400, body: camundaNoMatch('BeyondSingleOrder') });

    // The native start route refuses too.
    expectNativeError(await server.post('/process_models/beyond-single/start', { businessKey }), 409, 'CONFLICT');
    expect(await running(businessKey)).toEqual([pid]);

    // Other business keys, and instances without one, are not limited.
    const other = expectJson(await message('BeyondSingleOrder', unique('order'), { withoutTenantId: true }), 200);
    expect(other.correlated).toHaveLength(1);
    for (let i = 0; i < 2; i++) expectJson(await server.post('/process_models/beyond-single/start', {}), 201);
    expect(expectJson(await message('BeyondSingleOrder', undefined, { withoutTenantId: true }), 200).correlated).toHaveLength(1);
  });

  it('starts a new instance once the running one has ended (completed or cancelled)', async () => {
    const businessKey = unique('again');
    const first = expectJson(await message('BeyondSingleOrder', businessKey, { withoutTenantId: true }), 200).correlated[0].processInstanceId as string;
    await completeTask(server, first, 'Work');
    await waitUntilAt(server, first, []);
    expect(expectJson(await server.get(`/process_instances/${first}`), 200).state).toBe('completed');

    const second = expectJson(await message('BeyondSingleOrder', businessKey, { withoutTenantId: true }), 200).correlated[0].processInstanceId as string;
    expect(second).not.toBe(first);
    expectNativeError(await message('BeyondSingleOrder', businessKey, { withoutTenantId: true }), 409, 'CONFLICT');
    expect((await server.delete(`/process_instances/${second}`)).status).toBe(204);

    const third = expectJson(await server.post('/process_models/beyond-single/start', { businessKey }), 201).processInstanceId;
    expect(await running(businessKey)).toEqual([third]);
  });

  it('counts running instances per tenant of the model', async () => {
    const businessKey = unique('tenant');
    expectJson(await message('BeyondSingleOrder', businessKey, { withoutTenantId: true }), 200);
    const acme = expectJson(await message('BeyondSingleOrder', businessKey, { tenantId: 'acme' }), 200);
    expect(acme.correlated).toHaveLength(1);
    expectNativeError(await message('BeyondSingleOrder', businessKey, { tenantId: 'acme' }), 409, 'CONFLICT');
    expect(await running(businessKey)).toHaveLength(2);
  });

  it('of concurrent message starts for one business key exactly one starts an instance', async () => {
    const businessKey = unique('race');
    const answers = await Promise.all(Array.from({ length: 10 }, () => message('BeyondSingleOrder', businessKey, { withoutTenantId: true })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect(await running(businessKey)).toHaveLength(1);
  });

  it('models deployed without the option start an instance per message, business key or not', async () => {
    const businessKey = unique('multi');
    for (let i = 0; i < 3; i++) expectJson(await message('BeyondMultiOrder', businessKey), 200);
    expect(await server.post('/engine-rest/message', { messageName: 'BeyondMultiOrder', businessKey })).toMatchObject({ status: 204 });
    expect(await running(businessKey, 'beyond-multi')).toHaveLength(4);
    expectJson(await server.post('/process_models/beyond-multi/start', { businessKey }), 201);
    expect(await running(businessKey, 'beyond-multi')).toHaveLength(5);
  });

  it('an explain of a refused start shows the start event as a match; the answer of the start itself is the 409', async () => {
    const businessKey = unique('explain');
    expectJson(await message('BeyondSingleOrder', businessKey, { withoutTenantId: true }), 200);
    const explained = expectJson(await server.post('/messages/explain', { messageName: 'BeyondSingleOrder', businessKey, withoutTenantId: true }), 200);
    expect(explained.matches).toEqual([expect.objectContaining({ resultType: 'ProcessDefinition', eventKey: 'Received', processModelKey: 'beyond-single' })]);
    expectNativeError(await message('BeyondSingleOrder', businessKey, { withoutTenantId: true }), 409, 'CONFLICT');
  });
});
