import { TestServer, eventually } from '../helpers/test-server';
import { expectJson, expectNativeError, start } from '../native/native-api';
import { activeElements, camundaNoMatch, int, long, plainVariables, str } from './beyond-kit';

const EXTRA = 10;

/**
 * POST /messages/explain and ?dryRun=true (issue 7, item 3): what a message would be delivered to, and
 * for each event waiting for a message of that name that it would miss, every criterion that failed with
 * what was expected and what the waiting execution has. Nothing is correlated.
 */
describe('beyond Camunda: explaining a message', () => {
  let server: TestServer;
  let alice: string;
  let acme: string;
  let scoped: string;
  const extra: string[] = [];

  async function explain(body: Record<string, unknown>): Promise<any> {
    return expectJson(await server.post('/messages/explain', { messageName: 'BeyondPing', ...body }), 200);
  }

  /** The near miss of one instance: its mismatches. */
  function missOf(explanation: any, processInstanceId: string): any[] {
    const miss = explanation.nearMisses.find((m: any) => m.processInstanceId === processInstanceId);
    expect(miss).toBeDefined();
    return miss.mismatches;
  }

  beforeAll(async () => {
    server = await TestServer.start();
    expectJson(await server.deployFixture('beyond-explain.bpmn'), 201);
    expectJson(await server.deployFixture('beyond-explain.bpmn', { tenantId: 'acme', name: 'beyond-explain-acme' }), 201);
    alice = (await start(server, 'beyond-explain', { businessKey: 'bk-alice', variables: { customer: str('alice'), orderNo: int(42) } })).processInstanceId;
    acme = (await start(server, 'beyond-explain', { businessKey: 'bk-acme', tenantId: 'acme', variables: { customer: str('alice') } })).processInstanceId;
    scoped = (await start(server, 'beyond-scoped', { businessKey: 'bk-scoped', variables: { customer: str('alice') } })).processInstanceId;
    for (let i = 0; i < EXTRA; i++) extra.push((await start(server, 'beyond-explain', { businessKey: `bk-extra-${i}` })).processInstanceId);
    for (const pid of [alice, acme, ...extra]) await eventually(async () => expect(await activeElements(server, pid)).toEqual(['Ping']));
    await eventually(async () => expect(await activeElements(server, scoped)).toEqual(['Inner']));
  });
  afterAll(() => server.close());

  it('names a business key mismatch', async () => {
    const answer = await explain({ businessKey: 'bk-nobody' });
    expect(answer).toMatchObject({ messageName: 'BeyondPing', outcome: 'no-match', matches: [], truncated: false });
    expect(answer.nearMisses).toHaveLength(EXTRA + 3);
    expect(missOf(answer, alice)).toEqual([{ criterion: 'businessKey', expected: 'bk-nobody', actual: 'bk-alice' }]);
    expect(answer.nearMisses.find((m: any) => m.processInstanceId === alice)).toEqual({
      resultType: 'Execution',
      eventId: expect.any(String),
      eventKey: 'Ping',
      eventType: 'intermediateCatchEvent',
      processInstanceId: alice,
      processModelKey: 'beyond-explain',
      mismatches: [{ criterion: 'businessKey', expected: 'bk-nobody', actual: 'bk-alice' }],
    });
  });

  it('names a correlation key whose value differs, and one the instance does not have', async () => {
    const answer = await explain({ businessKey: 'bk-alice', correlationKeys: { customer: str('bob'), discount: str('x') } });
    expect(answer.outcome).toBe('no-match');
    expect(missOf(answer, alice)).toEqual([
      { criterion: 'correlationKey', name: 'customer', expected: 'String "bob"', actual: 'String "alice"' },
      { criterion: 'correlationKey', name: 'discount', expected: 'String "x"', actual: 'no such variable' },
    ]);
    expect(missOf(answer, acme)).toEqual([
      { criterion: 'businessKey', expected: 'bk-alice', actual: 'bk-acme' },
      { criterion: 'correlationKey', name: 'customer', expected: 'String "bob"', actual: 'String "alice"' },
      { criterion: 'correlationKey', name: 'discount', expected: 'String "x"', actual: 'no such variable' },
    ]);
  });

  it('names a correlation key of the wrong type (Long for an Integer)', async () => {
    const answer = await explain({ processInstanceId: alice, correlationKeys: { orderNo: long(42) } });
    expect(answer.outcome).toBe('no-match');
    expect(missOf(answer, alice)).toEqual([{ criterion: 'correlationKey', name: 'orderNo', expected: 'Long 42', actual: 'Integer 42' }]);
    expect((await explain({ processInstanceId: alice, correlationKeys: { orderNo: int(42) } })).outcome).toBe('correlated');
  });

  it('names a local correlation key: another value, or only in an outer scope', async () => {
    const answer = await explain({ localCorrelationKeys: { customer: str('bob') } });
    expect(missOf(answer, alice)).toEqual([{ criterion: 'localCorrelationKey', name: 'customer', expected: 'String "bob"', actual: 'String "alice"' }]);
    const inner = await explain({ businessKey: 'bk-scoped', localCorrelationKeys: { customer: str('alice') } });
    expect(inner.outcome).toBe('no-match');
    expect(missOf(inner, scoped)).toEqual([{ criterion: 'localCorrelationKey', name: 'customer', expected: 'String "alice"', actual: 'no such local variable' }]);
    expect(inner.nearMisses.find((m: any) => m.processInstanceId === scoped)).toMatchObject({ eventKey: 'Inner', processModelKey: 'beyond-scoped' });
    // The same key as a (non-local) correlation key matches the instance's variable.
    expect((await explain({ businessKey: 'bk-scoped', correlationKeys: { customer: str('alice') } })).outcome).toBe('correlated');
  });

  it('names the tenant, for tenantId and for withoutTenantId', async () => {
    const other = await explain({ businessKey: 'bk-acme', tenantId: 'globex' });
    expect(missOf(other, acme)).toEqual([{ criterion: 'tenant', expected: 'globex', actual: 'acme' }]);
    expect(missOf(other, alice)).toEqual([
      { criterion: 'businessKey', expected: 'bk-acme', actual: 'bk-alice' },
      { criterion: 'tenant', expected: 'globex', actual: 'null' },
    ]);
    const none = await explain({ businessKey: 'bk-acme', withoutTenantId: true });
    expect(none.outcome).toBe('no-match');
    expect(missOf(none, acme)).toEqual([{ criterion: 'tenant', expected: 'no tenant', actual: 'acme' }]);
  });

  it('names the process instance id', async () => {
    const answer = await explain({ processInstanceId: extra[0], businessKey: 'bk-alice' });
    expect(missOf(answer, alice)).toEqual([{ criterion: 'processInstanceId', expected: extra[0], actual: alice }]);
    expect(missOf(answer, extra[0])).toEqual([{ criterion: 'businessKey', expected: 'bk-alice', actual: 'bk-extra-0' }]);
  });

  it('lists the matches and the outcome when the message would correlate, or is ambiguous', async () => {
    const answer = await explain({ businessKey: 'bk-alice', correlationKeys: { customer: str('alice') } });
    expect(answer.outcome).toBe('correlated');
    expect(answer.matches).toEqual([
      { resultType: 'Execution', eventId: expect.any(String), eventKey: 'Ping', eventType: 'intermediateCatchEvent', processInstanceId: alice, processModelKey: 'beyond-explain' },
    ]);
    expect(answer.nearMisses.map((m: any) => m.processInstanceId)).not.toContain(alice);

    const ambiguous = await explain({ correlationKeys: { customer: str('alice') } });
    expect(ambiguous.outcome).toBe('ambiguous');
    expect(ambiguous.matches.map((m: any) => m.processInstanceId).sort()).toEqual([alice, acme, scoped].sort());
    const all = await explain({ correlationKeys: { customer: str('alice') }, all: true });
    expect(all.outcome).toBe('correlated');

    // beyond-kickoff is deployed twice (no tenant, and acme): without a tenant criterion both start events match.
    const starts = expectJson(await server.post('/messages/explain', { messageName: 'BeyondKickoff', businessKey: 'anything' }), 200);
    expect(starts).toMatchObject({ outcome: 'ambiguous', nearMisses: [] });
    expect(starts.matches.map((m: any) => [m.resultType, m.eventKey, m.processInstanceId, m.processModelKey])).toEqual([
      ['ProcessDefinition', 'Kickoff', null, 'beyond-kickoff'],
      ['ProcessDefinition', 'Kickoff', null, 'beyond-kickoff'],
    ]);
    const starting = expectJson(await server.post('/messages/explain', { messageName: 'BeyondKickoff', withoutTenantId: true }), 200);
    expect(starting).toMatchObject({ outcome: 'correlated', matches: [expect.objectContaining({ resultType: 'ProcessDefinition', eventType: 'startEvent' })] });
    expect(starting.nearMisses).toEqual([
      expect.objectContaining({ resultType: 'ProcessDefinition', eventKey: 'Kickoff', mismatches: [{ criterion: 'tenant', expected: 'no tenant', actual: 'acme' }] }),
    ]);
    const wrongTenant = expectJson(await server.post('/messages/explain', { messageName: 'BeyondKickoff', tenantId: 'globex' }), 200);
    expect(wrongTenant).toMatchObject({ outcome: 'no-match', matches: [] });
    expect(wrongTenant.nearMisses.map((m: any) => m.mismatches).sort((a: any, b: any) => a[0].actual.localeCompare(b[0].actual))).toEqual([
      [{ criterion: 'tenant', expected: 'globex', actual: 'acme' }],
      [{ criterion: 'tenant', expected: 'globex', actual: 'null' }],
    ]);
  });

  it('dryRun answers like explain and correlates nothing', async () => {
    const body = { messageName: 'BeyondPing', businessKey: 'bk-alice', processVariables: { touched: str('yes') } };
    const dry = expectJson(await server.post('/messages?dryRun=true', body), 200);
    expect(dry).toEqual(await explain(body));
    expect(dry.outcome).toBe('correlated');
    expect(await activeElements(server, alice)).toEqual(['Ping']);
    expect(await plainVariables(server, alice)).toEqual({ customer: 'alice', orderNo: 42 });
    const kickoff = expectJson(await server.post('/messages?dryRun=true', { messageName: 'BeyondKickoff', businessKey: 'dry-start', withoutTenantId: true }), 200);
    expect(kickoff.outcome).toBe('correlated');
    expect(expectJson(await server.get('/engine-rest/process-instance?businessKey=dry-start'), 200)).toEqual([]);
  });

  it('dryRun must be true or false: anything else is a 400 and correlates nothing', async () => {
    const body = { messageName: 'BeyondPing', businessKey: 'bk-alice', processVariables: { touched: str('yes') } };
    const refused = expectNativeError(await server.post('/messages?dryRun=yes', body), 400, 'VALIDATION_ERROR');
    expect(refused.message).toContain('dryRun');
    expect(await activeElements(server, alice)).toEqual(['Ping']);
    expect(await plainVariables(server, alice)).toEqual({ customer: 'alice', orderNo: 42 });
  });

  it('the 400 of a failed native correlation carries the explanation, bounded to 10 near misses', async () => {
    const failed = await server.post('/messages', { messageName: 'BeyondPing', businessKey: 'bk-alice', correlationKeys: { orderNo: long(42) } });
    const body = expectNativeError(failed, 400, 'MESSAGE_NOT_CORRELATED');
    expect(Object.keys(body).sort()).toEqual(['code', 'explanation', 'message', 'type']);
    expect(body.explanation.truncated).toBe(true);
    expect(body.explanation.nearMisses).toHaveLength(10);
    const full = await explain({ businessKey: 'bk-alice', correlationKeys: { orderNo: long(42) } });
    expect(full.nearMisses).toHaveLength(EXTRA + 3);
    expect(body.explanation.nearMisses).toEqual(full.nearMisses.slice(0, 10));
    expect(missOf(body.explanation, alice)).toEqual([{ criterion: 'correlationKey', name: 'orderNo', expected: 'Long 42', actual: 'Integer 42' }]);
    // Nothing moved.
    expect(await activeElements(server, alice)).toEqual(['Ping']);

    const ambiguous = expectNativeError(await server.post('/messages', { messageName: 'BeyondPing', correlationKeys: { customer: str('alice') } }), 400, 'MESSAGE_AMBIGUOUS');
    expect(ambiguous.explanation).toEqual({ nearMisses: expect.any(Array), truncated: expect.any(Boolean) });
  });

  it('the Camunda route keeps Camunda\'s 400 body, without an explanation', async () => {
    const failed = await server.post('/engine-rest/message', { messageName: 'BeyondPing', businessKey: 'bk-nobody' });
    expect(failed.status).toBe(400);
    expect(failed.body).toEqual(camundaNoMatch('BeyondPing'));
    expect(Object.keys(failed.body).sort()).toEqual(['code', 'message', 'type']);
  });

  it('explain validates like a correlation', async () => {
    expectNativeError(await server.post('/messages/explain', {}), 400, 'VALIDATION_ERROR');
    expectNativeError(await server.post('/messages/explain', { messageName: 'BeyondPing', tenantId: 'a', withoutTenantId: true }), 400, 'VALIDATION_ERROR');
    expectNativeError(await server.post('/messages/explain', { messageName: 'BeyondPing', correlationKeys: { x: { value: 'a', type: 'Nope' } } }), 400, 'INVALID_VARIABLE');
  });
});
