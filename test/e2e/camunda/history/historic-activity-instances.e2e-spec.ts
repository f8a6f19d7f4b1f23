import { TestServer, eventually } from '../../helpers/test-server';
import {
  CAMUNDA_DATE,
  RETENTION_MS,
  Scenario,
  UNKNOWN_ID,
  completeTask,
  deliver,
  epochOf,
  expectCamundaError,
  expectJson,
  queryDate,
  runOrderingTutorial,
  sortedBy,
  waitAt,
  waitEnded,
} from './history-kit';

const BASE = '/engine-rest/history/activity-instance';

/** What each activity instance of an instance is, compactly: where it sits (parent, execution by activity id) and how it ended. */
function outline(list: any[], processInstanceId: string): string[][] {
  const activityOf = (id: string) => (id === processInstanceId ? 'process' : (list.find((a) => a.id === id)?.activityId ?? `?${id}`));
  return list.map((a) => [
    a.activityId,
    a.activityType,
    activityOf(a.parentActivityInstanceId),
    activityOf(a.executionId),
    a.endTime === null ? 'active' : a.canceled ? 'canceled' : a.completeScope ? 'completeScope' : 'completed',
  ]);
}

/**
 * Camunda 7 GET /history/activity-instance, /count and /{id}: the ordering tutorial run to completion and
 * through its cancellations, and two models covering the other activity types.
 */
