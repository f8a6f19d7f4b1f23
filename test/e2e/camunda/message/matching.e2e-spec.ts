/**
 * POST /engine-rest/message — §3.3 Phase A: which waiting executions a message matches (name, business
 * key, process instance, type-exact correlation keys, local correlation keys) and which kinds of wait
 * state are targets.
 */
import { TestServer } from '../../helpers/test-server';
import {
  Typed, activeElementIds, deploy, expectMismatch, expectNoContent, message, noMatch, startWaiting, unique, waitingEventKeys,
} from './message-kit';

const DATE = '2013-01-23T13:42:42.000+0200';

describe('POST /engine-rest/message — §3.3 matching waiting executions', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
    for (const f of ['catch', 'scopes', 'targets']) await deploy(server, `camunda-message-${f}.bpmn`);
  });
  afterAll(() => server.close());

  /** A cm-catch instance waiting for cm-payment under its own business key. */
  const waitingPayment = async (vars: Record<string, Typed> = {}) => {
    const businessKey = unique('match');
    const pid = await startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey, variables: vars });
    return { businessKey, pid };
  };

  describe('§3.3#1 message name', () => {
    it('§3.3#1 names match exactly and case-sensitively', async () => {
      const { businessKey, pid } = await waitingPayment();
      expectMismatch(await message(server, { messageName: 'CM-PAYMENT', businessKey }), noMatch('CM-PAYMENT'));
      expect(await waitingEventKeys(server, pid)).toEqual(['WaitPayment']);
      expectNoContent(await message(server, { messageName: 'cm-payment', businessKey }));
      expect(await activeElementIds(server, pid)).toEqual(['Ship']);
    });
  });

  describe('§3.3#3/#4 business key and process instance', () => {
    it('§3.3#3 businessKey restricts to the instance with that business key', async () => {
      const one = await waitingPayment();
      const two = await waitingPayment();
      expectNoContent(await message(server, { messageName: 'cm-payment', businessKey: two.businessKey }));
      expect(await activeElementIds(server, two.pid)).toEqual(['Ship']);
      expect(await activeElementIds(server, one.pid)).toEqual(['WaitPayment']);
    });

    it('§3.3#3 a businessKey no waiting instance has matches nothing (no start event) → 400 mismatch', async () => {
      expectMismatch(await message(server, { messageName: 'cm-payment', businessKey: unique('nobody') }), noMatch('cm-payment'));
    });

    it('§3.3#4 processInstanceId restricts to that instance', async () => {
      const one = await waitingPayment();
      const two = await waitingPayment();
      expectNoContent(await message(server, { messageName: 'cm-payment', processInstanceId: one.pid }));
      expect(await activeElementIds(server, one.pid)).toEqual(['Ship']);
      expect(await activeElementIds(server, two.pid)).toEqual(['WaitPayment']);
    });

    it('§3.3#3+#4 businessKey and processInstanceId must both hold', async () => {
      const one = await waitingPayment();
      const two = await waitingPayment();
      const res = await message(server, { messageName: 'cm-payment', processInstanceId: one.pid, businessKey: two.businessKey });
      expectMismatch(res, noMatch('cm-payment'));
      expect(await waitingEventKeys(server, one.pid)).toEqual(['WaitPayment']);
    });
  });

  describe('§3.3#5 correlationKeys are type-exact', () => {
    const VARS: Record<string, Typed> = {
      n: { value: 5, type: 'Integer' }, s: { value: '5', type: 'String' }, d: { value: DATE, type: 'Date' }, l: { value: 5, type: 'Long' },
    };
    const NON_MATCHING: [string, Record<string, Typed>][] = [
      ['Long 5 vs Integer 5', { n: { value: 5, type: 'Long' } }],
      ['Short 5 vs Integer 5', { n: { value: 5, type: 'Short' } }],
      ['Double 5 vs Integer 5', { n: { value: 5, type: 'Double' } }],
      ['String "5" vs Integer 5', { n: { value: '5', type: 'String' } }],
      ['Integer 5 vs String "5"', { s: { value: 5, type: 'Integer' } }],
      ['Integer 5 vs Long 5', { l: { value: 5, type: 'Integer' } }],
      ['String with the date text vs Date', { d: { value: DATE, type: 'String' } }],
      ['Date one millisecond later vs Date', { d: { value: '2013-01-23T13:42:42.001+0200', type: 'Date' } }],
      ['Integer 6 vs Integer 5', { n: { value: 6, type: 'Integer' } }],
      ['a variable the instance does not have', { missing: { value: 5, type: 'Integer' } }],
      ['one of two keys differs', { n: { value: 5, type: 'Integer' }, s: { value: '6', type: 'String' } }],
    ];
    it.each(NON_MATCHING)('§3.3#5 %s does not match', async (_label, keys) => {
      const { businessKey, pid } = await waitingPayment(VARS);
      expectMismatch(await message(server, { messageName: 'cm-payment', businessKey, correlationKeys: keys }), noMatch('cm-payment'));
      expect(await waitingEventKeys(server, pid)).toEqual(['WaitPayment']);
    });

    const MATCHING: [string, Record<string, Typed>][] = [
      ['Integer 5 vs Integer 5', { n: { value: 5, type: 'Integer' } }],
      ['untyped 5 (inferred Integer) vs Integer 5', { n: { value: 5 } }],
      ["Integer '5' (converted) vs Integer 5", { n: { value: '5', type: 'Integer' } }],
      ['Long 5 vs Long 5', { l: { value: 5, type: 'Long' } }],
      ['String "5" vs String "5"', { s: { value: '5', type: 'String' } }],
      ['Date at the same instant in another offset vs Date', { d: { value: '2013-01-23T11:42:42.000+0000', type: 'Date' } }],
      ['all keys equal', { n: { value: 5, type: 'Integer' }, s: { value: '5', type: 'String' }, d: { value: DATE, type: 'Date' } }],
    ];
    it.each(MATCHING)('§3.3#5 %s matches', async (_label, keys) => {
      const { businessKey, pid } = await waitingPayment(VARS);
      expectNoContent(await message(server, { messageName: 'cm-payment', businessKey, correlationKeys: keys }));
      expect(await activeElementIds(server, pid)).toEqual(['Ship']);
    });

    it('§3.3#5 correlationKeys alone pick the one instance whose variable equals', async () => {
      const marker = unique('order');
      const other = await waitingPayment({ orderNo: { value: `${marker}-other`, type: 'String' } });
      const target = await waitingPayment({ orderNo: { value: marker, type: 'String' } });
      expectNoContent(await message(server, { messageName: 'cm-payment', correlationKeys: { orderNo: { value: marker, type: 'String' } } }));
      expect(await activeElementIds(server, target.pid)).toEqual(['Ship']);
      expect(await activeElementIds(server, other.pid)).toEqual(['WaitPayment']);
    });
  });

  describe('§3.3#5/#6 scopes: correlationKeys see every scope of the instance, localCorrelationKeys only the waiting execution', () => {
    /** A cm-scopes instance at WaitB, with `subLocal` local to the embedded subprocess and `rootVar` on the instance. */
    const atWaitB = async () => {
      const marker = unique('scope');
      const pid = await startWaiting(server, 'cm-scopes', ['EvtStart', 'Ping', 'WaitA'], {
        variables: { rootVar: { value: marker, type: 'String' } },
      });
      const res = await message(server, {
        messageName: 'cm-sub-a', processInstanceId: pid, processVariablesLocal: { subLocal: { value: marker, type: 'String' } },
      });
      expectNoContent(res);
      expect(await waitingEventKeys(server, pid)).toEqual(['EvtStart', 'Ping', 'WaitB']);
      return { pid, marker };
    };

    it('§3.3#6 localCorrelationKeys match a variable local to the subprocess scope the catch event waits in', async () => {
      const { pid, marker } = await atWaitB();
      const res = await message(server, { messageName: 'cm-sub-b', localCorrelationKeys: { subLocal: { value: marker, type: 'String' } } });
      expectNoContent(res);
      expect(await activeElementIds(server, pid)).toEqual(['AfterSub']);
    });

    it('§3.3#6 localCorrelationKeys do not see variables of an outer scope', async () => {
      const { pid, marker } = await atWaitB();
      const res = await message(server, { messageName: 'cm-sub-b', localCorrelationKeys: { rootVar: { value: marker, type: 'String' } } });
      expectMismatch(res, noMatch('cm-sub-b'));
      expect(await waitingEventKeys(server, pid)).toEqual(['EvtStart', 'Ping', 'WaitB']);
    });

    it('§3.3#6 localCorrelationKeys are type-exact', async () => {
      const seeded = await startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey: unique('lk'), variables: { k: { value: 7, type: 'Integer' } } });
      const res = await message(server, { messageName: 'cm-payment', processInstanceId: seeded, localCorrelationKeys: { k: { value: 7, type: 'Long' } } });
      expectMismatch(res, noMatch('cm-payment'));
      expect(await waitingEventKeys(server, seeded)).toEqual(['WaitPayment']);
    });

    it('§3.3#6 at process level the waiting execution is the instance: its variables match localCorrelationKeys', async () => {
      const marker = unique('root-local');
      const { pid } = await waitingPayment({ ref: { value: marker, type: 'String' } });
      expectNoContent(await message(server, { messageName: 'cm-payment', localCorrelationKeys: { ref: { value: marker, type: 'String' } } }));
      expect(await activeElementIds(server, pid)).toEqual(['Ship']);
    });

    it('§3.3#5 correlationKeys match a variable in any execution scope of the instance (here: local to the subprocess)', async () => {
      const { pid, marker } = await atWaitB();
      const res = await message(server, { messageName: 'cm-sub-b', correlationKeys: { subLocal: { value: marker, type: 'String' } } });
      expectNoContent(res);
      expect(await activeElementIds(server, pid)).toEqual(['AfterSub']);
    });

    it('§3.3#5 correlationKeys match root variables for a catch event inside a subprocess', async () => {
      const { pid, marker } = await atWaitB();
      const res = await message(server, { messageName: 'cm-sub-b', correlationKeys: { rootVar: { value: marker, type: 'String' } } });
      expectNoContent(res);
      expect(await activeElementIds(server, pid)).toEqual(['AfterSub']);
    });
  });

  describe('§3.3 Phase A targets: every kind of waiting execution', () => {
    const targets = () => startWaiting(server, 'cm-targets', ['Abort', 'AwaitReceipt', 'Stop', 'WaitGwA', 'WaitGwB'], { businessKey: unique('targets') });

    it('§3.3 a receive task is a target and is left after the message', async () => {
      const pid = await targets();
      expectNoContent(await message(server, { messageName: 'cm-receipt', processInstanceId: pid }));
      expect(await activeElementIds(server, pid)).toEqual(['Gateway', 'ReceiptTask', 'Work']);
    });

    it('§3.3 a catch event after an event-based gateway is a target; the other branch stops waiting', async () => {
      const pid = await targets();
      expectNoContent(await message(server, { messageName: 'cm-gw-b', processInstanceId: pid }));
      expect(await activeElementIds(server, pid)).toEqual(['AwaitReceipt', 'GwBTask', 'Work']);
      expect(await waitingEventKeys(server, pid)).toEqual(['Abort', 'AwaitReceipt', 'Stop']);
    });

    it('§3.3 an interrupting boundary event is a target; its host activity is cancelled', async () => {
      const pid = await targets();
      expectNoContent(await message(server, { messageName: 'cm-abort', processInstanceId: pid }));
      expect(await activeElementIds(server, pid)).toEqual(['AbortedTask', 'AwaitReceipt', 'Gateway']);
    });

    it('§3.3 an interrupting event-subprocess start is a target; the enclosing scope is cancelled', async () => {
      const pid = await targets();
      expectNoContent(await message(server, { messageName: 'cm-stop', processInstanceId: pid }));
      expect(await activeElementIds(server, pid)).toEqual(['StoppedTask']);
      expect(await waitingEventKeys(server, pid)).toEqual([]);
    });

    it('§3.3 a non-interrupting boundary event is a target and keeps its subscription', async () => {
      const pid = await startWaiting(server, 'cm-scopes', ['EvtStart', 'Ping', 'WaitA']);
      expectNoContent(await message(server, { messageName: 'cm-sub-ping', processInstanceId: pid }));
      expect(await waitingEventKeys(server, pid)).toEqual(['EvtStart', 'Ping', 'WaitA']);
      expectNoContent(await message(server, { messageName: 'cm-sub-ping', processInstanceId: pid }));
    });

    it('§3.3 a non-interrupting event-subprocess start is a target and keeps its subscription', async () => {
      const pid = await startWaiting(server, 'cm-scopes', ['EvtStart', 'Ping', 'WaitA']);
      expectNoContent(await message(server, { messageName: 'cm-evt', processInstanceId: pid }));
      expect(await waitingEventKeys(server, pid)).toEqual(['EvtStart', 'EvtWait', 'Ping', 'WaitA']);
    });
  });
});
