/**
 * POST /engine-rest/message — §3.4 outcome table (rows without tenants; the several-tenants row is in
 * tenants.e2e-spec.ts) and §3.3 Phase B: executions first, start events only when no execution matched,
 * start events ignore businessKey/processInstanceId/correlationKeys, latest version only.
 */
import { TestServer, fixture } from '../../helpers/test-server';
import {
  activeElementIds, correlationTotal, deploy, expectMismatch, expectMismatchPrefix, expectNoContent, instance, message, noMatch,
  startWaiting, unique, variables, waitingEventKeys,
} from './message-kit';

describe('POST /engine-rest/message — §3.4 outcome table', () => {
  let server: TestServer;
  let bothDefinitionId: string;

  beforeAll(async () => {
    server = await TestServer.start();
    for (const f of ['catch', 'start', 'parallel', 'start-end']) await deploy(server, `camunda-message-${f}.bpmn`);
    [{ processDefinitionId: bothDefinitionId }] = await deploy(server, 'camunda-message-both.bpmn');
  });
  afterAll(() => server.close());

  const waitingBoth = (businessKey: string) => startWaiting(server, 'cm-both', ['WaitBoth'], { businessKey });

  describe('all=false', () => {
    it('§3.4 all=false, exactly 1 execution → that execution is triggered → 204', async () => {
      const businessKey = unique('one');
      const pid = await startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey });
      expectNoContent(await message(server, { messageName: 'cm-payment', businessKey }));
      expect(await activeElementIds(server, pid)).toEqual(['Ship']);
    });

    it('§3.4 all=false, 2 executions (two instances) → 400 ENGINE-13031, nothing triggered', async () => {
      const businessKey = unique('two');
      const first = await startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey });
      const second = await startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey });
      const res = await message(server, { messageName: 'cm-payment', businessKey });
      expectMismatchPrefix(res, "ENGINE-13031 Cannot correlate a message with name 'cm-payment' to a single execution. 2 executions match the correlation keys: CorrelationSet [");
      expect(await waitingEventKeys(server, first)).toEqual(['WaitPayment']);
      expect(await waitingEventKeys(server, second)).toEqual(['WaitPayment']);
    });

    it('§3.4 all=false, 2 executions of one instance (parallel branches) → 400 ENGINE-13031 even with processInstanceId', async () => {
      const pid = await startWaiting(server, 'cm-parallel', ['WaitLeft', 'WaitRight']);
      const res = await message(server, { messageName: 'cm-twice', processInstanceId: pid });
      expectMismatchPrefix(res, "ENGINE-13031 Cannot correlate a message with name 'cm-twice' to a single execution. 2 executions match the correlation keys: CorrelationSet [");
      expect(await waitingEventKeys(server, pid)).toEqual(['WaitLeft', 'WaitRight']);
    });

    it('§3.4 all=false, 0 executions, 1 start event → one instance is started → 204', async () => {
      const before = await correlationTotal(server);
      const res = await message(server, { messageName: 'cm-order', resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(1);
      expect(await activeElementIds(server, res.body[0].processInstance.id)).toEqual(['Review']);
      expect(await correlationTotal(server)).toBe(before + 1);
    });

    it("§3.4 all=false, 0 executions, 0 start events → 400 \"Cannot correlate message '<name>': No process definition or execution matches the parameters\"", async () => {
      const before = await correlationTotal(server);
      expectMismatch(await message(server, { messageName: 'cm-no-such-message' }), noMatch('cm-no-such-message'));
      expect(await correlationTotal(server)).toBe(before);
    });
  });

  describe('executions take precedence over start events', () => {
    it('§3.4 all=false: with a matching execution the start event is not considered', async () => {
      const businessKey = unique('precedence');
      const pid = await waitingBoth(businessKey);
      const before = await correlationTotal(server);
      const res = await message(server, { messageName: 'cm-both', businessKey, resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([expect.objectContaining({ resultType: 'Execution', processInstance: null })]);
      expect(await activeElementIds(server, pid)).toEqual(['AfterCatch']);
      expect(await correlationTotal(server)).toBe(before);
    });

    it('§3.3 Phase B ignores businessKey: a businessKey no execution has starts a new instance with that business key', async () => {
      const businessKey = unique('new-bk');
      const bystander = await waitingBoth(unique('bystander'));
      const res = await message(server, { messageName: 'cm-both', businessKey, resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([expect.objectContaining({ resultType: 'ProcessDefinition', execution: null })]);
      const started = res.body[0].processInstance;
      expect(started).toMatchObject({ businessKey, definitionId: bothDefinitionId, definitionKey: 'cm-both' });
      expect((await instance(server, started.id)).businessKey).toBe(businessKey);
      expect(await activeElementIds(server, started.id)).toEqual(['AfterStart']);
      expect(await waitingEventKeys(server, bystander)).toEqual(['WaitBoth']);
    });

    it('§3.3 Phase B ignores processInstanceId: an instance that does not wait for the message does not stop a start', async () => {
      const other = await startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey: unique('not-waiting-for-both') });
      const res = await message(server, { messageName: 'cm-both', processInstanceId: other, resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([expect.objectContaining({ resultType: 'ProcessDefinition', execution: null })]);
      expect(res.body[0].processInstance.id).not.toBe(other);
      expect(await activeElementIds(server, res.body[0].processInstance.id)).toEqual(['AfterStart']);
      expect(await waitingEventKeys(server, other)).toEqual(['WaitPayment']);
    });

    it('§3.3 Phase B ignores correlationKeys: unmatched keys still start an instance, and are not stored as variables', async () => {
      const res = await message(server, {
        messageName: 'cm-both', resultEnabled: true, correlationKeys: { orderNo: { value: unique('unmatched'), type: 'String' } },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([expect.objectContaining({ resultType: 'ProcessDefinition' })]);
      expect(await variables(server, res.body[0].processInstance.id)).toEqual({});
    });

    it('§3.3 Phase B ignores localCorrelationKeys: unmatched local keys still start an instance', async () => {
      const res = await message(server, {
        messageName: 'cm-both', resultEnabled: true, localCorrelationKeys: { orderNo: { value: unique('unmatched'), type: 'String' } },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([expect.objectContaining({ resultType: 'ProcessDefinition' })]);
      expect(await activeElementIds(server, res.body[0].processInstance.id)).toEqual(['AfterStart']);
    });

    it('§3.3 Phase B only the latest version of a definition starts', async () => {
      const xml = fixture('camunda-message-start-end.bpmn').replace('name="Message start then end"', 'name="Message start then end v2"');
      const [v2] = await deploy(server, 'camunda-message-start-end.bpmn', undefined, xml);
      expect(v2.version).toBe(2);
      const res = await message(server, { messageName: 'cm-quick', resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body).toHaveLength(1);
      expect(res.body[0].processInstance.definitionId).toBe(v2.processDefinitionId);
    });
  });

  describe('all=true', () => {
    it('§3.4 all=true with nothing matched → 204 (no error)', async () => {
      expectNoContent(await message(server, { messageName: 'cm-no-such-message', all: true }));
    });

    it('§3.4 all=true with nothing matched and resultEnabled → 200 []', async () => {
      const res = await message(server, { messageName: 'cm-payment', businessKey: unique('nobody'), all: true, resultEnabled: true });
      expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: [] });
    });

    it('§3.4 all=true triggers every matching execution (two instances)', async () => {
      const businessKey = unique('all-two');
      const first = await startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey });
      const second = await startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey });
      expectNoContent(await message(server, { messageName: 'cm-payment', businessKey, all: true }));
      expect(await activeElementIds(server, first)).toEqual(['Ship']);
      expect(await activeElementIds(server, second)).toEqual(['Ship']);
    });

    it('§3.4 all=true triggers both executions of one instance (parallel branches)', async () => {
      const pid = await startWaiting(server, 'cm-parallel', ['WaitLeft', 'WaitRight']);
      const res = await message(server, { messageName: 'cm-twice', processInstanceId: pid, all: true, resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body.map((r: { resultType: string }) => r.resultType)).toEqual(['Execution', 'Execution']);
      expect(await activeElementIds(server, pid)).toEqual(['AfterBoth']);
    });

    it('§3.4 all=true with several executions and a start event → all executions triggered, then one instance started (n+m results)', async () => {
      const businessKey = unique('all-mixed');
      const first = await waitingBoth(businessKey);
      const second = await waitingBoth(businessKey);
      const before = await correlationTotal(server);
      const res = await message(server, { messageName: 'cm-both', businessKey, all: true, resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body.map((r: { resultType: string }) => r.resultType)).toEqual(['Execution', 'Execution', 'ProcessDefinition']);
      expect(res.body.slice(0, 2).map((r: { execution: { processInstanceId: string } }) => r.execution.processInstanceId).sort())
        .toEqual([first, second].sort());
      expect(await activeElementIds(server, first)).toEqual(['AfterCatch']);
      expect(await activeElementIds(server, second)).toEqual(['AfterCatch']);
      const started = res.body[2].processInstance;
      expect(started.businessKey).toBe(businessKey);
      expect(await activeElementIds(server, started.id)).toEqual(['AfterStart']);
      expect(await correlationTotal(server)).toBe(before + 1);
    });

    it('§3.4 all=true with only a start event → the instance is started', async () => {
      const res = await message(server, { messageName: 'cm-order', all: true, resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([expect.objectContaining({ resultType: 'ProcessDefinition', execution: null })]);
    });
  });
});