describe('Camunda 7 historic activity instances', () => {
  let server: TestServer;
  let s: Scenario;
  let paths: string;
  let pathsReviewTask: string;
  let aborted: string;
  let escalated: string;
  let all: any[];

  beforeAll(async () => {
    server = await TestServer.start();
    s = await runOrderingTutorial(server);
    expect((await server.deployFixture('hist-paths.bpmn')).status).toBe(201);
    expect((await server.deployFixture('hist-escalation.bpmn')).status).toBe(201);

    const start = async (key: string, variables: Record<string, unknown> = {}) => {
      const started = await server.post(`/process_models/${key}/start`, { variables });
      expect(started.status).toBe(201);
      return started.body.processInstanceId as string;
    };
    paths = await start('hist-paths', { skip: { value: false, type: 'Boolean' } });
    pathsReviewTask = await completeTask(server, paths, 'Approve');
    await deliver(server, paths, 'hist-pay', 'Choose');
    await deliver(server, paths, 'hist-ship', 'Ship');
    await waitEnded(server, paths);

    aborted = await start('hist-paths', { skip: { value: false, type: 'Boolean' } });
    await completeTask(server, aborted, 'Approve');
    await deliver(server, aborted, 'hist-abort', 'Choose');
    await waitEnded(server, aborted);

    escalated = await start('hist-escalation');
    await waitAt(server, escalated, 'Work');
    await deliver(server, escalated, 'hist-escalate', 'Review');
    await waitEnded(server, escalated);

    all = expectJson(await server.get(BASE), 200);
  });
  afterAll(() => server.close());

  async function list(query: string): Promise<any[]> {
    const found = expectJson(await server.get(`${BASE}?${query}`), 200) as any[];
    expect(expectJson(await server.get(`${BASE}/count?${query}`), 200)).toEqual({ count: found.length });
    return found;
  }

  const of = (processInstanceId: string) => all.filter((a) => a.processInstanceId === processInstanceId);

  it('lists the activity instances of the completed tutorial in the order they started, with Camunda types', async () => {
    const activities = await list(`processInstanceId=${s.shipped}`);
    expect(outline(activities, s.shipped)).toEqual([
      ['OrderPlaced', 'messageStartEvent', 'process', 'process', 'completed'],
      ['ReviewOrder', 'userTask', 'process', 'process', 'completed'],
      ['PaymentReceived', 'intermediateMessageCatch', 'process', 'process', 'completed'],
      ['ShipOrder', 'userTask', 'process', 'process', 'completed'],
      ['OrderShipped', 'noneEndEvent', 'process', 'process', 'completeScope'],
    ]);
    const definitionId = expectJson(await server.get(`/engine-rest/history/process-instance/${s.shipped}`), 200).processDefinitionId;
    const review = activities[1];
    expect(review).toEqual({
      id: expect.any(String),
      parentActivityInstanceId: s.shipped,
      activityId: 'ReviewOrder',
      activityName: 'Review order',
      activityType: 'userTask',
      processDefinitionKey: 'order-process',
      processDefinitionId: definitionId,
      processInstanceId: s.shipped,
      executionId: s.shipped,
      taskId: s.shippedReviewTask,
      calledProcessInstanceId: null,
      calledCaseInstanceId: null,
      assignee: null,
      startTime: expect.stringMatching(CAMUNDA_DATE),
      endTime: expect.stringMatching(CAMUNDA_DATE),
      durationInMillis: expect.any(Number),
      canceled: false,
      completeScope: false,
      tenantId: null,
      removalTime: expect.stringMatching(CAMUNDA_DATE),
      rootProcessInstanceId: s.shipped,
    });
    expect(review.durationInMillis).toBe(epochOf(review.endTime) - epochOf(review.startTime));
    const instance = expectJson(await server.get(`/engine-rest/history/process-instance/${s.shipped}`), 200);
    expect(review.removalTime).toBe(instance.removalTime);
    expect(epochOf(review.removalTime)).toBe(epochOf(instance.endTime) + RETENTION_MS);
    expect(activities[3].taskId).toBe(s.shippedShipTask);
    expect(activities.filter((a) => a.activityType !== 'userTask').every((a) => a.taskId === null)).toBe(true);
  });

  it('shows the cancellation path: the review cancelled, the event subprocess and its subprocess as executions', async () => {
    const activities = await list(`processInstanceId=${s.cancelled}`);
    expect(outline(activities, s.cancelled)).toEqual([
      ['OrderPlaced', 'messageStartEvent', 'process', 'process', 'completed'],
      ['ReviewOrder', 'userTask', 'process', 'process', 'canceled'],
      ['Cancellation', 'subProcess', 'process', 'Cancellation', 'completeScope'],
      ['OrderCancelled', 'messageStartEvent', 'Cancellation', 'Cancellation', 'completed'],
      ['CancelOrder', 'subProcess', 'Cancellation', 'CancelOrder', 'completed'],
      ['CancellationStarted', 'startEvent', 'CancelOrder', 'CancelOrder', 'completed'],
      ['DeleteOrder', 'userTask', 'CancelOrder', 'CancelOrder', 'completed'],
      ['CancellationDone', 'noneEndEvent', 'CancelOrder', 'CancelOrder', 'completeScope'],
      ['OrderCancelledEnd', 'noneEndEvent', 'Cancellation', 'Cancellation', 'completeScope'],
    ]);
    expect(activities.find((a) => a.activityId === 'DeleteOrder').taskId).toBe(s.cancelledDeleteTask);
    // The cancelled review had a task too.
    expect(activities.find((a) => a.activityId === 'ReviewOrder').taskId).toEqual(expect.any(String));
  });

  it('shows an instance cancelled through the API with its open activity cancelled', async () => {
    expect(outline(await list(`processInstanceId=${s.deleted}`), s.deleted)).toEqual([
      ['OrderPlaced', 'messageStartEvent', 'process', 'process', 'completed'],
      ['ReviewOrder', 'userTask', 'process', 'process', 'canceled'],
    ]);
  });

  it('shows a running activity without end, duration or removal time, with its tenant', async () => {
    const [, review] = await list(`processInstanceId=${s.tenantRunning}`);
    expect(review).toMatchObject({ activityId: 'ReviewOrder', endTime: null, durationInMillis: null, canceled: false, completeScope: false, removalTime: null, tenantId: 'acme' });
    expect(review.taskId).toEqual(expect.any(String));
  });

  it('names the other activity types as Camunda does', async () => {
    expect(outline(of(paths), paths)).toEqual([
      ['Start', 'startEvent', 'process', 'process', 'completed'],
      ['Prepare', 'manualTask', 'process', 'process', 'completed'],
      ['Check', 'task', 'process', 'process', 'completed'],
      ['Announce', 'intermediateNoneThrowEvent', 'process', 'process', 'completed'],
      ['Route', 'exclusiveGateway', 'process', 'process', 'completed'],
      ['Split', 'parallelGateway', 'process', 'process', 'completed'],
      ['Approve', 'userTask', 'process', 'process', 'completed'],
      ['Inner', 'subProcess', 'process', 'Inner', 'canceled'],
      ['InnerStart', 'startEvent', 'Inner', 'Inner', 'completed'],
      ['Fail', 'errorEndEvent', 'Inner', 'Inner', 'canceled'],
      ['InnerFailed', 'boundaryError', 'process', 'process', 'completed'],
      ['Join', 'parallelGateway', 'process', 'process', 'completed'],
      ['Choose', 'eventBasedGateway', 'process', 'process', 'completed'],
      ['Pay', 'intermediateMessageCatch', 'process', 'process', 'completed'],
      ['Ship', 'receiveTask', 'process', 'process', 'completed'],
      ['Done', 'noneEndEvent', 'process', 'process', 'completeScope'],
    ]);
    expect(of(paths).find((a) => a.activityId === 'Approve')).toMatchObject({ assignee: 'demo', taskId: pathsReviewTask });
    expect(outline(of(aborted), aborted).slice(-2)).toEqual([
      ['Abort', 'intermediateMessageCatch', 'process', 'process', 'completed'],
      ['Stop', 'terminateEndEvent', 'process', 'process', 'completeScope'],
    ]);
    expect(outline(of(escalated), escalated)).toEqual([
      ['Start', 'startEvent', 'process', 'process', 'completed'],
      ['Fork', 'parallelGateway', 'process', 'process', 'completed'],
      ['Work', 'serviceTask', 'process', 'process', 'canceled'],
      ['Review', 'userTask', 'process', 'process', 'canceled'],
      ['Escalated', 'boundaryMessage', 'process', 'process', 'completed'],
      ['Halt', 'terminateEndEvent', 'process', 'process', 'completeScope'],
    ]);
    // An external task is no user task: Camunda records no task id for it.
    expect(of(escalated).find((a) => a.activityId === 'Work').taskId).toBeNull();
  });

  it('gets one activity instance as in the list, and answers 404 for an unknown one', async () => {
    const review = all.find((a) => a.processInstanceId === s.shipped && a.activityId === 'ReviewOrder');
    expect(expectJson(await server.get(`${BASE}/${review.id}`), 200)).toEqual(review);
    expectCamundaError(await server.get(`${BASE}/${UNKNOWN_ID}`), 404, 'InvalidRequestException', `Historic activity instance with id ${UNKNOWN_ID} does not exist`);
    // The process instance itself is no activity instance.
    expectCamundaError(await server.get(`${BASE}/${s.shipped}`), 404, 'InvalidRequestException', `Historic activity instance with id ${s.shipped} does not exist`);
  });

  it('counts', async () => {
    expect(expectJson(await server.get(`${BASE}/count`), 200)).toEqual({ count: all.length });
    expect(all.length).toBe(5 + 9 + 2 + 2 + 2 + 16 + 15 + 6);
  });

  it('filters by activity, activity instance, execution and definition', async () => {
    const ids = async (query: string) => (await list(query)).map((a) => a.id).sort();
    const expected = (test: (a: any) => boolean) => all.filter(test).map((a) => a.id).sort();
    expect(await ids('activityId=ReviewOrder')).toEqual(expected((a) => a.activityId === 'ReviewOrder'));
    expect(await ids('activityId=ReviewOrder')).toHaveLength(5);
    const review = all.find((a) => a.processInstanceId === s.shipped && a.activityId === 'ReviewOrder');
    expect(await ids(`activityInstanceId=${review.id}`)).toEqual([review.id]);
    const cancellation = all.find((a) => a.processInstanceId === s.cancelled && a.activityId === 'Cancellation');
    expect((await list(`executionId=${cancellation.id}`)).map((a) => a.activityId)).toEqual(['Cancellation', 'OrderCancelled', 'OrderCancelledEnd']);
    expect(await ids(`executionId=${s.deleted}`)).toEqual(expected((a) => a.processInstanceId === s.deleted));
    const tenantDefinition = all.find((a) => a.processInstanceId === s.tenantRunning).processDefinitionId;
    expect(await ids(`processDefinitionId=${tenantDefinition}`)).toEqual(expected((a) => a.processInstanceId === s.tenantRunning));
    expect(await ids(`processInstanceId=${UNKNOWN_ID}`)).toEqual([]);
  });

  it('filters by Camunda activity type, name and assignee, as the deployed model declares them', async () => {
    const activityIds = async (query: string) => (await list(query)).map((a) => `${a.activityId}`).sort();
    expect(await activityIds('activityType=messageStartEvent')).toEqual(['OrderCancelled', 'OrderPlaced', 'OrderPlaced', 'OrderPlaced', 'OrderPlaced', 'OrderPlaced']);
    expect(await activityIds('activityType=startEvent')).toEqual(['CancellationStarted', 'InnerStart', 'InnerStart', 'Start', 'Start', 'Start']);
    expect(await activityIds('activityType=noneEndEvent')).toEqual(['CancellationDone', 'Done', 'OrderCancelledEnd', 'OrderShipped']);
    expect(await activityIds('activityType=terminateEndEvent')).toEqual(['Halt', 'Stop']);
    expect(await activityIds('activityType=errorEndEvent')).toEqual(['Fail', 'Fail']);
    expect(await activityIds('activityType=boundaryMessage')).toEqual(['Escalated']);
    expect(await activityIds('activityType=boundaryError')).toEqual(['InnerFailed', 'InnerFailed']);
    expect(await activityIds('activityType=subProcess')).toEqual(['CancelOrder', 'Cancellation', 'Inner', 'Inner']);
    expect(await activityIds('activityType=intermediateMessageCatch')).toEqual(['Abort', 'Pay', 'PaymentReceived']);
    expect(await activityIds('activityType=intermediateNoneThrowEvent')).toEqual(['Announce', 'Announce']);
    expect(await activityIds('activityType=eventBasedGateway')).toEqual(['Choose', 'Choose']);
    expect(await activityIds('activityType=exclusiveGateway')).toEqual(['Route', 'Route']);
    expect(await activityIds('activityType=receiveTask')).toEqual(['Ship']);
    expect(await activityIds('activityType=serviceTask')).toEqual(['Work']);
    expect(await activityIds('activityType=manualTask')).toEqual(['Prepare', 'Prepare']);
    expect(await activityIds('activityType=task')).toEqual(['Check', 'Check']);
    expect(await activityIds('activityType=endEvent')).toEqual([]);
    expect(await activityIds('activityType=userTask&processInstanceId=' + s.shipped)).toEqual(['ReviewOrder', 'ShipOrder']);
    expect(await activityIds('activityName=Review%20order')).toEqual(Array(5).fill('ReviewOrder'));
    expect(await activityIds('activityName=review%20order')).toEqual([]);
    expect(await activityIds('taskAssignee=demo')).toEqual(['Approve', 'Approve']);
    expect(await activityIds(`activityType=userTask&activityName=Review%20order&processInstanceId=${s.running}`)).toEqual(['ReviewOrder']);
  });

  it('filters by finished, unfinished, canceled and completeScope', async () => {
    const ids = async (query: string) => (await list(query)).map((a) => a.id).sort();
    const expected = (test: (a: any) => boolean) => all.filter(test).map((a) => a.id).sort();
    expect(await ids('unfinished=true')).toEqual(expected((a) => a.endTime === null));
    expect(await ids('unfinished=true')).toHaveLength(2);
    expect(await ids('finished=true')).toEqual(expected((a) => a.endTime !== null));
    expect(await ids('finished=true&unfinished=true')).toEqual([]);
    expect(await ids('canceled=true')).toEqual(expected((a) => a.canceled));
    expect((await list('canceled=true')).map((a) => a.activityId).sort()).toEqual(['Fail', 'Fail', 'Inner', 'Inner', 'ReviewOrder', 'ReviewOrder', 'Review', 'Work'].sort());
    expect(await ids('completeScope=true')).toEqual(expected((a) => a.completeScope));
    expect((await list('completeScope=true')).map((a) => a.activityId).sort()).toEqual(
      ['Cancellation', 'CancellationDone', 'Done', 'Halt', 'OrderCancelledEnd', 'OrderShipped', 'Stop'].sort(),
    );
    expect(await ids('canceled=false')).toHaveLength(all.length);
    expectCamundaError(
      await server.get(`${BASE}?completeScope=true&canceled=true`),
      500,
      'ProcessEngineException',
      'Already querying for activity instance state <scopeComplete>',
      0,
    );
  });

  it('filters by start and end time, inclusive', async () => {
    const ids = async (query: string) => (await list(query)).map((a) => a.id).sort();
    const review = all.find((a) => a.processInstanceId === s.cancelled && a.activityId === 'ReviewOrder');
    const start = epochOf(review.startTime);
    const end = epochOf(review.endTime);
    const expected = (test: (a: any) => boolean) => all.filter(test).map((a) => a.id).sort();
    expect(await ids(`startedBefore=${queryDate(start)}`)).toEqual(expected((a) => epochOf(a.startTime) <= start));
    expect(await ids(`startedBefore=${queryDate(start)}`)).toContain(review.id);
    expect(await ids(`startedAfter=${queryDate(start)}`)).toEqual(expected((a) => epochOf(a.startTime) >= start));
    expect(await ids(`finishedBefore=${queryDate(end)}`)).toEqual(expected((a) => a.endTime !== null && epochOf(a.endTime) <= end));
    expect(await ids(`finishedAfter=${queryDate(end)}`)).toEqual(expected((a) => a.endTime !== null && epochOf(a.endTime) >= end));
    expect(await ids(`finishedAfter=${queryDate(end)}`)).toContain(review.id);
    expect(await ids(`startedAfter=${queryDate(Date.now() + 60_000)}`)).toEqual([]);
    expectCamundaError(
      await server.get(`${BASE}/count?finishedAfter=2024-01-01`),
      400,
      'InvalidRequestException',
      "Cannot set query parameter 'finishedAfter' to value '2024-01-01': Cannot convert value \"2024-01-01\" to java type java.util.Date",
    );
  });

  it('filters by tenant', async () => {
    const tenant = of(s.tenantRunning).map((a) => a.id).sort();
    expect((await list('tenantIdIn=acme')).map((a) => a.id).sort()).toEqual(tenant);
    expect((await list('tenantIdIn=other')).map((a) => a.id)).toEqual([]);
    expect(await list('withoutTenantId=true')).toHaveLength(all.length - tenant.length);
  });

  it('sorts by every sort key in both directions, ties in order of occurrence', async () => {
    const occurrence = new Map(all.map((a, i) => [a.id, i]));
    const keys: Record<string, (a: any) => string | number | null> = {
      activityInstanceId: (a) => a.id,
      instanceId: (a) => a.processInstanceId,
      executionId: (a) => a.executionId,
      activityId: (a) => a.activityId,
      activityName: (a) => a.activityName,
      activityType: (a) => a.activityType,
      startTime: (a) => epochOf(a.startTime),
      endTime: (a) => (a.endTime === null ? null : epochOf(a.endTime)),
      duration: (a) => a.durationInMillis,
      definitionId: (a) => a.processDefinitionId,
      occurrence: (a) => occurrence.get(a.id)!,
      tenantId: (a) => a.tenantId ?? '',
    };
    for (const [sortBy, key] of Object.entries(keys)) {
      for (const direction of ['asc', 'desc'] as const) {
        const sorted = (expectJson(await server.get(`${BASE}?sortBy=${sortBy}&sortOrder=${direction}`), 200) as any[]).map((a) => a.id);
        const expected = sortedBy(all, key, direction, (a) => occurrence.get(a.id)!).map((a) => a.id);
        expect({ sortBy, direction, sorted }).toEqual({ sortBy, direction, sorted: expected });
      }
    }
    expectCamundaError(await server.get(`${BASE}?sortOrder=asc`), 400, 'InvalidRequestException', 'Only a single sorting parameter specified. sortBy and sortOrder required');
    expectCamundaError(await server.get(`${BASE}?sortBy=name&sortOrder=asc`), 400, 'InvalidRequestException', "Cannot set query parameter 'sortBy' to value 'name'");
  });

  it('pages, also when sorting by what the model declares', async () => {
    for (const sort of ['sortBy=startTime&sortOrder=desc', 'sortBy=activityType&sortOrder=asc', 'sortBy=activityName&sortOrder=desc']) {
      const order = (expectJson(await server.get(`${BASE}?${sort}`), 200) as any[]).map((a) => a.id);
      const page = async (query: string) => (expectJson(await server.get(`${BASE}?${sort}&${query}`), 200) as any[]).map((a) => a.id);
      expect(await page('firstResult=3&maxResults=4')).toEqual(order.slice(3, 7));
      expect(await page('firstResult=50')).toEqual(order.slice(50));
      expect(await page('maxResults=0')).toEqual([]);
    }
    const unsorted = all.map((a) => a.id);
    expect((expectJson(await server.get(`${BASE}?firstResult=2&maxResults=3`), 200) as any[]).map((a) => a.id)).toEqual(unsorted.slice(2, 5));
  });

  it('answers only what the history recorded so far for a running instance', async () => {
    await eventually(async () => {
      const active = await list(`processInstanceId=${s.running}&unfinished=true`);
      expect(active.map((a) => a.activityId)).toEqual(['ReviewOrder']);
    });
  });
});
