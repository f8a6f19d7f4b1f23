import { TestServer, eventually } from '../helpers/test-server';
import { expectJson, expectNativeError } from '../native/native-api';
import {
  activeElements, buffered, camundaNoMatch, completeTask, expectBuffered, orderAtReview, pause, plainVariables, runningWithBusinessKey, str, unique,
  waitUntilAt,
} from './beyond-kit';

const SWEEP_MS = 200;

/**
 * What the buffer's sweeper adds (it runs every OUTBOX_SWEEP_INTERVAL_MS, here 200 ms): messages whose keys
 * start to match while the instance already waits, and instances started by buffered messages that were
 * allowed to (`mayStartInstance`) once a model with that message start event is deployed. Also Camunda's
 * POST /message with and without timeToLive.
 */
describe('beyond Camunda: buffered messages and the sweeper; the Camunda route', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start({ OUTBOX_SWEEP_INTERVAL_MS: String(SWEEP_MS) });
    expectJson(await server.deployFixture('order-process.bpmn'), 201);
  });
  afterAll(() => server.close());

  it('starts an instance for a buffered message with mayStartInstance once the model is deployed; not for one without', async () => {
    const yes = unique('late-yes');
    const no = unique('late-no');
    const allowed = expectBuffered(
      await server.post('/messages', { messageName: 'BeyondLateOrder', businessKey: yes, payload: { lines: 3 }, timeToLive: 'PT10M', mayStartInstance: true }),
      600_000, Date.now() - 1_000,
    );
    const notAllowed = expectBuffered(
      await server.post('/messages', { messageName: 'BeyondLateOrder', businessKey: no, payload: { lines: 4 }, timeToLive: 'PT10M' }),
      600_000, Date.now() - 1_000,
    );
    expect((await buffered(server, 'BeyondLateOrder')).items.map((m) => [m.messageId, m.mayStartInstance])).toEqual([
      [allowed, true],
      [notAllowed, false],
    ]);
    await pause(3 * SWEEP_MS);
    expect((await buffered(server, 'BeyondLateOrder')).total).toBe(2);

    expectJson(await server.deployFixture('beyond-late-start.bpmn'), 201);
    const [started] = await eventually(async () => {
      const found = await runningWithBusinessKey(server, yes, 'beyond-late-start');
      expect(found).toHaveLength(1);
      return found;
    });
    await waitUntilAt(server, started.id, ['Handle']);
    expect(await plainVariables(server, started.id)).toEqual({ lines: 3 });
    expect((await buffered(server, 'BeyondLateOrder')).items.map((m) => m.messageId)).toEqual([notAllowed]);

    // Several sweeps later: still one instance for the allowed message, none for the other.
    await pause(4 * SWEEP_MS);
    expect(await runningWithBusinessKey(server, yes, 'beyond-late-start')).toHaveLength(1);
    expect(await runningWithBusinessKey(server, no, 'beyond-late-start')).toEqual([]);
    expect((await buffered(server, 'BeyondLateOrder')).items.map((m) => m.messageId)).toEqual([notAllowed]);
    expect((await server.delete(`/messages/buffered/${notAllowed}`)).status).toBe(204);
  });

  it('delivers a buffered message whose key starts to match while the instance already waits (variable changed)', async () => {
    const customer = unique('frank');
    const pid = await orderAtReview(server, { variables: { customer: str(customer), region: str('north') } });
    await completeTask(server, pid, 'ReviewOrder');
    await waitUntilAt(server, pid, ['PaymentReceived']);

    const messageId = expectBuffered(
      await server.post('/messages', {
        messageName: 'PaymentReceived',
        correlationKeys: { customer: str(customer), region: str('south') },
        payload: { settled: 'late' },
        timeToLive: 'PT10M',
      }),
      600_000, Date.now() - 1_000,
    );
    await pause(3 * SWEEP_MS);
    expect(await activeElements(server, pid)).toEqual(['PaymentReceived']);

    const changed = await server.request('PUT', `/engine-rest/process-instance/${pid}/variables/region`, { value: 'south', type: 'String' });
    expect(changed.status).toBe(204);
    await waitUntilAt(server, pid, ['ShipOrder']);
    expect(await plainVariables(server, pid)).toMatchObject({ region: 'south', settled: 'late' });
    expect((await buffered(server, 'PaymentReceived')).items.map((m) => m.messageId)).not.toContain(messageId);
  });

  it('re-offers every buffered message, not only the oldest hundred', async () => {
    const filler = unique('BeyondFiller');
    const fillers = await Promise.all(
      Array.from({ length: 120 }, async () => expectJson(await server.post('/messages', { messageName: filler, timeToLive: 'PT10M' }), 202).messageId as string),
    );
    const customer = unique('ursula');
    const pid = await orderAtReview(server, { variables: { customer: str(customer), region: str('north') } });
    await completeTask(server, pid, 'ReviewOrder');
    await waitUntilAt(server, pid, ['PaymentReceived']);
    expectBuffered(
      await server.post('/messages', { messageName: 'PaymentReceived', correlationKeys: { customer: str(customer), region: str('east') }, timeToLive: 'PT10M' }),
      600_000, Date.now() - 1_000,
    );
    expect((await server.request('PUT', `/engine-rest/process-instance/${pid}/variables/region`, { value: 'east', type: 'String' })).status).toBe(204);
    await waitUntilAt(server, pid, ['ShipOrder'], 5_000);
    await Promise.all(fillers.map((id) => server.delete(`/messages/buffered/${id}`)));
    expect(await buffered(server, filler)).toEqual({ total: 0, items: [] });
  });

  it('a message with timeToLive that matches now is correlated at once, not buffered', async () => {
    const customer = unique('gina');
    const pid = await orderAtReview(server, { variables: { customer: str(customer) } });
    await completeTask(server, pid, 'ReviewOrder');
    await waitUntilAt(server, pid, ['PaymentReceived']);
    const before = (await buffered(server)).total;
    const answer = expectJson(
      await server.post('/messages', { messageName: 'PaymentReceived', correlationKeys: { customer: str(customer) }, timeToLive: 60_000 }),
      200,
    );
    expect(answer.correlated).toEqual([expect.objectContaining({ resultType: 'Execution', processInstanceId: pid, eventKey: 'PaymentReceived' })]);
    expect((await buffered(server)).total).toBe(before);
    await waitUntilAt(server, pid, ['ShipOrder']);
  });

  describe('Camunda POST /engine-rest/message', () => {
    it('without timeToLive keeps Camunda\'s exact 400 and buffers nothing', async () => {
      const name = unique('BeyondCamundaNone');
      const answer = await server.post('/engine-rest/message', { messageName: name, businessKey: 'x' });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(answer.body).toEqual(camundaNoMatch(name));
      const explicitNull = await server.post('/engine-rest/message', { messageName: name, timeToLive: null, mayStartInstance: null });
      expect({ status: explicitNull.status, body: explicitNull.body }).toEqual({ status: 400, body: camundaNoMatch(name) });
      expect(await buffered(server, name)).toEqual({ total: 0, items: [] });
    });

    it('with timeToLive answers 202 { messageId, expiresAt }, and the kept message reaches the wait state that opens', async () => {
      const customer = unique('hank');
      const sentAt = Date.now();
      const answer = await server.post('/engine-rest/message', {
        messageName: 'PaymentReceived',
        correlationKeys: { customer: { value: customer, type: 'String' } },
        processVariables: { channel: { value: 'camunda', type: 'String' } },
        timeToLive: 'PT2M',
        resultEnabled: true,
      });
      const messageId = expectBuffered(answer, 120_000, sentAt);
      expect(expectJson(await server.get(`/messages/buffered/${messageId}`), 200)).toMatchObject({
        messageName: 'PaymentReceived',
        correlationKeys: { customer: { value: customer, type: 'String', valueInfo: {} } },
        processVariables: { channel: { value: 'camunda', type: 'String', valueInfo: {} } },
      });

      const pid = await orderAtReview(server, { variables: { customer: str(customer) } });
      await completeTask(server, pid, 'ReviewOrder');
      await waitUntilAt(server, pid, ['ShipOrder']);
      expect(await plainVariables(server, pid)).toMatchObject({ channel: 'camunda' });
      expectNativeError(await server.get(`/messages/buffered/${messageId}`), 404, 'NOT_FOUND');
    });

    it('refuses mayStartInstance without timeToLive and a malformed timeToLive with InvalidRequestException', async () => {
      const name = unique('BeyondCamundaInvalid');
      for (const body of [{ messageName: name, mayStartInstance: true }, { messageName: name, timeToLive: 'tomorrow' }, { messageName: name, timeToLive: 0 }]) {
        const answer = await server.post('/engine-rest/message', body);
        expect(answer.status).toBe(400);
        expect(answer.body).toEqual({ type: 'InvalidRequestException', message: expect.any(String), code: null });
      }
      expect(await buffered(server, name)).toEqual({ total: 0, items: [] });
    });
  });
});
