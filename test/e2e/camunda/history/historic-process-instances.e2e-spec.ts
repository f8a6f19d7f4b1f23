import { TestServer } from '../../helpers/test-server';
import {
  CAMUNDA_DATE,
  RETENTION_MS,
  Scenario,
  UNKNOWN_ID,
  epochOf,
  expectCamundaError,
  expectJson,
  queryDate,
  runOrderingTutorial,
  sortedBy,
} from './history-kit';

const BASE = '/engine-rest/history/process-instance';

/** Camunda 7 GET /history/process-instance, /count and /{id} over the ordering tutorial (§4.8, §4.10). */
describe('Camunda 7 historic process instances', () => {
  let server: TestServer;
  let s: Scenario;
  let all: any[];
  let definitionId: string;
  let tenantDefinitionId: string;

  beforeAll(async () => {
    server = await TestServer.start();
    s = await runOrderingTutorial(server);
    all = expectJson(await server.get(BASE), 200);
    definitionId = all.find((i) => i.id === s.shipped).processDefinitionId;
    tenantDefinitionId = all.find((i) => i.id === s.tenantRunning).processDefinitionId;
  });
  afterAll(() => server.close());

  async function ids(query: string): Promise<string[]> {
    const list = expectJson(await server.get(`${BASE}?${query}`), 200) as { id: string }[];
    const count = expectJson(await server.get(`${BASE}/count?${query}`), 200);
    expect(count).toEqual({ count: list.length });
    return list.map((i) => i.id).sort();
  }

  const sorted = (...list: string[]) => [...list].sort();

  it('lists running and ended instances alike, ended ones with their end, duration and removal time', async () => {
    expect(all.map((i) => i.id).sort()).toEqual(sorted(s.shipped, s.cancelled, s.deleted, s.running, s.tenantRunning));
    const shipped = all.find((i) => i.id === s.shipped);
    expect(shipped).toEqual({
      id: s.shipped,
      businessKey: 'order-1',
      processDefinitionId: definitionId,
      processDefinitionKey: 'order-process',
      processDefinitionName: 'Order process',
      processDefinitionVersion: 1,
      startTime: expect.stringMatching(CAMUNDA_DATE),
      endTime: expect.stringMatching(CAMUNDA_DATE),
      removalTime: expect.stringMatching(CAMUNDA_DATE),
      durationInMillis: expect.any(Number),
      startUserId: null,
      startActivityId: 'OrderPlaced',
      deleteReason: null,
      rootProcessInstanceId: s.shipped,
      superProcessInstanceId: null,
      superCaseInstanceId: null,
      caseInstanceId: null,
      tenantId: null,
      state: 'COMPLETED',
      restartedProcessInstanceId: null,
    });
    expect(shipped.durationInMillis).toBe(epochOf(shipped.endTime) - epochOf(shipped.startTime));
    expect(epochOf(shipped.removalTime)).toBe(epochOf(shipped.endTime) + RETENTION_MS);
    // The cancellation message ends the instance through its event subprocess: it completes.
    expect(all.find((i) => i.id === s.cancelled)).toMatchObject({ state: 'COMPLETED', deleteReason: null, endTime: expect.stringMatching(CAMUNDA_DATE) });
  });

  it('reports an instance cancelled through the API as EXTERNALLY_TERMINATED with its delete reason', async () => {
    const deleted = expectJson(await server.get(`${BASE}/${s.deleted}`), 200);
    expect(deleted).toMatchObject({
      id: s.deleted,
      businessKey: 'order-3',
      state: 'EXTERNALLY_TERMINATED',
      deleteReason: 'process instance cancelled',
      endTime: expect.stringMatching(CAMUNDA_DATE),
      startActivityId: 'OrderPlaced',
    });
    expect(epochOf(deleted.removalTime)).toBe(epochOf(deleted.endTime) + RETENTION_MS);
  });

  it('reports a running instance as ACTIVE without end, duration or removal time, with its tenant', async () => {
    expect(expectJson(await server.get(`${BASE}/${s.running}`), 200)).toMatchObject({
      id: s.running,
      state: 'ACTIVE',
      endTime: null,
      durationInMillis: null,
      removalTime: null,
      deleteReason: null,
      tenantId: null,
    });
    expect(expectJson(await server.get(`${BASE}/${s.tenantRunning}`), 200)).toMatchObject({
      id: s.tenantRunning,
      processDefinitionId: tenantDefinitionId,
      state: 'ACTIVE',
      tenantId: 'acme',
    });
  });

  it('gets one instance as in the list, and answers 404 for an unknown one', async () => {
    expect(expectJson(await server.get(`${BASE}/${s.shipped}`), 200)).toEqual(all.find((i) => i.id === s.shipped));
    expectCamundaError(await server.get(`${BASE}/${UNKNOWN_ID}`), 404, 'InvalidRequestException', `Historic process instance with id ${UNKNOWN_ID} does not exist`);
  });

  it('counts', async () => {
    expect(expectJson(await server.get(`${BASE}/count`), 200)).toEqual({ count: 5 });
  });

  it('filters by instance, definition and business key', async () => {
    expect(await ids(`processInstanceId=${s.shipped}`)).toEqual([s.shipped]);
    expect(await ids(`processInstanceIds=${s.shipped},${s.deleted},${UNKNOWN_ID}`)).toEqual(sorted(s.shipped, s.deleted));
    expect(await ids(`processDefinitionId=${tenantDefinitionId}`)).toEqual([s.tenantRunning]);
    expect(await ids('processDefinitionKey=order-process')).toHaveLength(5);
    expect(await ids('processDefinitionKey=other')).toEqual([]);
    expect(await ids('processDefinitionKeyIn=other,order-process')).toHaveLength(5);
    expect(await ids('processDefinitionKeyNotIn=order-process')).toEqual([]);
    expect(await ids('processDefinitionName=Order%20process')).toHaveLength(5);
    expect(await ids('processDefinitionName=order%20process')).toEqual([]);
    expect(await ids('processDefinitionNameLike=Order%25')).toHaveLength(5);
    expect(await ids('processInstanceBusinessKey=order-2')).toEqual([s.cancelled]);
    expect(await ids('processInstanceBusinessKeyIn=order-1,order-4')).toEqual(sorted(s.shipped, s.running));
    expect(await ids('processInstanceBusinessKeyLike=order-%25')).toHaveLength(5);
    expect(await ids('processInstanceBusinessKeyLike=ORDER-%25')).toEqual([]);
  });

  it('filters by state: finished, unfinished, active, completed, externallyTerminated', async () => {
    expect(await ids('finished=true')).toEqual(sorted(s.shipped, s.cancelled, s.deleted));
    expect(await ids('unfinished=true')).toEqual(sorted(s.running, s.tenantRunning));
    expect(await ids('finished=true&unfinished=true')).toEqual([]);
    expect(await ids('finished=false')).toHaveLength(5);
    expect(await ids('active=true')).toEqual(sorted(s.running, s.tenantRunning));
    expect(await ids('completed=true')).toEqual(sorted(s.shipped, s.cancelled));
    expect(await ids('externallyTerminated=true')).toEqual([s.deleted]);
    expect(await ids('internallyTerminated=true')).toEqual([]);
    expect(await ids('suspended=true')).toEqual([]);
    expectCamundaError(
      await server.get(`${BASE}?active=true&completed=true`),
      400,
      'BadUserRequestException',
      'Already querying for historic process instance with another state: ACTIVE is not empty',
      0,
    );
    expectCamundaError(
      await server.get(`${BASE}/count?completed=true&externallyTerminated=true`),
      400,
      'BadUserRequestException',
      'Already querying for historic process instance with another state: COMPLETED is not empty',
      0,
    );
  });

  it('filters by start and end time, inclusive', async () => {
    const shipped = all.find((i) => i.id === s.shipped);
    const start = epochOf(shipped.startTime);
    const end = epochOf(shipped.endTime);
    const startedBy = (limit: number, before: boolean) =>
      all.filter((i) => (before ? epochOf(i.startTime) <= limit : epochOf(i.startTime) >= limit)).map((i) => i.id).sort();
    const finishedBy = (limit: number, before: boolean) =>
      all.filter((i) => i.endTime !== null && (before ? epochOf(i.endTime) <= limit : epochOf(i.endTime) >= limit)).map((i) => i.id).sort();
    expect(await ids(`startedBefore=${queryDate(start)}`)).toEqual(startedBy(start, true));
    expect(await ids(`startedBefore=${queryDate(start)}`)).toContain(s.shipped);
    expect(await ids(`startedAfter=${queryDate(start)}`)).toEqual(startedBy(start, false));
    expect(await ids(`startedAfter=${queryDate(start + 1)}`)).not.toContain(s.shipped);
    expect(await ids(`finishedBefore=${queryDate(end)}`)).toEqual(finishedBy(end, true));
    expect(await ids(`finishedBefore=${queryDate(end)}`)).toContain(s.shipped);
    expect(await ids(`finishedAfter=${queryDate(end)}`)).toEqual(finishedBy(end, false));
    expect(await ids(`finishedAfter=${queryDate(0)}`)).toEqual(sorted(s.shipped, s.cancelled, s.deleted));
    expect(await ids(`startedAfter=${queryDate(Date.now() + 60_000)}`)).toEqual([]);
    expectCamundaError(
      await server.get(`${BASE}?startedBefore=yesterday`),
      400,
      'InvalidRequestException',
      "Cannot set query parameter 'startedBefore' to value 'yesterday': Cannot convert value \"yesterday\" to java type java.util.Date",
    );
  });

  it('filters by tenant', async () => {
    expect(await ids('tenantIdIn=acme')).toEqual([s.tenantRunning]);
    expect(await ids('tenantIdIn=acme,other')).toEqual([s.tenantRunning]);
    expect(await ids('withoutTenantId=true')).toEqual(sorted(s.shipped, s.cancelled, s.deleted, s.running));
  });

  it('filters by activities the instance is at or has finished, incidents and variables', async () => {
    expect(await ids('activeActivityIdIn=ReviewOrder')).toEqual(sorted(s.running, s.tenantRunning));
    expect(await ids('activeActivityIdIn=ShipOrder,Nowhere')).toEqual([]);
    expect(await ids('executedActivityIdIn=ShipOrder')).toEqual([s.shipped]);
    expect(await ids('executedActivityIdIn=DeleteOrder,PaymentReceived')).toEqual(sorted(s.shipped, s.cancelled));
    // Cancelled review tasks were executed too (they ended).
    expect(await ids('executedActivityIdIn=ReviewOrder')).toEqual(sorted(s.shipped, s.cancelled, s.deleted));
    expect(await ids('withIncidents=true')).toEqual([]);
    expect(await ids('variables=customer_eq_alice')).toEqual([s.shipped]);
    expect(await ids('variables=customer_eq_ALICE&variableValuesIgnoreCase=true')).toEqual([s.shipped]);
    expect(await ids('variables=customer_neq_alice')).toEqual(sorted(s.cancelled, s.deleted, s.running, s.tenantRunning));
    expect(await ids('variables=customer_like_%25r%25')).toEqual(sorted(s.deleted, s.tenantRunning));
    expectCamundaError(await server.get(`${BASE}?variables=customer_eq`), 400, 'InvalidRequestException', 'variable query parameter has to have format KEY_OPERATOR_VALUE.');
  });

  it('treats every instance as a root: call-activity relations match nothing', async () => {
    expect(await ids('rootProcessInstances=true')).toHaveLength(5);
    expect(await ids(`superProcessInstanceId=${s.shipped}`)).toEqual([]);
    expect(await ids(`subProcessInstanceId=${s.shipped}`)).toEqual([]);
    expectCamundaError(
      await server.get(`${BASE}?rootProcessInstances=true&superProcessInstanceId=${s.shipped}`),
      400,
      'BadUserRequestException',
      'Invalid query usage: cannot set both rootProcessInstances and superProcessInstanceId',
      0,
    );
  });

  it('rejects malformed booleans as Camunda does', async () => {
    expectCamundaError(
      await server.get(`${BASE}?finished=yes`),
      400,
      'InvalidRequestException',
      "Cannot set query parameter 'finished' to value 'yes': Cannot convert value yes to java type java.lang.Boolean",
    );
  });

  it('sorts by every sort key in both directions, ties by id', async () => {
    const keys: Record<string, (i: any) => string | number | null> = {
      instanceId: (i) => i.id,
      definitionId: (i) => i.processDefinitionId,
      definitionKey: (i) => i.processDefinitionKey,
      definitionName: (i) => i.processDefinitionName,
      definitionVersion: (i) => i.processDefinitionVersion,
      businessKey: (i) => i.businessKey,
      startTime: (i) => epochOf(i.startTime),
      endTime: (i) => (i.endTime === null ? null : epochOf(i.endTime)),
      duration: (i) => i.durationInMillis,
      tenantId: (i) => i.tenantId ?? '',
    };
    for (const [sortBy, key] of Object.entries(keys)) {
      for (const direction of ['asc', 'desc'] as const) {
        const list = expectJson(await server.get(`${BASE}?sortBy=${sortBy}&sortOrder=${direction}`), 200) as any[];
        expect({ sortBy, direction, ids: list.map((i) => i.id) }).toEqual({ sortBy, direction, ids: sortedBy(all, key, direction, (i) => i.id).map((i) => i.id) });
      }
    }
    const byEnd = expectJson(await server.get(`${BASE}?sortBy=endTime&sortOrder=asc`), 200) as any[];
    expect(byEnd.slice(3).map((i) => i.endTime)).toEqual([null, null]);
  });

  it('rejects incomplete or unknown sorting', async () => {
    expectCamundaError(await server.get(`${BASE}?sortBy=startTime`), 400, 'InvalidRequestException', 'Only a single sorting parameter specified. sortBy and sortOrder required');
    expectCamundaError(await server.get(`${BASE}?sortBy=priority&sortOrder=asc`), 400, 'InvalidRequestException', "Cannot set query parameter 'sortBy' to value 'priority'");
    expectCamundaError(await server.get(`${BASE}?sortBy=startTime&sortOrder=up`), 400, 'InvalidRequestException', "Cannot set query parameter 'sortOrder' to value 'up'");
  });

  it('pages', async () => {
    const order = (expectJson(await server.get(`${BASE}?sortBy=startTime&sortOrder=asc`), 200) as any[]).map((i) => i.id);
    const page = (query: string) => server.get(`${BASE}?sortBy=startTime&sortOrder=asc&${query}`).then((r) => (expectJson(r, 200) as any[]).map((i) => i.id));
    expect(await page('firstResult=1&maxResults=2')).toEqual(order.slice(1, 3));
    expect(await page('firstResult=3')).toEqual(order.slice(3));
    expect(await page('maxResults=0')).toEqual([]);
    expect(await page('firstResult=10')).toEqual([]);
  });
});
