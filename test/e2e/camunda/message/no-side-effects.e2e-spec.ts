/**
 * POST /engine-rest/message — bad input changes nothing: a rejected message leaves no instance, no
 * variable and no consumed or new subscription behind (§3.2, §3.4 "nothing", §3.7, §2.3, §2.7).
 * Compared before/after: GET /correlations total, the waiting events (subscriptions) and the variables of
 * the instances the message would have reached.
 */
import { HttpResult, TestServer } from '../../helpers/test-server';
import { correlationTotal, deploy, instance, message, startWaiting, unique, variables } from './message-kit';

const good = { paid: { value: true, type: 'Boolean' } };
const bad = { value: '1abc', type: 'Integer' };

describe('POST /engine-rest/message — bad input changes nothing', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
    for (const f of ['catch', 'start', 'parallel', 'both']) await deploy(server, `camunda-message-${f}.bpmn`);
  });
  afterAll(() => server.close());

  /** Everything observable that a message could change for these instances, plus the number of correlations. */
  const snapshot = async (ids: string[]) => ({
    correlations: await correlationTotal(server),
    instances: await Promise.all(ids.map(async (id) => {
      const detail = await instance(server, id);
      return {
        state: detail.state,
        active: detail.activeElements,
        waiting: detail.waitingEvents.map((e: { eventId: string; eventKey: string }) => `${e.eventKey}:${e.eventId}`).sort(),
        tasks: detail.openTasks,
        variables: await variables(server, id),
      };
    })),
  });

  const expectUnchanged = async (ids: string[], send: () => Promise<HttpResult>, status: number) => {
    const before = await snapshot(ids);
    const res = await send();
    expect(res.status).toBe(status);
    expect(await snapshot(ids)).toEqual(before);
  };

  const waitingPayment = async () => {
    const businessKey = unique('unchanged');
    const pid = await startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey, variables: { amount: { value: 5, type: 'Integer' } } });
    return { businessKey, pid };
  };

  it('§3.2#4 a bad processVariablesToTriggeredScope value after valid maps: the waiting instance is untouched', async () => {
    const { businessKey, pid } = await waitingPayment();
    await expectUnchanged([pid], () => message(server, {
      messageName: 'cm-payment', businessKey, processVariables: good, processVariablesLocal: good, processVariablesToTriggeredScope: { x: bad },
    }), 400);
  });

  it('§3.2#4 a bad variable for a message start event: no instance is started', async () => {
    await expectUnchanged([], () => message(server, { messageName: 'cm-order', processVariables: { ...good, x: bad } }), 400);
  });

  it('§3.2#2 tenant clash with a valid payload: nothing triggered or started', async () => {
    const { businessKey, pid } = await waitingPayment();
    await expectUnchanged([pid], () => message(server, {
      messageName: 'cm-payment', businessKey, tenantId: 't', withoutTenantId: true, processVariables: good,
    }), 400);
  });

  it('§3.2#3 variablesInResultEnabled without resultEnabled: nothing triggered', async () => {
    const { businessKey, pid } = await waitingPayment();
    await expectUnchanged([pid], () => message(server, { messageName: 'cm-payment', businessKey, variablesInResultEnabled: true, processVariables: good }), 400);
  });

  it('§3.2#5 processInstanceId with tenantId: the instance is untouched', async () => {
    const { pid } = await waitingPayment();
    await expectUnchanged([pid], () => message(server, { messageName: 'cm-payment', processInstanceId: pid, tenantId: 't', processVariables: good }), 400);
  });

  it('§3.4 ENGINE-13031 (two instances): neither instance gets the payload or moves', async () => {
    const businessKey = unique('ambiguous');
    const first = await startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey });
    const second = await startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey });
    await expectUnchanged([first, second], () => message(server, { messageName: 'cm-payment', businessKey, processVariables: good }), 400);
  });

  it('§3.4 ENGINE-13031 (parallel branches of one instance): the instance is untouched', async () => {
    const pid = await startWaiting(server, 'cm-parallel', ['WaitLeft', 'WaitRight']);
    await expectUnchanged([pid], () => message(server, { messageName: 'cm-twice', processInstanceId: pid, processVariablesLocal: good }), 400);
  });

  it('§3.4 nothing matched: no instance is started and no variable written', async () => {
    const { pid } = await waitingPayment();
    await expectUnchanged([pid], () => message(server, { messageName: 'cm-payment', businessKey: unique('nobody'), processVariables: good }), 400);
  });

  it('§3.4 a message start-name with a businessKey-matching execution does not also start an instance', async () => {
    const businessKey = unique('both');
    const pid = await startWaiting(server, 'cm-both', ['WaitBoth'], { businessKey });
    const before = await correlationTotal(server);
    expect((await message(server, { messageName: 'cm-both', businessKey })).status).toBe(204);
    expect(await correlationTotal(server)).toBe(before);
    expect((await instance(server, pid)).waitingEvents).toEqual([]);
  });

  it('§2.3 File without valueInfo (500): the waiting instance is untouched', async () => {
    const { businessKey, pid } = await waitingPayment();
    await expectUnchanged([pid], () => message(server, {
      messageName: 'cm-payment', businessKey, processVariables: good, processVariablesLocal: { f: { value: 'aGVsbG8=', type: 'File' } },
    }), 500);
  });

  it('§2.3 File without valueInfo (500) for a message start event: no instance is started', async () => {
    await expectUnchanged([], () => message(server, { messageName: 'cm-order', processVariables: { f: { value: 'aGVsbG8=', type: 'File' } } }), 500);
  });

  it('§2.7 a Bytes correlation key (500): the waiting instance is untouched', async () => {
    const { businessKey, pid } = await waitingPayment();
    await expectUnchanged([pid], () => message(server, {
      messageName: 'cm-payment', businessKey, correlationKeys: { blob: { value: 'aGVsbG8=', type: 'Bytes' } }, processVariables: good,
    }), 500);
  });

  it('§1.2 malformed JSON: nothing triggered or started', async () => {
    const { businessKey, pid } = await waitingPayment();
    await expectUnchanged([pid], () => server.request('POST', '/engine-rest/message', `{"messageName":"cm-payment","businessKey":"${businessKey}"`, {
      'content-type': 'application/json',
    }), 400);
  });
});
