/**
 * POST /process_models/{key}/correlations/{correlation}/events/{event}/trigger, every row of
 * native-api.md "Events": by eventId and by eventKey, payload or typed variables, the 200 result, the
 * 400/404/409 answers, and triggers of an interrupting boundary event and of a non-interrupting event
 * subprocess, which must behave as a message correlated through POST /messages does.
 */
import { TestServer, eventually } from '../helpers/test-server';
import { UNKNOWN_ID, expectJson, expectNativeError, openTasks } from '../native/native-api';
import { eventsPath, instanceWhen, startWaiting, triggerPath, uniqueCorrelation } from './events-kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('native API: triggering a waiting event', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
    for (const file of ['evt-boundary.bpmn', 'evt-subprocess.bpmn', 'evt-payment.bpmn', 'payment-wait.bpmn']) {
      expectJson(await server.deployFixture(file), 201);
    }
  });
  afterAll(() => server.close());

  async function waitingEvents(key: string, correlationId: string): Promise<any[]> {
    return expectJson(await server.get(eventsPath(key, correlationId)), 200);
  }

  async function variables(id: string): Promise<Record<string, any>> {
    return expectJson(await server.get(`/process_instances/${id}/variables`), 200);
  }

  describe('GET …/events (the waiting events)', () => {
    it('lists each waiting event with eventId, eventKey, eventType, eventName, processInstanceId and createdAt', async () => {
      const correlationId = uniqueCorrelation('list');
      const id = await startWaiting(server, 'evt-payment', correlationId, ['Payment']);
      const events = await waitingEvents('evt-payment', correlationId);
      expect(events).toEqual([
        { eventId: expect.stringMatching(UUID), eventKey: 'Payment', eventType: 'intermediateCatchEvent', eventName: 'evt-payment', processInstanceId: id, createdAt: expect.stringMatching(ISO) },
      ]);
    });

    it('marks boundary events and event-subprocess starts as interrupting or not', async () => {
      const correlationId = uniqueCorrelation('list-kinds');
      const boundary = await startWaiting(server, 'evt-boundary', correlationId, ['Cancel']);
      const sub = await startWaiting(server, 'evt-subprocess', correlationId, ['Ping']);
      expect(await waitingEvents('evt-boundary', correlationId)).toEqual([
        expect.objectContaining({ eventKey: 'Cancel', eventType: 'boundaryEvent', eventName: 'evt-cancel', interrupting: true, processInstanceId: boundary }),
      ]);
      expect(await waitingEvents('evt-subprocess', correlationId)).toEqual([
        expect.objectContaining({ eventKey: 'Ping', eventType: 'startEvent', eventName: 'evt-ping', interrupting: false, processInstanceId: sub }),
      ]);
    });

    it('lists only the events of that model in the correlation, and none of ended instances', async () => {
      const correlationId = uniqueCorrelation('list-scope');
      const first = await startWaiting(server, 'evt-payment', correlationId, ['Payment']);
      await startWaiting(server, 'evt-boundary', correlationId, ['Cancel']);
      expect((await waitingEvents('evt-payment', correlationId)).map((e) => e.processInstanceId)).toEqual([first]);
      expect((await server.delete(`/process_instances/${first}`)).status).toBe(204);
      expect(await waitingEvents('evt-payment', correlationId)).toEqual([]);
    });

    it('answers 404 for an unknown model or a correlation without instances of the model', async () => {
      const correlationId = uniqueCorrelation('list-404');
      await startWaiting(server, 'evt-boundary', correlationId, ['Cancel']);
      expectNativeError(await server.get(eventsPath('no-such-model', correlationId)), 404, 'MODEL_NOT_FOUND');
      expectNativeError(await server.get(eventsPath('evt-payment', 'no-such-correlation')), 404, 'CORRELATION_NOT_FOUND');
      expectNativeError(await server.get(eventsPath('evt-payment', correlationId)), 404, 'CORRELATION_NOT_FOUND');
    });
  });

  describe('choosing the event', () => {
    it('triggers by eventId (the subscription id) and answers 200 with eventId, eventKey, processInstanceId and correlationId', async () => {
      const correlationId = uniqueCorrelation('by-id');
      const id = await startWaiting(server, 'evt-payment', correlationId, ['Payment']);
      const [event] = await waitingEvents('evt-payment', correlationId);
      const result = expectJson(await server.post(triggerPath('evt-payment', correlationId, event.eventId), {}), 200);
      expect(result).toEqual({ eventId: event.eventId, eventKey: 'Payment', processInstanceId: id, correlationId });
      await openTasks(server, id, 1, 'Ship');
      expect(await waitingEvents('evt-payment', correlationId)).toEqual([]);
    });

    it('triggers by eventKey (the BPMN element id) when it names one waiting event', async () => {
      const correlationId = uniqueCorrelation('by-key');
      const id = await startWaiting(server, 'evt-payment', correlationId, ['Payment']);
      const [event] = await waitingEvents('evt-payment', correlationId);
      const result = expectJson(await server.post(triggerPath('evt-payment', correlationId, 'Payment')), 200);
      expect(result).toEqual({ eventId: event.eventId, eventKey: 'Payment', processInstanceId: id, correlationId });
      await openTasks(server, id, 1, 'Ship');
    });

    it('answers 409 with the candidates when an eventKey names several waiting events, and triggers nothing', async () => {
      const correlationId = uniqueCorrelation('ambiguous');
      await startWaiting(server, 'evt-payment', correlationId, ['Payment']);
      await startWaiting(server, 'evt-payment', correlationId, ['Payment']);
      const events = await waitingEvents('evt-payment', correlationId);
      expect(events).toHaveLength(2);
      const body = expectNativeError(await server.post(triggerPath('evt-payment', correlationId, 'Payment'), {}), 409, 'EVENT_AMBIGUOUS');
      expect(body.type).toBe('ConflictError');
      expect([...body.candidates].sort()).toEqual(events.map((e) => e.eventId).sort());
      expect(await waitingEvents('evt-payment', correlationId)).toEqual(events);

      // Either one by its eventId; then the key names a single event again.
      expectJson(await server.post(triggerPath('evt-payment', correlationId, events[0].eventId), {}), 200);
      const last = expectJson(await server.post(triggerPath('evt-payment', correlationId, 'Payment'), {}), 200);
      expect(last.eventId).toBe(events[1].eventId);
    });

    it('starts a new instance in the correlation when the eventKey names a message start event of the model', async () => {
      const correlationId = uniqueCorrelation('start-event');
      const first = await startWaiting(server, 'evt-payment', correlationId, ['Payment']);
      const result = expectJson(await server.post(triggerPath('evt-payment', correlationId, 'OrderPlaced'), { payload: { orderId: 'o-1' } }), 200);
      expect(result).toEqual({ eventId: expect.any(String), eventKey: 'OrderPlaced', processInstanceId: expect.any(String), correlationId });
      expect(result.processInstanceId).not.toBe(first);
      await instanceWhen(server, result.processInstanceId, (i) => expect(i.waitingEvents.map((e: any) => e.eventKey)).toEqual(['Payment']));
      expect((await variables(result.processInstanceId)).orderId).toEqual({ value: 'o-1', type: 'String', valueInfo: {} });
      const correlation = expectJson(await server.get(`/correlations/${correlationId}`), 200);
      expect(correlation.processInstances).toHaveLength(2);
    });
  });

  describe('payload and variables', () => {
    it('types payload values as Camunda would store them', async () => {
      const correlationId = uniqueCorrelation('payload');
      const id = await startWaiting(server, 'evt-payment', correlationId, ['Payment']);
      const payload = { text: 'paid', small: 42, big: 3_000_000_000, ratio: 1.5, flag: true, nothing: null, object: { a: 1 }, list: [1, 'two'] };
      expectJson(await server.post(triggerPath('evt-payment', correlationId, 'Payment'), { payload }), 200);
      await openTasks(server, id, 1, 'Ship');
      const values = await variables(id);
      expect(values).toEqual({
        text: { value: 'paid', type: 'String', valueInfo: {} },
        small: { value: 42, type: 'Integer', valueInfo: {} },
        big: { value: 3_000_000_000, type: 'Long', valueInfo: {} },
        ratio: { value: 1.5, type: 'Double', valueInfo: {} },
        flag: { value: true, type: 'Boolean', valueInfo: {} },
        nothing: { value: null, type: 'Null', valueInfo: {} },
        object: { value: '{"a":1}', type: 'Json', valueInfo: {} },
        list: { value: '[1,"two"]', type: 'Json', valueInfo: {} },
      });
    });

    it('stores typed variables with their types', async () => {
      const correlationId = uniqueCorrelation('typed');
      const id = await startWaiting(server, 'evt-payment', correlationId, ['Payment']);
      const typed = {
        amount: { value: 5, type: 'Long' },
        count: { value: 3, type: 'Short' },
        paidAt: { value: '2024-05-01T10:00:00.000+0000', type: 'Date' },
        note: { value: '<note/>', type: 'Xml' },
        payer: { value: '{"name":"Ann"}', type: 'Json' },
      };
      expectJson(await server.post(triggerPath('evt-payment', correlationId, 'Payment'), { variables: typed }), 200);
      await openTasks(server, id, 1, 'Ship');
      const values = await variables(id);
      expect(values.amount).toEqual({ value: 5, type: 'Long', valueInfo: {} });
      expect(values.count).toEqual({ value: 3, type: 'Short', valueInfo: {} });
      expect(values.paidAt).toEqual({ value: '2024-05-01T10:00:00.000+0000', type: 'Date', valueInfo: {} });
      expect(values.note).toEqual({ value: '<note/>', type: 'Xml', valueInfo: {} });
      expect(values.payer).toEqual({ value: '{"name":"Ann"}', type: 'Json', valueInfo: {} });
    });

    it('answers 400 when both payload and variables are sent, and triggers nothing', async () => {
      const correlationId = uniqueCorrelation('both');
      const id = await startWaiting(server, 'evt-payment', correlationId, ['Payment']);
      const body = { payload: { a: 1 }, variables: { b: { value: 2, type: 'Integer' } } };
      expectNativeError(await server.post(triggerPath('evt-payment', correlationId, 'Payment'), body), 400, 'VALIDATION_ERROR');
      expect((await waitingEvents('evt-payment', correlationId)).map((e) => e.eventKey)).toEqual(['Payment']);
      expect(await variables(id)).toEqual({});
    });

    it('answers 400 for an invalid payload or typed value, and triggers nothing', async () => {
      const correlationId = uniqueCorrelation('invalid');
      const id = await startWaiting(server, 'evt-payment', correlationId, ['Payment']);
      expectNativeError(await server.post(triggerPath('evt-payment', correlationId, 'Payment'), { payload: 'not an object' }), 400, 'VALIDATION_ERROR');
      expectNativeError(
        await server.post(triggerPath('evt-payment', correlationId, 'Payment'), { variables: { n: { value: 'abc', type: 'Integer' } } }),
        400,
        'INVALID_VARIABLE',
      );
      expectNativeError(await server.post(triggerPath('evt-payment', correlationId, 'Payment'), '{"payload":', { 'content-type': 'application/json' }), 400, 'INVALID_JSON');
      expect((await waitingEvents('evt-payment', correlationId)).map((e) => e.eventKey)).toEqual(['Payment']);
      expect(await variables(id)).toEqual({});
    });
  });

  describe('404', () => {
    let correlationId: string;
    let otherModelEvent: string;

    beforeAll(async () => {
      correlationId = uniqueCorrelation('not-found');
      await startWaiting(server, 'evt-payment', correlationId, ['Payment']);
      await startWaiting(server, 'evt-boundary', correlationId, ['Cancel']);
      [{ eventId: otherModelEvent }] = await waitingEvents('evt-boundary', correlationId);
    });

    it('for an unknown process model', async () => {
      expectNativeError(await server.post(triggerPath('no-such-model', correlationId, 'Payment'), {}), 404, 'MODEL_NOT_FOUND');
    });

    it('for an unknown correlation', async () => {
      expectNativeError(await server.post(triggerPath('evt-payment', 'no-such-correlation', 'Payment'), {}), 404, 'CORRELATION_NOT_FOUND');
    });

    it('for a correlation without instances of that model', async () => {
      expectNativeError(await server.post(triggerPath('evt-subprocess', correlationId, 'Ping'), {}), 404, 'CORRELATION_NOT_FOUND');
    });

    it('for an unknown event, or one waiting in an instance of another model', async () => {
      expectNativeError(await server.post(triggerPath('evt-payment', correlationId, UNKNOWN_ID), {}), 404, 'EVENT_NOT_FOUND');
      expectNativeError(await server.post(triggerPath('evt-payment', correlationId, 'Ship'), {}), 404, 'EVENT_NOT_FOUND');
      expectNativeError(await server.post(triggerPath('evt-payment', correlationId, otherModelEvent), {}), 404, 'EVENT_NOT_FOUND');
      expectNativeError(await server.post(triggerPath('evt-payment', correlationId, 'Cancel'), {}), 404, 'EVENT_NOT_FOUND');
    });

    it('for an event that is no longer waiting', async () => {
      const ended = uniqueCorrelation('ended');
      const id = await startWaiting(server, 'evt-payment', ended, ['Payment']);
      const [event] = await waitingEvents('evt-payment', ended);
      expectJson(await server.post(triggerPath('evt-payment', ended, event.eventId), {}), 200);
      await openTasks(server, id, 1, 'Ship');
      expectNativeError(await server.post(triggerPath('evt-payment', ended, event.eventId), {}), 404, 'EVENT_NOT_FOUND');
    });
  });

  describe('409 for a trigger lost to a concurrent one', () => {
    /**
     * A loser that read the event before the winner committed finds it gone under the instance lock: 409
     * EVENT_CONSUMED. One that looked only after the commit finds no such waiting event: 404. Requests sent
     * together read before any of them writes, on SQLite as on PostgreSQL, so 409s appear on both.
     */
    it('lets exactly one of racing triggers of the same event win', async () => {
      let conflicts = 0;
      for (let round = 0; round < 10; round++) {
        const correlationId = uniqueCorrelation(`race-${round}`);
        const id = await startWaiting(server, 'evt-payment', correlationId, ['Payment']);
        const [event] = await waitingEvents('evt-payment', correlationId);
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, n) => server.post(triggerPath('evt-payment', correlationId, event.eventId), { payload: { winner: n } })),
        );
        const winners = results.filter((r) => r.status === 200);
        expect(winners).toHaveLength(1);
        expect(winners[0].body).toEqual({ eventId: event.eventId, eventKey: 'Payment', processInstanceId: id, correlationId });
        for (const loser of results.filter((r) => r.status !== 200)) {
          if (loser.status === 409) expect(expectNativeError(loser, 409, 'EVENT_CONSUMED').type).toBe('ConflictError');
          else expectNativeError(loser, 404, 'EVENT_NOT_FOUND');
        }
        conflicts += results.filter((r) => r.status === 409).length;
        // Only the winner's payload was written, and its token alone moved on.
        await openTasks(server, id, 1, 'Ship');
        expect((await variables(id)).winner).toEqual({ value: results.indexOf(winners[0]), type: 'Integer', valueInfo: {} });
        if (conflicts > 0) break;
      }
      expect(conflicts).toBeGreaterThan(0);
    });
  });

  describe('interrupting and non-interrupting events', () => {
    it('an interrupting message boundary event terminates its host: the task and its wait states are gone', async () => {
      const correlationId = uniqueCorrelation('boundary');
      const id = await startWaiting(server, 'evt-boundary', correlationId, ['Cancel']);
      const [review] = await openTasks(server, id, 1, 'Review');
      const result = expectJson(await server.post(triggerPath('evt-boundary', correlationId, 'Cancel'), { payload: { reason: 'customer' } }), 200);
      expect(result).toEqual(expect.objectContaining({ eventKey: 'Cancel', processInstanceId: id }));
      const instance = await instanceWhen(server, id, (i) => expect(i.openTasks.map((t: any) => t.elementId)).toEqual(['Cancelled']));
      expect(instance.waitingEvents).toEqual([]);
      expect(instance.activeElements.map((a: any) => a.elementId)).toEqual(['Cancelled']);
      expectNativeError(await server.get(`/tasks/${review.id}`), 404, 'TASK_NOT_FOUND');
      expectNativeError(await server.post(`/tasks/${review.id}/complete`, {}), 404, 'TASK_NOT_FOUND');
      expect((await variables(id)).reason).toEqual({ value: 'customer', type: 'String', valueInfo: {} });
    });

    it('a non-interrupting event subprocess leaves the main path waiting and adds a task, each time it is triggered', async () => {
      const correlationId = uniqueCorrelation('event-subprocess');
      const id = await startWaiting(server, 'evt-subprocess', correlationId, ['Ping']);
      const [work] = await openTasks(server, id, 1, 'Work');
      const [ping] = await waitingEvents('evt-subprocess', correlationId);
      const result = expectJson(await server.post(triggerPath('evt-subprocess', correlationId, ping.eventId), {}), 200);
      expect(result).toEqual({ eventId: ping.eventId, eventKey: 'Ping', processInstanceId: id, correlationId });
      await openTasks(server, id, 1, 'Extra');
      const instance = await instanceWhen(server, id, (i) => expect(i.openTasks.map((t: any) => t.elementId).sort()).toEqual(['Extra', 'Work']));
      expect(instance.openTasks.find((t: any) => t.elementId === 'Work').taskId).toBe(work.id);
      expect(instance.waitingEvents.map((e: any) => e.eventKey)).toEqual(['Ping']);

      expectJson(await server.post(triggerPath('evt-subprocess', correlationId, 'Ping'), {}), 200);
      await openTasks(server, id, 2, 'Extra');
      await openTasks(server, id, 1, 'Work');
    });

    it('behaves exactly as the same message correlated through POST /messages', async () => {
      const viaTrigger = uniqueCorrelation('same-path-trigger');
      const viaMessage = uniqueCorrelation('same-path-message');
      const triggered = { boundary: await startWaiting(server, 'evt-boundary', viaTrigger, ['Cancel']), sub: await startWaiting(server, 'evt-subprocess', viaTrigger, ['Ping']) };
      const messaged = { boundary: await startWaiting(server, 'evt-boundary', viaMessage, ['Cancel']), sub: await startWaiting(server, 'evt-subprocess', viaMessage, ['Ping']) };
      expectJson(await server.post(triggerPath('evt-boundary', viaTrigger, 'Cancel'), {}), 200);
      expectJson(await server.post(triggerPath('evt-subprocess', viaTrigger, 'Ping'), {}), 200);
      expectJson(await server.post('/messages', { messageName: 'evt-cancel', processInstanceId: messaged.boundary }), 200);
      expectJson(await server.post('/messages', { messageName: 'evt-ping', processInstanceId: messaged.sub }), 200);
      const shape = (i: any) => ({
        state: i.state,
        active: i.activeElements,
        waiting: i.waitingEvents.map((e: any) => e.eventKey),
        tasks: i.openTasks.map((t: any) => t.elementId).sort(),
      });
      await eventually(async () => {
        for (const kind of ['boundary', 'sub'] as const) {
          const a = expectJson(await server.get(`/process_instances/${triggered[kind]}`), 200);
          const b = expectJson(await server.get(`/process_instances/${messaged[kind]}`), 200);
          expect(shape(a)).toEqual(shape(b));
          expect(a.openTasks.length).toBe(kind === 'boundary' ? 1 : 2);
        }
      });
    });
  });
});
