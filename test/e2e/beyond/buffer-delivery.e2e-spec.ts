import { TestServer, eventually } from '../helpers/test-server';
import { expectJson, expectNativeError } from '../native/native-api';
import {
  activeElements, buffered, completeTask, expectBuffered, int, orderAtReview, pause, plainVariables, str, tasksOf, unique, waitUntilAt,
} from './beyond-kit';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Messages that arrive before their wait state (issue 7, item 1): buffered with timeToLive and taken by the
 * subscription that opens later, in the transaction that opens it. The periodic re-offer runs once an hour
 * here, so every delivery these tests see comes from the wait state that opened.
 */
describe('beyond Camunda: a message that arrives early is buffered and taken when its wait state opens', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start({ OUTBOX_SWEEP_INTERVAL_MS: '3600000' });
    expectJson(await server.deployFixture('order-process.bpmn'), 201);
  });
  afterAll(() => server.close());

  it('keeps a payment sent during the review (202) and delivers it the moment PaymentReceived opens', async () => {
    const customer = unique('alice');
    const pid = await orderAtReview(server, { businessKey: customer, variables: { customer: str(customer) } });

    const sentAt = Date.now();
    const sent = await server.post('/messages', {
      messageName: 'PaymentReceived',
      correlationKeys: { customer: str(customer) },
      payload: { paidAmount: 120, paymentRef: 'pay-1' },
      timeToLive: 'PT1H',
    });
    const messageId = expectBuffered(sent, 3_600_000, sentAt);

    // Kept, and visible with its criteria and payload; the instance has not moved.
    const listed = await buffered(server, 'PaymentReceived');
    expect(listed.items.map((m) => m.messageId)).toContain(messageId);
    const one = expectJson(await server.get(`/messages/buffered/${messageId}`), 200);
    expect(one).toEqual({
      messageId,
      messageName: 'PaymentReceived',
      businessKey: null,
      processInstanceId: null,
      tenantId: null,
      withoutTenantId: false,
      correlationKeys: { customer: { value: customer, type: 'String', valueInfo: {} } },
      localCorrelationKeys: {},
      processVariables: {
        paidAmount: { value: 120, type: 'Integer', valueInfo: {} },
        paymentRef: { value: 'pay-1', type: 'String', valueInfo: {} },
      },
      mayStartInstance: false,
      createdAt: expect.stringMatching(ISO),
      expiresAt: sent.body.expiresAt,
    });
    expect(await activeElements(server, pid)).toEqual(['ReviewOrder']);

    await completeTask(server, pid, 'ReviewOrder', { approved: true });

    // Taken in the same transaction that opened the catch event: the instance is never seen waiting there.
    const seen: string[][] = [];
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      const now = await activeElements(server, pid);
      if (seen.length === 0 || JSON.stringify(seen[seen.length - 1]) !== JSON.stringify(now)) seen.push(now);
      if (now.includes('ShipOrder')) break;
      await pause(5);
    }
    expect(seen[seen.length - 1]).toEqual(['ShipOrder']);
    expect(seen.flat()).not.toContain('PaymentReceived');
    expect(await plainVariables(server, pid)).toEqual({ customer, approved: true, paidAmount: 120, paymentRef: 'pay-1' });

    expect((await buffered(server, 'PaymentReceived')).items.map((m) => m.messageId)).not.toContain(messageId);
    expectNativeError(await server.get(`/messages/buffered/${messageId}`), 404, 'NOT_FOUND');
  });

  it('matches the correlation keys against the variables as they are when the wait state opens', async () => {
    const customer = unique('dave');
    const pid = await orderAtReview(server, { variables: { customer: str(customer) } });
    const other = await orderAtReview(server, { variables: { customer: str(customer) } });

    // approvedBy does not exist yet: it is set by the review's completion.
    const forDave = unique('reviewer');
    const forNobody = unique('reviewer');
    const matching = expectBuffered(
      await server.post('/messages', {
        messageName: 'PaymentReceived',
        correlationKeys: { customer: str(customer), approvedBy: str(forDave) },
        payload: { via: 'matching' },
        timeToLive: 600_000,
      }),
      600_000, Date.now() - 1_000,
    );
    const notMatching = expectBuffered(
      await server.post('/messages', {
        messageName: 'PaymentReceived',
        correlationKeys: { customer: str(customer), approvedBy: str(forNobody) },
        payload: { via: 'notMatching' },
        timeToLive: 600_000,
      }),
      600_000, Date.now() - 1_000,
    );

    await completeTask(server, other, 'ReviewOrder', { approvedBy: unique('someone-else') });
    await waitUntilAt(server, other, ['PaymentReceived']);
    await completeTask(server, pid, 'ReviewOrder', { approvedBy: forDave });
    await waitUntilAt(server, pid, ['ShipOrder']);
    expect(await plainVariables(server, pid)).toMatchObject({ via: 'matching', approvedBy: forDave });

    // The other instance keeps waiting; the message no instance matched stays buffered.
    await pause(300);
    expect(await activeElements(server, other)).toEqual(['PaymentReceived']);
    expect(await plainVariables(server, other)).not.toHaveProperty('via');
    const left = (await buffered(server, 'PaymentReceived')).items.map((m) => m.messageId);
    expect(left).toContain(notMatching);
    expect(left).not.toContain(matching);
  });

  it('offers buffered messages oldest first, and checks type, business key and local keys like a correlation', async () => {
    const customer = unique('erin');
    const pid = await orderAtReview(server, { businessKey: customer, variables: { customer: str(customer), amount: int(7) } });
    const send = async (criteria: Record<string, unknown>, via: string) =>
      expectBuffered(
        await server.post('/messages', { messageName: 'PaymentReceived', ...criteria, payload: { via }, timeToLive: 600_000 }),
        600_000, Date.now() - 1_000,
      );
    const wrongType = await send({ correlationKeys: { customer: str(customer), amount: { value: 7, type: 'Long' } } }, 'wrongType');
    const wrongBusinessKey = await send({ businessKey: unique('other'), correlationKeys: { customer: str(customer) } }, 'wrongBusinessKey');
    const wrongLocal = await send({ localCorrelationKeys: { customer: str(unique('nobody')) } }, 'wrongLocal');
    const first = await send({ businessKey: customer, localCorrelationKeys: { amount: int(7) } }, 'first');
    await pause(5);
    const second = await send({ businessKey: customer, correlationKeys: { customer: str(customer) } }, 'second');

    await completeTask(server, pid, 'ReviewOrder');
    await waitUntilAt(server, pid, ['ShipOrder']);
    expect((await plainVariables(server, pid)).via).toBe('first');
    const left = (await buffered(server, 'PaymentReceived')).items.map((m) => m.messageId);
    expect(left).toEqual(expect.arrayContaining([wrongType, wrongBusinessKey, wrongLocal, second]));
    expect(left).not.toContain(first);
    for (const id of [wrongType, wrongBusinessKey, wrongLocal, second]) expect((await server.delete(`/messages/buffered/${id}`)).status).toBe(204);
  });

  it('reaches event subprocesses that open with the instance: each buffered message triggers once', async () => {
    const businessKey = unique('nina');
    const send = async (messageName: string, payload: Record<string, unknown>) =>
      expectBuffered(await server.post('/messages', { messageName, businessKey, payload, timeToLive: 'PT10M' }), 600_000, Date.now() - 1_000);
    // Two questions for the non-interrupting InformationRequested: each one opens an AnswerRequest.
    const questions = [await send('InformationRequested', { question: 1 }), await send('InformationRequested', { question: 2 })];
    const pid = await orderAtReview(server, { businessKey });
    await eventually(async () => expect(await tasksOf(server, pid, 'AnswerRequest')).toHaveLength(2));
    const left = (await buffered(server, 'InformationRequested')).items.map((m) => m.messageId);
    expect(left.filter((id) => questions.includes(id))).toEqual([]);

    // The interrupting OrderCancelled, buffered for another order, cancels it as soon as it starts.
    const cancelledKey = unique('oscar');
    const cancel = expectBuffered(
      await server.post('/messages', { messageName: 'OrderCancelled', businessKey: cancelledKey, timeToLive: 'PT10M' }),
      600_000, Date.now() - 1_000,
    );
    const started = expectJson(await server.post('/process_models/order-process/start', { businessKey: cancelledKey }), 201);
    await waitUntilAt(server, started.processInstanceId, ['DeleteOrder']);
    expect(await tasksOf(server, started.processInstanceId, 'ReviewOrder')).toEqual([]);
    expectNativeError(await server.get(`/messages/buffered/${cancel}`), 404, 'NOT_FOUND');
  });

  it('a buffered message for one process instance or tenant is taken only by that instance', async () => {
    const customer = unique('paul');
    const [target, bystander] = await Promise.all([0, 1].map(() => orderAtReview(server, { variables: { customer: str(customer) } })));
    const forTarget = expectBuffered(
      await server.post('/messages', { messageName: 'PaymentReceived', processInstanceId: target, payload: { to: 'target' }, timeToLive: 'PT10M' }),
      600_000, Date.now() - 1_000,
    );
    const forTenant = expectBuffered(
      await server.post('/messages', { messageName: 'PaymentReceived', tenantId: 'acme', correlationKeys: { customer: str(customer) }, timeToLive: 'PT10M' }),
      600_000, Date.now() - 1_000,
    );
    await completeTask(server, bystander, 'ReviewOrder');
    await waitUntilAt(server, bystander, ['PaymentReceived']);
    await completeTask(server, target, 'ReviewOrder');
    await waitUntilAt(server, target, ['ShipOrder']);
    expect(await plainVariables(server, target)).toMatchObject({ to: 'target' });
    await pause(200);
    expect(await activeElements(server, bystander)).toEqual(['PaymentReceived']);
    const left = (await buffered(server, 'PaymentReceived')).items.map((m) => m.messageId);
    expect(left).toContain(forTenant);
    expect(left).not.toContain(forTarget);
    expect((await server.delete(`/messages/buffered/${forTenant}`)).status).toBe(204);
  });

  it('does not deliver a message after its time to live, and no longer lists it', async () => {
    const customer = unique('carol');
    const pid = await orderAtReview(server, { variables: { customer: str(customer) } });
    const sentAt = Date.now();
    const messageId = expectBuffered(
      await server.post('/messages', { messageName: 'PaymentReceived', correlationKeys: { customer: str(customer) }, timeToLive: 400 }),
      400, sentAt,
    );
    expect(expectJson(await server.get(`/messages/buffered/${messageId}`), 200).messageId).toBe(messageId);

    await pause(Math.max(0, sentAt + 600 - Date.now()));
    expect((await buffered(server)).items.map((m) => m.messageId)).not.toContain(messageId);
    expectNativeError(await server.get(`/messages/buffered/${messageId}`), 404, 'NOT_FOUND');

    await completeTask(server, pid, 'ReviewOrder');
    await waitUntilAt(server, pid, ['PaymentReceived']);
    await pause(300);
    expect(await activeElements(server, pid)).toEqual(['PaymentReceived']);
    expect(await tasksOf(server, pid, 'ShipOrder')).toEqual([]);
  });

  it('lists, filters, pages, gets and deletes buffered messages; unknown ids are 404', async () => {
    const name = unique('BeyondNobodyWaits');
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      ids.push(expectBuffered(await server.post('/messages', { messageName: name, businessKey: `bk-${n}`, timeToLive: 'PT10M' }), 600_000, Date.now() - 1_000));
      await pause(5);
    }
    const all = await buffered(server, name);
    expect(all.total).toBe(3);
    expect(all.items.map((m) => m.messageId)).toEqual(ids);
    expect(all.items.map((m) => m.businessKey)).toEqual(['bk-1', 'bk-2', 'bk-3']);
    const page = expectJson(await server.get(`/messages/buffered?messageName=${name}&limit=1&offset=1`), 200);
    expect(page).toEqual({ total: 3, items: [expect.objectContaining({ messageId: ids[1] })] });

    expect((await server.delete(`/messages/buffered/${ids[1]}`)).status).toBe(204);
    expect((await buffered(server, name)).items.map((m) => m.messageId)).toEqual([ids[0], ids[2]]);
    expectNativeError(await server.get(`/messages/buffered/${ids[1]}`), 404, 'NOT_FOUND');
    expectNativeError(await server.delete(`/messages/buffered/${ids[1]}`), 404, 'NOT_FOUND');
    expectNativeError(await server.get('/messages/buffered/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    expectNativeError(await server.delete('/messages/buffered/no-such-message'), 404, 'NOT_FOUND');
    for (const id of [ids[0], ids[2]]) expect((await server.delete(`/messages/buffered/${id}`)).status).toBe(204);
    expect(await buffered(server, name)).toEqual({ total: 0, items: [] });
  });

  it('refuses a malformed time to live and mayStartInstance without one, buffering nothing', async () => {
    const name = unique('BeyondInvalid');
    for (const timeToLive of [0, -5, 'PT', 'P1M', 'soon', 1.5, true]) {
      expectNativeError(await server.post('/messages', { messageName: name, timeToLive }), 400, 'VALIDATION_ERROR');
    }
    expectNativeError(await server.post('/messages', { messageName: name, mayStartInstance: true }), 400, 'VALIDATION_ERROR');
    expect(await buffered(server, name)).toEqual({ total: 0, items: [] });
    // Without timeToLive nothing is kept: the native no-match 400.
    expectNativeError(await server.post('/messages', { messageName: name }), 400, 'MESSAGE_NOT_CORRELATED');
    expect(await buffered(server, name)).toEqual({ total: 0, items: [] });
  });
});
