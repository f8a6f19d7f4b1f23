/**
 * POST /engine-rest/message — §3.5 applying the payload (with the §2.8 scoping rules): where
 * processVariables, processVariablesLocal and processVariablesToTriggeredScope land, for a catch event at
 * process level, a catch event inside an embedded subprocess, a boundary event, an event-subprocess start
 * and a message start event. Checked through GET /process_instances/{id}/variables (and `?scope=`).
 */
import { TestServer } from '../../helpers/test-server';
import {
  activeElementIds, deploy, expectNoContent, message, out, startWaiting, unique, variables, waitingEventKeys,
} from './message-kit';

const str = (value: string) => ({ value, type: 'String' });

describe('POST /engine-rest/message — §3.5 applying the payload', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await TestServer.start();
    for (const f of ['catch', 'scopes', 'start']) await deploy(server, `camunda-message-${f}.bpmn`);
  });
  afterAll(() => server.close());

  describe('execution target: catch event at process level (the waiting execution is the instance)', () => {
    const waiting = () => startWaiting(server, 'cm-catch', ['WaitPayment'], { businessKey: unique('payload'), variables: { before: str('b') } });

    it('§3.5#1 processVariables are written to the process instance', async () => {
      const pid = await waiting();
      expectNoContent(await message(server, { messageName: 'cm-payment', processInstanceId: pid, processVariables: { paid: str('yes') } }));
      expect(await variables(server, pid)).toEqual({ before: out('String', 'b'), paid: out('String', 'yes') });
    });

    it('§3.5#1 processVariables overwrite an existing variable of the same name', async () => {
      const pid = await waiting();
      expectNoContent(await message(server, { messageName: 'cm-payment', processInstanceId: pid, processVariables: { before: { value: 1, type: 'Integer' } } }));
      expect(await variables(server, pid)).toEqual({ before: out('Integer', 1) });
    });

    it('§3.5#2 processVariablesLocal are written locally on the waiting execution (here the instance)', async () => {
      const pid = await waiting();
      expectNoContent(await message(server, { messageName: 'cm-payment', processInstanceId: pid, processVariablesLocal: { local: str('l') } }));
      expect(await variables(server, pid)).toEqual({ before: out('String', 'b'), local: out('String', 'l') });
    });

    it('§3.5#3 processVariablesToTriggeredScope on an intermediate catch event are a local write on the waiting execution', async () => {
      const pid = await waiting();
      expectNoContent(await message(server, { messageName: 'cm-payment', processInstanceId: pid, processVariablesToTriggeredScope: { t: str('t') } }));
      expect(await variables(server, pid)).toEqual({ before: out('String', 'b'), t: out('String', 't') });
    });

    it('§3.5 all three maps are applied together to the triggered execution', async () => {
      const pid = await waiting();
      const res = await message(server, {
        messageName: 'cm-payment', processInstanceId: pid,
        processVariables: { a: str('1') }, processVariablesLocal: { b: str('2') }, processVariablesToTriggeredScope: { c: str('3') },
      });
      expectNoContent(res);
      expect(await variables(server, pid)).toEqual({ before: out('String', 'b'), a: out('String', '1'), b: out('String', '2'), c: out('String', '3') });
      expect(await activeElementIds(server, pid)).toEqual(['Ship']);
    });
  });

  describe('execution target inside an embedded subprocess', () => {
    /** A cm-scopes instance and the id of its subprocess execution, learnt from the host of the boundary event. */
    const inSubprocess = async () => {
      const pid = await startWaiting(server, 'cm-scopes', ['EvtStart', 'Ping', 'WaitA'], { variables: { rootVar: str('r') } });
      const ping = await message(server, { messageName: 'cm-sub-ping', processInstanceId: pid, resultEnabled: true });
      expect(ping.status).toBe(200);
      return { pid, sub: ping.body[0].execution.id as string };
    };

    it('§3.5#2 boundary event: processVariablesLocal land on the host execution (the subprocess scope), not on the instance', async () => {
      const pid = await startWaiting(server, 'cm-scopes', ['EvtStart', 'Ping', 'WaitA']);
      const res = await message(server, {
        messageName: 'cm-sub-ping', processInstanceId: pid, resultEnabled: true, processVariablesLocal: { pingLocal: str('p') },
      });
      expect(res.status).toBe(200);
      const sub = res.body[0].execution.id;
      expect(sub).not.toBe(pid);
      expect(await variables(server, pid, sub)).toEqual({ pingLocal: out('String', 'p') });
      expect(await variables(server, pid)).toEqual({});
    });

    it('§3.5#2 catch event in a subprocess: processVariablesLocal land on the subprocess scope, not on the instance', async () => {
      const { pid, sub } = await inSubprocess();
      expectNoContent(await message(server, { messageName: 'cm-sub-a', processInstanceId: pid, processVariablesLocal: { subLocal: str('s') } }));
      expect(await variables(server, pid, sub)).toEqual({ subLocal: out('String', 's') });
      expect(await variables(server, pid)).toEqual({ rootVar: out('String', 'r') });
      expect(await waitingEventKeys(server, pid)).toEqual(['EvtStart', 'Ping', 'WaitB']);
    });

    it('§3.5#3 catch event in a subprocess: processVariablesToTriggeredScope are local on the waiting execution (the subprocess scope)', async () => {
      const { pid, sub } = await inSubprocess();
      expectNoContent(await message(server, { messageName: 'cm-sub-a', processInstanceId: pid, processVariablesToTriggeredScope: { t: str('t') } }));
      expect(await variables(server, pid, sub)).toEqual({ t: out('String', 't') });
      expect(await variables(server, pid)).toEqual({ rootVar: out('String', 'r') });
    });

    it('§3.5#1/§2.8 catch event in a subprocess: a new processVariables name is created on the process instance', async () => {
      const { pid, sub } = await inSubprocess();
      expectNoContent(await message(server, { messageName: 'cm-sub-a', processInstanceId: pid, processVariables: { fresh: str('f') } }));
      expect(await variables(server, pid)).toEqual({ rootVar: out('String', 'r'), fresh: out('String', 'f') });
      expect(await variables(server, pid, sub)).toEqual({});
    });

    it('§3.5#1/§2.8 processVariables update the nearest scope that already has the name (the subprocess), not the instance', async () => {
      const { pid } = await inSubprocess();
      expectNoContent(await message(server, { messageName: 'cm-sub-a', processInstanceId: pid, processVariablesLocal: { shared: str('inner') } }));
      expectNoContent(await message(server, { messageName: 'cm-sub-b', processInstanceId: pid, processVariables: { shared: str('updated'), rootVar: str('r2') } }));
      // `shared` was updated in the subprocess scope, which has ended with it; the instance never got it
      expect(await activeElementIds(server, pid)).toEqual(['AfterSub']);
      expect(await variables(server, pid)).toEqual({ rootVar: out('String', 'r2') });
    });

    it('§3.5#1/§2.8 processVariables update a subprocess-local variable in place (read while the subprocess is still active)', async () => {
      const { pid, sub } = await inSubprocess();
      expectNoContent(await message(server, { messageName: 'cm-sub-ping', processInstanceId: pid, processVariablesLocal: { shared: str('inner') } }));
      expectNoContent(await message(server, { messageName: 'cm-sub-a', processInstanceId: pid, processVariables: { shared: str('updated') } }));
      expect(await variables(server, pid, sub)).toEqual({ shared: out('String', 'updated') });
      expect(await variables(server, pid)).toEqual({ rootVar: out('String', 'r') });
    });
  });

  describe('execution target: non-interrupting event-subprocess start (the waiting execution is the enclosing scope)', () => {
    const waitingScopes = () => startWaiting(server, 'cm-scopes', ['EvtStart', 'Ping', 'WaitA'], { variables: { rootVar: str('r') } });

    it('§3.5#3 processVariablesToTriggeredScope land in the new event-subprocess scope, not on the instance', async () => {
      const pid = await waitingScopes();
      const ticket = unique('ticket');
      expectNoContent(await message(server, { messageName: 'cm-evt', processInstanceId: pid, processVariablesToTriggeredScope: { ticket: str(ticket) } }));
      expect(await variables(server, pid)).toEqual({ rootVar: out('String', 'r') });
      // the catch event inside the event subprocess waits in that scope: its local variables hold the ticket
      const res = await message(server, { messageName: 'cm-evt-inner', localCorrelationKeys: { ticket: str(ticket) } });
      expectNoContent(res);
      expect(await activeElementIds(server, pid)).toEqual(['EvtTask', 'WaitA']);
    });

    it('§3.5#1 processVariables go to the process instance', async () => {
      const pid = await waitingScopes();
      expectNoContent(await message(server, { messageName: 'cm-evt', processInstanceId: pid, processVariables: { info: str('i') } }));
      expect(await variables(server, pid)).toEqual({ rootVar: out('String', 'r'), info: out('String', 'i') });
    });

    it('§3.5#2 processVariablesLocal are local to the execution holding the subscription (the instance)', async () => {
      const pid = await waitingScopes();
      expectNoContent(await message(server, { messageName: 'cm-evt', processInstanceId: pid, processVariablesLocal: { info: str('l') } }));
      expect(await variables(server, pid)).toEqual({ rootVar: out('String', 'r'), info: out('String', 'l') });
    });
  });

  describe('start-event target', () => {
    it('§3.5 a started instance gets the union of processVariables, processVariablesLocal and processVariablesToTriggeredScope', async () => {
      const res = await message(server, {
        messageName: 'cm-order', resultEnabled: true,
        processVariables: { a: str('1') }, processVariablesLocal: { b: str('2') }, processVariablesToTriggeredScope: { c: str('3') },
      });
      expect(res.status).toBe(200);
      expect(await variables(server, res.body[0].processInstance.id)).toEqual({ a: out('String', '1'), b: out('String', '2'), c: out('String', '3') });
    });

    it('§3.5 on name clashes the later map wins (processVariablesToTriggeredScope over processVariablesLocal over processVariables)', async () => {
      const res = await message(server, {
        messageName: 'cm-order', resultEnabled: true,
        processVariables: { x: str('pv'), y: str('pv') }, processVariablesLocal: { x: str('local'), y: str('local') },
        processVariablesToTriggeredScope: { x: str('triggered') },
      });
      expect(res.status).toBe(200);
      expect(await variables(server, res.body[0].processInstance.id)).toEqual({ x: out('String', 'triggered'), y: out('String', 'local') });
    });
  });
});
