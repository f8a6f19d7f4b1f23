/**
 * POST /engine-rest/message — §3.6 response shapes, §3.7 correlation failures on the wire, and the
 * synchronous continuation of §3.5 (the answer comes after the next wait state is reached).
 */
import { TestServer } from '../../helpers/test-server';
import {
  MISMATCH, deploy, expectJson, expectMismatch, expectMismatchPrefix, expectNoContent, instance, message, noMatch, out, startWaiting,
  unique, variables,
} from './message-kit';

describe('POST /engine-rest/message — §3.6 responses, §3.7 failures, synchronous continuation', () => {
  let server: TestServer;
  let startDefinitionId: string;
  let quickDefinitionId: string;

  beforeAll(async () => {
    server = await TestServer.start();
    for (const f of ['catch', 'catch-end', 'parallel']) await deploy(server, `camunda-message-${f}.bpmn`);
    [{ processDefinitionId: startDefinitionId }] = await deploy(server, 'camunda-message-start.bpmn');
    [{ processDefinitionId: quickDefinitionId }] = await deploy(server, 'camunda-message-start-end.bpmn');
  });
  afterAll(() => server.close());

  const waitingPayment = (vars = {}) =>
    startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey: unique('response'), variables: vars });

  describe('§3.6 shapes', () => {
    it('§3.6 resultEnabled false → 204, no body, no content type', async () => {
      const pid = await waitingPayment();
      expectNoContent(await message(server, { messageName: 'cm-payment', processInstanceId: pid, resultEnabled: false }));
    });

    it('§3.6 execution target → 200 [ {resultType "Execution", execution {id, processInstanceId, ended false, tenantId null}, processInstance null} ]', async () => {
      const pid = await waitingPayment();
      const res = await message(server, { messageName: 'cm-payment', processInstanceId: pid, resultEnabled: true });
      expect(res.status).toBe(200);
      expectJson(res);
      expect(res.body).toEqual([{
        resultType: 'Execution',
        execution: { id: expect.any(String), processInstanceId: pid, ended: false, tenantId: null },
        processInstance: null,
      }]);
    });

    it('§3.6 without variablesInResultEnabled the element has no "variables" key', async () => {
      const pid = await waitingPayment({ amount: { value: 1, type: 'Integer' } });
      const res = await message(server, { messageName: 'cm-payment', processInstanceId: pid, resultEnabled: true });
      expect(Object.keys(res.body[0]).sort()).toEqual(['execution', 'processInstance', 'resultType']);
      expect(Object.keys(res.body[0].execution).sort()).toEqual(['ended', 'id', 'processInstanceId', 'tenantId']);
    });

    it('§3.6 start-event target → 200 [ {resultType "ProcessDefinition", execution null, processInstance {…}} ], exact fields', async () => {
      const res = await message(server, { messageName: 'cm-order', resultEnabled: true });
      expect(res.status).toBe(200);
      expectJson(res);
      expect(res.body).toEqual([{
        resultType: 'ProcessDefinition',
        execution: null,
        processInstance: {
          links: [], id: expect.any(String), definitionId: startDefinitionId, definitionKey: 'cm-start', businessKey: null,
          caseInstanceId: null, ended: false, suspended: false, tenantId: null,
        },
      }]);
      expect(Object.keys(res.body[0]).sort()).toEqual(['execution', 'processInstance', 'resultType']);
      expect((await instance(server, res.body[0].processInstance.id)).processDefinitionId).toBe(startDefinitionId);
    });

    it('§3.6 start-event target carries the business key of the message', async () => {
      const businessKey = unique('start-bk');
      const res = await message(server, { messageName: 'cm-order', businessKey, resultEnabled: true });
      expect(res.body[0].processInstance.businessKey).toBe(businessKey);
    });

    it('§3.6 all=true results are an array with one element per target', async () => {
      const pid = await startWaiting(server, 'cm-parallel', ['WaitLeft', 'WaitRight']);
      const res = await message(server, { messageName: 'cm-twice', processInstanceId: pid, all: true, resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        { resultType: 'Execution', execution: expect.objectContaining({ processInstanceId: pid }), processInstance: null },
        { resultType: 'Execution', execution: expect.objectContaining({ processInstanceId: pid }), processInstance: null },
      ]);
      // Documented deviation: concurrent branches share the execution of their scope (Camunda gives each
      // branch an execution of its own), so both results name the process instance's execution.
      expect(res.body.map((r: any) => r.execution.id)).toEqual([pid, pid]);
    });

    it('§3.6 all=true without resultEnabled → 204', async () => {
      expectNoContent(await message(server, { messageName: 'cm-order', all: true }));
    });
  });

  describe('§3.6 state after the synchronous continuation', () => {
    it('§3.6 execution target: "ended" is true when the continuation ended the instance', async () => {
      const pid = await startWaiting(server, 'cm-finish', ['WaitFinish']);
      const res = await message(server, { messageName: 'cm-finish', processInstanceId: pid, resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([{
        resultType: 'Execution', execution: { id: expect.any(String), processInstanceId: pid, ended: true, tenantId: null }, processInstance: null,
      }]);
      expect((await instance(server, pid)).state).toBe('completed');
    });

    it('§3.6 start-event target: processInstance.ended is true when the instance ran to its end', async () => {
      const res = await message(server, { messageName: 'cm-quick', resultEnabled: true });
      expect(res.status).toBe(200);
      expect(res.body[0].processInstance).toMatchObject({ definitionId: quickDefinitionId, ended: true });
    });

    it('§3.5 the answer comes after the continuation: right after 204 the next task is active, no polling', async () => {
      const pid = await waitingPayment();
      expectNoContent(await message(server, { messageName: 'cm-payment', processInstanceId: pid }));
      const now = await instance(server, pid);
      expect(now.activeElements).toEqual([{ elementId: 'Ship', count: 1 }]);
      expect(now.openTasks).toEqual([expect.objectContaining({ elementId: 'Ship' })]);
      expect(now.waitingEvents).toEqual([]);
    });

    it('§3.5 a message start answers after the new instance reached its first wait state', async () => {
      const res = await message(server, { messageName: 'cm-order', resultEnabled: true });
      const now = await instance(server, res.body[0].processInstance.id);
      expect(now.openTasks).toEqual([expect.objectContaining({ elementId: 'Review' })]);
    });
  });

  describe('§3.6 variablesInResultEnabled', () => {
    it('§3.6 variables of the root scope after the continuation, serialized form (§2.5)', async () => {
      const pid = await waitingPayment({ amount: { value: 100, type: 'Integer' } });
      const res = await message(server, {
        messageName: 'cm-payment', processInstanceId: pid, resultEnabled: true, variablesInResultEnabled: true,
        processVariables: {
          paid: { value: true, type: 'Boolean' },
          paidAt: { value: '2013-01-23T13:42:42.000+0200', type: 'Date' },
          receipt: { value: '{"no":1}', type: 'Json' },
          raw: { value: 'aGVsbG8=', type: 'Bytes' },
          scan: { value: 'aGVsbG8=', type: 'File', valueInfo: { filename: 'scan.pdf', mimeType: 'application/pdf' } },
        },
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([{
        resultType: 'Execution',
        execution: { id: expect.any(String), processInstanceId: pid, ended: false, tenantId: null },
        processInstance: null,
        variables: {
          amount: out('Integer', 100),
          paid: out('Boolean', true),
          paidAt: out('Date', '2013-01-23T11:42:42.000+0000'),
          receipt: out('Json', '{"no":1}'),
          raw: out('Bytes', 'aGVsbG8='),
          scan: { type: 'File', value: null, valueInfo: { filename: 'scan.pdf', mimeType: 'application/pdf' } },
        },
      }]);
    });

    it('§3.6 variables of an instance that ended are those at the moment it ended', async () => {
      const res = await message(server, {
        messageName: 'cm-quick', resultEnabled: true, variablesInResultEnabled: true, processVariables: { note: { value: 'done', type: 'String' } },
      });
      expect(res.status).toBe(200);
      expect(res.body[0]).toMatchObject({ resultType: 'ProcessDefinition', execution: null, variables: { note: out('String', 'done') } });
      expect(res.body[0].processInstance.ended).toBe(true);
    });

    it('§3.6 start-event target with variablesInResultEnabled: the new instance\'s variables', async () => {
      const res = await message(server, {
        messageName: 'cm-order', resultEnabled: true, variablesInResultEnabled: true, processVariables: { qty: { value: 3, type: 'Long' } },
      });
      expect(Object.keys(res.body[0]).sort()).toEqual(['execution', 'processInstance', 'resultType', 'variables']);
      expect(res.body[0].variables).toEqual({ qty: out('Long', 3) });
      expect(await variables(server, res.body[0].processInstance.id)).toEqual({ qty: out('Long', 3) });
    });
  });

  describe('§3.7 correlation failures', () => {
    it('§3.7 nothing matched → 400 RestException, code 0, MismatchingMessageCorrelationException prefix', async () => {
      const res = await message(server, { messageName: 'cm-unmatched' });
      expectMismatch(res, noMatch('cm-unmatched'));
      expect(res.body.message).toBe(`${MISMATCH}Cannot correlate message 'cm-unmatched': No process definition or execution matches the parameters`);
    });

    it('§3.7 nothing matched with resultEnabled is the same error', async () => {
      expectMismatch(await message(server, { messageName: 'cm-unmatched', resultEnabled: true, variablesInResultEnabled: true }), noMatch('cm-unmatched'));
    });

    it('§3.7 >1 executions → ENGINE-13031 message with the count and the CorrelationSet', async () => {
      const pid = await startWaiting(server, 'cm-parallel', ['WaitLeft', 'WaitRight']);
      const res = await message(server, { messageName: 'cm-twice', processInstanceId: pid, resultEnabled: true });
      expectMismatchPrefix(res, "ENGINE-13031 Cannot correlate a message with name 'cm-twice' to a single execution. 2 executions match the correlation keys: CorrelationSet [businessKey=");
    });
  });
});
