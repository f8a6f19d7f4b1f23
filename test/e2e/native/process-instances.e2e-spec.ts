import { TestServer, eventually } from '../helpers/test-server';
import { UNKNOWN_ID, expectJson, expectNativeError, instanceInState, openTasks, start } from './native-api';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('native API: process instances', () => {
  let server: TestServer;
  let definitionId: string;

  beforeAll(async () => {
    server = await TestServer.start();
    definitionId = expectJson(await server.deployFixture('native-parallel-wait.bpmn'), 201).models[0].processDefinitionId;
    expectJson(await server.deployFixture('native-approval.bpmn'), 201);
    expectJson(await server.deployFixture('order-process.bpmn'), 201);
  });
  afterAll(() => server.close());

  async function instance(id: string): Promise<any> {
    return expectJson(await server.get(`/process_instances/${id}`), 200);
  }

  it('shows a running instance with active elements and token counts, waiting events and open tasks', async () => {
    const { processInstanceId, correlationId } = await start(server, 'native-parallel-wait', { correlationId: 'pi-1', businessKey: 'bk-pi-1' });
    const tasks = await openTasks(server, processInstanceId, 3);

    const detail = await eventually(async () => {
      const current = await instance(processInstanceId);
      expect(current.waitingEvents).toHaveLength(3);
      return current;
    });
    expect(detail).toEqual({
      processInstanceId,
      processModelKey: 'native-parallel-wait',
      processModelVersion: 1,
      processDefinitionId: definitionId,
      correlationId,
      businessKey: 'bk-pi-1',
      tenantId: null,
      state: 'running',
      startedAt: expect.stringMatching(ISO),
      endedAt: null,
      activeElements: [
        { elementId: 'AwaitDocs', count: 1 },
        { elementId: 'Check', count: 2 },
        { elementId: 'GoSignal', count: 1 },
        { elementId: 'Review', count: 1 },
      ],
      waitingEvents: expect.any(Array),
      openTasks: expect.any(Array),
      incidents: [],
    });
    const events = [...detail.waitingEvents].sort((a: any, b: any) => a.eventKey.localeCompare(b.eventKey));
    expect(events).toEqual([
      { eventId: expect.stringMatching(UUID), eventKey: 'AwaitDocs', eventType: 'receiveTask', eventName: 'NativeDocsArrived', processInstanceId, createdAt: expect.stringMatching(ISO) },
      {
        eventId: expect.stringMatching(UUID),
        eventKey: 'Escalated',
        eventType: 'boundaryEvent',
        eventName: 'NativeEscalate',
        processInstanceId,
        interrupting: true,
        createdAt: expect.stringMatching(ISO),
      },
      { eventId: expect.stringMatching(UUID), eventKey: 'GoSignal', eventType: 'intermediateCatchEvent', eventName: 'NativeGo', processInstanceId, createdAt: expect.stringMatching(ISO) },
    ]);
    expect(new Set(events.map((e: any) => e.eventId)).size).toBe(3);

    expect([...detail.openTasks].sort((a: any, b: any) => a.taskId.localeCompare(b.taskId))).toEqual(
      tasks.map((t) => ({ taskId: t.id, elementId: t.elementId, name: t.name })).sort((a, b) => a.taskId.localeCompare(b.taskId)),
    );
    expect(detail.openTasks.map((t: any) => t.elementId).sort()).toEqual(['Check', 'Check', 'Review']);
  });

  it('lists event-subprocess start events as waiting startEvents with their interrupting flag', async () => {
    const { processInstanceId } = await start(server, 'order-process', { correlationId: 'pi-order' });
    await openTasks(server, processInstanceId, 1, 'ReviewOrder');
    const detail = await eventually(async () => {
      const current = await instance(processInstanceId);
      expect(current.waitingEvents).toHaveLength(2);
      return current;
    });
    expect(detail.activeElements).toEqual([{ elementId: 'ReviewOrder', count: 1 }]);
    const events = [...detail.waitingEvents].sort((a: any, b: any) => a.eventKey.localeCompare(b.eventKey));
    expect(events).toEqual([
      expect.objectContaining({ eventKey: 'InformationRequested', eventType: 'startEvent', eventName: 'InformationRequested', interrupting: false }),
      expect.objectContaining({ eventKey: 'OrderCancelled', eventType: 'startEvent', eventName: 'OrderCancelled', interrupting: true }),
    ]);
    expect(detail.openTasks).toEqual([{ taskId: expect.any(String), elementId: 'ReviewOrder', name: 'Review order' }]);
  });

  it('cancels a running instance with DELETE: 204, then its tasks and waiting events are gone and it is terminated', async () => {
    const { processInstanceId } = await start(server, 'native-parallel-wait', { correlationId: 'pi-cancel', payload: { keep: 'me' } });
    const tasks = await openTasks(server, processInstanceId, 3);
    await eventually(async () => expect((await instance(processInstanceId)).waitingEvents).toHaveLength(3));

    const cancelled = await server.delete(`/process_instances/${processInstanceId}`);
    expect(cancelled.status).toBe(204);
    expect(cancelled.text).toBe('');

    const detail = await instance(processInstanceId);
    expect(detail).toMatchObject({ state: 'terminated', endedAt: expect.stringMatching(ISO), activeElements: [], waitingEvents: [], openTasks: [] });
    expect(expectJson(await server.get(`/tasks?processInstanceId=${processInstanceId}`), 200)).toEqual({ total: 0, items: [] });
    for (const task of tasks) {
      expectNativeError(await server.get(`/tasks/${task.id}`), 404, 'TASK_NOT_FOUND');
      expectNativeError(await server.post(`/tasks/${task.id}/complete`, {}), 404, 'TASK_NOT_FOUND');
    }
    expect(expectJson(await server.get('/correlations/pi-cancel'), 200).state).toBe('terminated');
    // The variables stay readable after the end.
    expect(expectJson(await server.get(`/process_instances/${processInstanceId}/variables`), 200)).toEqual({
      keep: { value: 'me', type: 'String', valueInfo: {} },
    });

    // Nothing wakes up later.
    await new Promise((r) => setTimeout(r, 150));
    expect(await instance(processInstanceId)).toMatchObject({ state: 'terminated', activeElements: [], waitingEvents: [], openTasks: [] });

    expectNativeError(await server.delete(`/process_instances/${processInstanceId}`), 409, 'INSTANCE_NOT_RUNNING');
  });

  it('cancels an instance whose start has not been continued yet, and nothing runs afterwards', async () => {
    const { processInstanceId } = await start(server, 'native-approval');
    expect((await server.delete(`/process_instances/${processInstanceId}`)).status).toBe(204);
    await new Promise((r) => setTimeout(r, 200));
    expect(await instance(processInstanceId)).toMatchObject({ state: 'terminated', activeElements: [], openTasks: [] });
    expect(expectJson(await server.get(`/tasks?processInstanceId=${processInstanceId}`), 200).total).toBe(0);
  });

  it('refuses to cancel a completed instance with 409', async () => {
    const { processInstanceId } = await start(server, 'native-approval');
    for (const element of ['Approve', 'Archive']) {
      const [task] = await openTasks(server, processInstanceId, 1, element);
      expect((await server.post(`/tasks/${task.id}/complete`, {})).status).toBe(204);
    }
    const done = await instanceInState(server, processInstanceId, 'completed');
    expect(done).toMatchObject({ endedAt: expect.stringMatching(ISO), activeElements: [], waitingEvents: [], openTasks: [] });
    expectNativeError(await server.delete(`/process_instances/${processInstanceId}`), 409, 'INSTANCE_NOT_RUNNING');
    expect((await instance(processInstanceId)).state).toBe('completed');
  });

  it('answers 404 INSTANCE_NOT_FOUND for an unknown instance on GET, variables and DELETE', async () => {
    expectNativeError(await server.get(`/process_instances/${UNKNOWN_ID}`), 404, 'INSTANCE_NOT_FOUND');
    expectNativeError(await server.get(`/process_instances/${UNKNOWN_ID}/variables`), 404, 'INSTANCE_NOT_FOUND');
    expectNativeError(await server.delete(`/process_instances/${UNKNOWN_ID}`), 404, 'INSTANCE_NOT_FOUND');
    expectNativeError(await server.get('/process_instances/not-a-uuid'), 404, 'INSTANCE_NOT_FOUND');
  });
});
