import { TestServer, eventually } from '../helpers/test-server';
import { UNKNOWN_ID, expectJson, expectNativeError, instanceInState, openTasks, start } from './native-api';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('native API: user tasks', () => {
  let server: TestServer;
  let approvalA: string;
  let approvalB: string;
  let parallel: string;

  beforeAll(async () => {
    server = await TestServer.start();
    expectJson(await server.deployFixture('native-approval.bpmn'), 201);
    expectJson(await server.deployFixture('native-parallel-wait.bpmn'), 201);
    approvalA = (await start(server, 'native-approval', { correlationId: 'case-A', businessKey: 'bk-A' })).processInstanceId;
    approvalB = (await start(server, 'native-approval', { correlationId: 'case-B' })).processInstanceId;
    parallel = (await start(server, 'native-parallel-wait', { correlationId: 'case-A' })).processInstanceId;
    await openTasks(server, approvalA, 1);
    await openTasks(server, approvalB, 1);
    await openTasks(server, parallel, 3);
  });
  afterAll(() => server.close());

  async function list(query = ''): Promise<{ total: number; items: any[] }> {
    return expectJson(await server.get(`/tasks${query ? `?${query}` : ''}`), 200);
  }

  it('lists all open tasks with their fields', async () => {
    const page = await list();
    expect(page.total).toBe(5);
    expect(page.items).toHaveLength(5);
    const approve = page.items.find((t) => t.processInstanceId === approvalA);
    expect(approve).toEqual({
      id: expect.any(String),
      elementId: 'Approve',
      name: 'Approve request',
      processInstanceId: approvalA,
      correlationId: 'case-A',
      processModelKey: 'native-approval',
      businessKey: 'bk-A',
      tenantId: null,
      assignee: null,
      candidateGroups: 'managers',
      candidateUsers: null,
      formKey: null,
      priority: expect.any(Number),
      createdAt: expect.stringMatching(ISO),
    });
  });

  it('filters by processInstanceId, correlationId, processModelKey and elementId', async () => {
    const byInstance = await list(`processInstanceId=${approvalA}`);
    expect(byInstance.total).toBe(1);
    expect(byInstance.items.map((t) => t.elementId)).toEqual(['Approve']);

    const byCorrelation = await list('correlationId=case-A');
    expect(byCorrelation.total).toBe(4);
    expect(byCorrelation.items.every((t) => t.correlationId === 'case-A')).toBe(true);
    expect(byCorrelation.items.map((t) => t.elementId).sort()).toEqual(['Approve', 'Check', 'Check', 'Review']);

    const byModel = await list('processModelKey=native-parallel-wait');
    expect(byModel.total).toBe(3);
    expect(byModel.items.every((t) => t.processModelKey === 'native-parallel-wait' && t.processInstanceId === parallel)).toBe(true);

    const byElement = await list('elementId=Approve');
    expect(byElement.total).toBe(2);
    expect(byElement.items.map((t) => t.processInstanceId).sort()).toEqual([approvalA, approvalB].sort());

    const combined = await list('processModelKey=native-approval&correlationId=case-B');
    expect(combined.items.map((t) => t.processInstanceId)).toEqual([approvalB]);
    expect(combined.total).toBe(1);

    expect(await list('elementId=NoSuchElement')).toEqual({ total: 0, items: [] });
    expect(await list(`processInstanceId=${UNKNOWN_ID}`)).toEqual({ total: 0, items: [] });
  });

  it('pages with offset and limit; total counts all matches', async () => {
    const all = (await list()).items.map((t) => t.id);
    const pages = [await list('offset=0&limit=2'), await list('offset=2&limit=2'), await list('offset=4&limit=2')];
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((p) => p.items.map((t) => t.id))).toEqual(all);
    expect(await list('offset=5&limit=2')).toEqual({ total: 5, items: [] });

    const filteredPage = await list('correlationId=case-A&limit=1&offset=1');
    expect(filteredPage.total).toBe(4);
    expect(filteredPage.items).toHaveLength(1);
    expect(filteredPage.items[0].correlationId).toBe('case-A');
  });

  it('refuses invalid paging parameters with 400', async () => {
    for (const query of ['limit=0', 'limit=1001', 'offset=-1', 'limit=abc']) {
      expectNativeError(await server.get(`/tasks?${query}`), 400, 'VALIDATION_ERROR');
    }
  });

  it('gets one task by id, identical to its list entry', async () => {
    const [listed] = (await list(`processInstanceId=${approvalB}`)).items;
    expect(expectJson(await server.get(`/tasks/${listed.id}`), 200)).toEqual(listed);
  });

  it('answers 404 TASK_NOT_FOUND for an unknown task on get and on complete', async () => {
    expectNativeError(await server.get(`/tasks/${UNKNOWN_ID}`), 404, 'TASK_NOT_FOUND');
    expectNativeError(await server.post(`/tasks/${UNKNOWN_ID}/complete`, { payload: { a: 1 } }), 404, 'TASK_NOT_FOUND');
    expectNativeError(await server.post('/tasks/not-a-uuid/complete', {}), 404, 'TASK_NOT_FOUND');
  });

  it('completes a task with a payload; the token moves on; completing it again is 404', async () => {
    const [approve] = await openTasks(server, approvalA, 1);
    const completed = await server.post(`/tasks/${approve.id}/complete`, { payload: { approved: true, comment: 'looks good', score: 9 } });
    expect(completed.status).toBe(204);
    expect(completed.text).toBe('');

    const [archive] = await eventually(async () => {
      const tasks = await openTasks(server, approvalA, 1);
      expect(tasks[0].elementId).toBe('Archive');
      return tasks;
    });
    expect(archive.id).not.toBe(approve.id);
    expect(expectJson(await server.get(`/process_instances/${approvalA}/variables`), 200)).toEqual({
      approved: { value: true, type: 'Boolean', valueInfo: {} },
      comment: { value: 'looks good', type: 'String', valueInfo: {} },
      score: { value: 9, type: 'Integer', valueInfo: {} },
    });

    expectNativeError(await server.get(`/tasks/${approve.id}`), 404, 'TASK_NOT_FOUND');
    expectNativeError(await server.post(`/tasks/${approve.id}/complete`, { payload: { approved: false } }), 404, 'TASK_NOT_FOUND');
    // The second completion changed nothing.
    expect(expectJson(await server.get(`/process_instances/${approvalA}/variables`), 200).approved.value).toBe(true);
  });

  it('completes a task with typed variables and the instance ends', async () => {
    const [archive] = await openTasks(server, approvalA, 1, 'Archive');
    const completed = await server.post(`/tasks/${archive.id}/complete`, {
      variables: {
        archivedAt: { value: '2024-06-01T08:00:00.000+0000', type: 'Date' },
        box: { value: 12, type: 'Long' },
        score: { value: 9.5, type: 'Double' },
      },
    });
    expect(completed.status).toBe(204);
    const instance = await instanceInState(server, approvalA, 'completed');
    expect(instance.openTasks).toEqual([]);
    const variables = expectJson(await server.get(`/process_instances/${approvalA}/variables`), 200);
    expect(variables).toMatchObject({
      archivedAt: { value: '2024-06-01T08:00:00.000+0000', type: 'Date', valueInfo: {} },
      box: { value: 12, type: 'Long', valueInfo: {} },
      score: { value: 9.5, type: 'Double', valueInfo: {} },
      approved: { value: true, type: 'Boolean', valueInfo: {} },
    });
  });

  it('refuses payload and variables together, and invalid typed values, leaving the task open', async () => {
    const [approve] = await openTasks(server, approvalB, 1);
    expectNativeError(
      await server.post(`/tasks/${approve.id}/complete`, { payload: { a: 1 }, variables: { b: { value: 1, type: 'Integer' } } }),
      400,
      'VALIDATION_ERROR',
    );
    expectNativeError(await server.post(`/tasks/${approve.id}/complete`, { variables: { a: { value: 'abc', type: 'Integer' } } }), 400, 'INVALID_VARIABLE');
    expectNativeError(
      await server.post(`/tasks/${approve.id}/complete`, '{"payload":', { 'content-type': 'application/json' }),
      400,
      'INVALID_JSON',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(expectJson(await server.get(`/tasks/${approve.id}`), 200).id).toBe(approve.id);
    expect(expectJson(await server.get(`/process_instances/${approvalB}/variables`), 200)).toEqual({});
  });

  it('keeps completion variables whose names are also Object.prototype members', async () => {
    const { processInstanceId } = await start(server, 'native-approval', { correlationId: 'case-proto' });
    const [task] = await openTasks(server, processInstanceId, 1);
    const body = '{"payload": {"constructor": "c", "toString": "t", "valueOf": 1, "note": "n"}}';
    expect((await server.post(`/tasks/${task.id}/complete`, body, { 'content-type': 'application/json' })).status).toBe(204);
    await openTasks(server, processInstanceId, 1, 'Archive');
    const variables = expectJson(await server.get(`/process_instances/${processInstanceId}/variables`), 200);
    expect(Object.keys(variables).sort()).toEqual(['constructor', 'note', 'toString', 'valueOf']);
    expect(variables.constructor).toEqual({ value: 'c', type: 'String', valueInfo: {} });
  });

  it('completes a task with an empty JSON body and with no body at all', async () => {
    const checks = await openTasks(server, parallel, 2, 'Check');
    expect((await server.post(`/tasks/${checks[0].id}/complete`, '', { 'content-type': 'application/json' })).status).toBe(204);
    const noBody = await server.post(`/tasks/${checks[1].id}/complete`);
    expect({ status: noBody.status, text: noBody.text }).toEqual({ status: 204, text: '' });
    await openTasks(server, parallel, 0, 'Check');
    expect(expectJson(await server.get(`/process_instances/${parallel}`), 200).state).toBe('running');
  });
});
