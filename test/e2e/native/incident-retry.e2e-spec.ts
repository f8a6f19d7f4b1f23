import { TestServer, eventually, fixture } from '../helpers/test-server';

const WORKER = 'retry-worker';


/**
 * POST /incidents/{incident_id}/retry: the failed step runs again. A condition that could not be evaluated
 * is evaluated anew (and, once the variable it needs exists, the token moves on); an external task out of
 * retries can be fetched again.
 */
describe('POST /incidents/{incident_id}/retry', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start({ CONTINUATION_MAX_ATTEMPTS: '2' });
    expect((await server.post('/process_models', { xml: fixture('int-poisoned-gateway.bpmn') })).status).toBe(201);
    expect((await server.post('/process_models', { xml: fixture('ext-simple.bpmn') })).status).toBe(201);
  });
  afterAll(() => server.close());

  async function incidentsOf(instanceId: string): Promise<{ id: string; incidentType: string; elementId: string | null }[]> {
    const listed = await server.get(`/incidents?processInstanceId=${instanceId}`);
    expect(listed.status).toBe(200);
    return listed.body.items;
  }

  it('re-evaluates a failed condition: again an incident while the variable is missing, the token moves on once it is set', async () => {
    const started = await server.post('/process_models/int-poisoned-gateway/start', {});
    expect(started.status).toBe(201);
    const id: string = started.body.processInstanceId;
    const [first] = await eventually(async () => {
      const items = await incidentsOf(id);
      expect(items).toHaveLength(1);
      return items;
    });
    expect(first).toMatchObject({ elementId: 'CheckAmount', incidentType: expect.stringMatching(/_ERROR$/) });

    // Nothing changed: the retry fails the same way and a new incident replaces the old one.
    const retried = await server.post(`/incidents/${first.id}/retry`);
    expect({ status: retried.status, text: retried.text }).toEqual({ status: 204, text: '' });
    const [second] = await eventually(async () => {
      const items = await incidentsOf(id);
      expect(items).toHaveLength(1);
      expect(items[0].id).not.toBe(first.id);
      return items;
    });
    expect(second.elementId).toBe('CheckAmount');

    // The incident that was retried is gone for good.
    const stale = await server.post(`/incidents/${first.id}/retry`);
    expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });

    // With the variable the condition needs, the retry takes the flow and the instance ends.
    expect((await server.request('PUT', `/engine-rest/process-instance/${id}/variables/missing`, { value: 5, type: 'Integer' })).status).toBe(204);
    expect((await server.post(`/incidents/${second.id}/retry`)).status).toBe(204);
    await eventually(async () => {
      const instance = await server.get(`/process_instances/${id}`);
      expect(instance.body).toMatchObject({ state: 'completed', incidents: [] });
    });
    expect(await incidentsOf(id)).toEqual([]);
  });

  it('gives an external task out of retries one more, so a worker fetches it again', async () => {
    const started = await server.post('/process_models/ext-simple/start', {});
    const id: string = started.body.processInstanceId;
    const fetch = () =>
      server.post('/engine-rest/external-task/fetchAndLock', { workerId: WORKER, maxTasks: 1, topics: [{ topicName: 'ext-simple', lockDuration: 60_000 }] });
    const [task] = await eventually(async () => {
      const locked = await fetch();
      expect(locked.body).toHaveLength(1);
      return locked.body;
    });
    expect((await server.post(`/engine-rest/external-task/${task.id}/failure`, { workerId: WORKER, errorMessage: 'card service down', retries: 0 })).status).toBe(204);
    const [incident] = await incidentsOf(id);
    expect(incident).toMatchObject({ incidentType: 'failedExternalTask', elementId: 'Work' });
    expect((await fetch()).body).toEqual([]);

    expect((await server.post(`/incidents/${incident.id}/retry`)).status).toBe(204);
    expect(await incidentsOf(id)).toEqual([]);
    const again = await fetch();
    expect(again.body).toEqual([expect.objectContaining({ id: task.id, retries: 1 })]);
    expect((await server.post(`/engine-rest/external-task/${task.id}/complete`, { workerId: WORKER })).status).toBe(204);
    await eventually(async () => expect((await server.get(`/process_instances/${id}`)).body.openTasks).toEqual([expect.objectContaining({ elementId: 'Check' })]));
  });

  it('answers 404 with the native error body for an unknown incident', async () => {
    const result = await server.post('/incidents/00000000-0000-4000-8000-000000000000/retry');
    expect(result.status).toBe(404);
    expect(result.headers.get('content-type')).toBe('application/json');
    expect(result.body).toEqual({ type: expect.any(String), message: expect.stringContaining('00000000-0000-4000-8000-000000000000'), code: 'NOT_FOUND' });
  });
});
