import { Cluster, sleep } from './helpers/cluster';
import { calibrate, deployFixture, driveOrder, expectEveryOrderEndedOnce, http, pool, settleAndReport, until } from './helpers/order-flow';

const HEALTHY_ORDERS = 100;
const MAX_ATTEMPTS = 3;
const CAMUNDA_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;

/**
 * A continuation whose exclusive gateway condition fails at run time (`${missing > 1}` on its only flow,
 * no default): after its retries it becomes an incident on the gateway, visible natively and through
 * Camunda's /incident; its outbox row is gone, the instance keeps running with its token on the gateway,
 * and orders running at the same time on the same workers are not disturbed.
 */
(Cluster.configured() ? describe : describe.skip)('a poisoned continuation (2 APIs, 2 workers, PostgreSQL + Redis)', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await Cluster.start('poison', {
      apis: 2,
      workers: 2,
      env: { CONTINUATION_MAX_ATTEMPTS: String(MAX_ATTEMPTS), CONTINUATION_BACKOFF_MS: '100', OUTBOX_LEASE_MS: '1000', OUTBOX_SWEEP_INTERVAL_MS: '250' },
    });
    expect((await deployFixture(cluster.urls[0], 'int-order-flow.bpmn')).status).toBe(201);
    expect((await deployFixture(cluster.urls[1], 'int-poisoned-gateway.bpmn')).status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('becomes an incident after its retries; the instance stays on the gateway and the others go on', async () => {
    const [api0, api1] = cluster.urls;
    const revision = await calibrate(cluster, 'pscal');

    // The poisoned instance starts in the middle of a run of healthy orders.
    const healthy = pool(HEALTHY_ORDERS, 20, (i) => driveOrder(cluster.urls, i, 'psrun'), Date.now() + 60_000);
    const started = await http('POST', `${api0}/process_models/int-poisoned-gateway/start`, {});
    expect(started.status).toBe(201);
    const id: string = started.body.processInstanceId;
    const outcomes = await healthy;
    expect(outcomes).toHaveLength(HEALTHY_ORDERS);

    // Native: GET /incidents.
    const listed = await until(async () => {
      const reply = await http('GET', `${api1}/incidents?processInstanceId=${id}`);
      return reply.body?.total > 0 ? reply : undefined;
    }, 30_000);
    expect(listed?.status).toBe(200);
    expect(listed!.body.total).toBe(1);
    const incident = listed!.body.items[0];
    expect(incident).toEqual({
      id: expect.any(String),
      incidentType: expect.stringMatching(/^(CONDITION|EXPRESSION)_ERROR$/),
      elementId: 'CheckAmount',
      message: expect.stringContaining('missing'),
      processInstanceId: id,
      processModelKey: 'int-poisoned-gateway',
      processDefinitionId: expect.stringMatching(/^int-poisoned-gateway:1:/),
      correlationId: id,
      tenantId: null,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect((await http('GET', `${api0}/incidents/${incident.id}`)).body).toEqual(incident);
    expect((await http('GET', `${api0}/incidents?processModelKey=int-poisoned-gateway&elementId=CheckAmount`)).body.total).toBe(1);
    expect((await http('GET', `${api0}/incidents?processModelKey=int-order-flow`)).body).toEqual({ total: 0, items: [] });
    const unknown = await http('GET', `${api0}/incidents/no-such-incident`);
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });

    // It came after the retries: the workers logged each failed attempt before the last.
    const workerLog = cluster.workers.map((w) => w.output).join('');
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(workerLog).toContain(`of instance ${id} failed (attempt ${attempt})`);
    }

    // The instance: running, its token on the gateway, the incident listed, nothing waiting.
    const detail = await http('GET', `${api1}/process_instances/${id}`);
    expect(detail.body).toMatchObject({
      state: 'running',
      endedAt: null,
      activeElements: [{ elementId: 'CheckAmount', count: 1 }],
      waitingEvents: [],
      openTasks: [],
      incidents: [{ id: incident.id, incidentType: incident.incidentType, elementId: 'CheckAmount', message: incident.message, createdAt: incident.createdAt }],
    });

    // Camunda: GET /engine-rest/incident, /count, /{id}, with IncidentDto's shape.
    const camunda = await http('GET', `${api0}/engine-rest/incident?processInstanceId=${id}`);
    expect(camunda.status).toBe(200);
    expect(camunda.body).toEqual([
      {
        id: incident.id,
        processDefinitionId: incident.processDefinitionId,
        processInstanceId: id,
        executionId: id,
        incidentTimestamp: expect.stringMatching(CAMUNDA_DATE),
        incidentType: 'failedJob',
        activityId: 'CheckAmount',
        failedActivityId: 'CheckAmount',
        causeIncidentId: incident.id,
        rootCauseIncidentId: incident.id,
        configuration: null,
        tenantId: null,
        incidentMessage: `${incident.incidentType}: ${incident.message}`,
        jobDefinitionId: null,
        annotation: null,
      },
    ]);
    expect((await http('GET', `${api1}/engine-rest/incident/${incident.id}`)).body).toEqual(camunda.body[0]);
    const missing = await http('GET', `${api1}/engine-rest/incident/no-such-incident`);
    expect({ status: missing.status, body: missing.body }).toEqual({
      status: 404,
      body: { type: 'InvalidRequestException', message: 'No matching incident with id no-such-incident', code: null },
    });
    const counts = await Promise.all(
      [
        `processInstanceId=${id}`,
        'incidentType=failedJob',
        `incidentType=${incident.incidentType}`,
        'activityId=CheckAmount',
        'activityId=OrderConfirmed',
        `executionId=${id}`,
        'tenantIdIn=tenant-a',
        'processDefinitionKeyIn=int-poisoned-gateway',
        `incidentMessageLike=${encodeURIComponent('%missing%')}`,
      ].map(async (q) => [q, (await http('GET', `${api0}/engine-rest/incident/count?${q}`)).body?.count]),
    );
    expect(Object.fromEntries(counts)).toEqual({
      [`processInstanceId=${id}`]: 1,
      'incidentType=failedJob': 1,
      [`incidentType=${incident.incidentType}`]: 0,
      'activityId=CheckAmount': 1,
      'activityId=OrderConfirmed': 0,
      [`executionId=${id}`]: 1,
      'tenantIdIn=tenant-a': 0,
      'processDefinitionKeyIn=int-poisoned-gateway': 1,
      [`incidentMessageLike=${encodeURIComponent('%missing%')}`]: 1,
    });

    // The outbox row is gone, and it stays consistent: sweeps over several leases change nothing.
    const before = await cluster.sql<{ revision: number; state: string }>('SELECT revision, state FROM process_instance WHERE id = $1', [id]);
    await sleep(3000);
    const after = await cluster.sql<{ revision: number; state: string }>('SELECT revision, state FROM process_instance WHERE id = $1', [id]);
    expect(after).toEqual(before);
    expect(after[0].state).toBe('running');
    const [rows] = await cluster.sql<{ outbox: string; incidents: string }>(
      `SELECT (SELECT count(*) FROM continuation_outbox WHERE process_instance_id = $1) AS outbox,
              (SELECT count(*) FROM incident WHERE process_instance_id = $1) AS incidents`,
      [id],
    );
    expect({ outbox: Number(rows.outbox), incidents: Number(rows.incidents) }).toEqual({ outbox: 0, incidents: 1 });

    // The healthy orders were not disturbed: each ended exactly once, nothing left in outbox or queue.
    const report = await settleAndReport(cluster, outcomes, 'psrun', 60_000);
    expectEveryOrderEndedOnce(report, HEALTHY_ORDERS, revision, () => cluster.output());
  }, 180_000);
});
