import { EngineHarness } from '../helpers/engine-harness';
import { bpmn, flow, msg } from '../helpers/bpmn';

describe('Feature: exclusive gateways', () => {
  /**
   *              ┌ ${amount > 1000} → [approve manually] → (end1)
   *  (start) → <X> ─ =amount > 100  → [check] → (end2)
   *              └ default         → [manual step] → (end3)
   */
  const XOR = bpmn(
    'xor',
    `
    <bpmn:startEvent id="Start" />
    <bpmn:exclusiveGateway id="Amount" default="toAuto" />
    <bpmn:userTask id="ApproveManually" />
    <bpmn:task id="Check" />
    <bpmn:manualTask id="ManualStep" />
    <bpmn:endEvent id="End1" /><bpmn:endEvent id="End2" /><bpmn:endEvent id="End3" />
    ${flow('f0', 'Start', 'Amount')}
    ${flow('toManual', 'Amount', 'ApproveManually', '${amount > 1000}')}
    ${flow('toCheck', 'Amount', 'Check', '=amount > 100')}
    ${flow('toAuto', 'Amount', 'ManualStep')}
    ${flow('e1', 'ApproveManually', 'End1')}
    ${flow('e2', 'Check', 'End2')}
    ${flow('e3', 'ManualStep', 'End3')}`,
  );
  let engine: EngineHarness;
  beforeEach(async () => {
    engine = new EngineHarness();
    await engine.deploy(XOR);
  });

  it('Scenario: takes the first flow whose condition holds, in document order', () => {
    const pi = engine.start('xor', { amount: 5000 });
    expect(engine.activeElements(pi)).toEqual(['ApproveManually']);
  });

  it('Scenario: a FEEL condition selects the second flow', () => {
    const pi = engine.start('xor', { amount: 500 });
    expect(engine.state(pi).status).toBe('completed');
    expect(engine.trail(pi)).toEqual(['Start', 'Amount', 'Check', 'End2', 'xor']);
  });

  it('Scenario: the default flow is taken when no condition holds', () => {
    const pi = engine.start('xor', { amount: 5 });
    expect(engine.trail(pi)).toEqual(['Start', 'Amount', 'ManualStep', 'End3', 'xor']);
  });

  it('Scenario: a condition that cannot be evaluated becomes an incident and the token stays', () => {
    const pi = engine.start('xor', {});
    const incidents = Object.values(engine.state(pi).incidents);
    expect(incidents).toHaveLength(1);
    expect(incidents[0].elementId).toBe('Amount');
    expect(engine.activeElements(pi)).toEqual(['Amount']);
    expect(engine.state(pi).status).toBe('running');
  });

  it('Scenario: no matching flow and no default flow is an incident', async () => {
    await engine.deploy(
      bpmn(
        'stuck',
        `<bpmn:startEvent id="S" /><bpmn:exclusiveGateway id="G" /><bpmn:endEvent id="E" />
         ${flow('a', 'S', 'G')}${flow('b', 'G', 'E', '${false}')}`,
      ),
    );
    const pi = engine.start('stuck');
    const [incident] = Object.values(engine.state(pi).incidents);
    expect(incident.failure.kind).toBe('NO_OUTGOING_FLOW');
    expect(incident.failure.message).toContain("could be selected for continuing the process");
  });
});

describe('Feature: parallel gateways', () => {
  /**
   *  (start) → <+> ┬→ (payment) ──┐
   *                └→ (delivery) ─┴→ <+> → [invoice] → (end)
   */
  const AND = bpmn(
    'and',
    `
    <bpmn:startEvent id="Start" />
    <bpmn:parallelGateway id="Fork" />
    <bpmn:intermediateCatchEvent id="Payment">${msg('payment')}</bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="Delivery">${msg('delivery')}</bpmn:intermediateCatchEvent>
    <bpmn:parallelGateway id="Join" />
    <bpmn:userTask id="Invoice" />
    <bpmn:endEvent id="End" />
    ${flow('f1', 'Start', 'Fork')}
    ${flow('f2', 'Fork', 'Payment')}
    ${flow('f3', 'Fork', 'Delivery')}
    ${flow('f4', 'Payment', 'Join')}
    ${flow('f5', 'Delivery', 'Join')}
    ${flow('f6', 'Join', 'Invoice')}
    ${flow('f7', 'Invoice', 'End')}`,
    ['payment', 'delivery'],
  );

  it('Scenario: the fork waits for a message on each branch and the join continues once both arrived', async () => {
    const engine = new EngineHarness();
    await engine.deploy(AND);
    const pi = engine.start('and');
    expect(engine.waitingFor(pi)).toEqual(['Delivery:delivery', 'Payment:payment']);

    engine.message('delivery', { processInstanceId: pi });
    expect(engine.activeElements(pi)).toEqual(['Payment']);
    expect(engine.openTasks(pi)).toEqual([]);
    expect(engine.state(pi).joins).toEqual({ [`${pi}/Join`]: { f5: 1 } });

    engine.message('payment', { processInstanceId: pi });
    expect(engine.activeElements(pi)).toEqual(['Invoice']);
    expect(engine.state(pi).joins).toEqual({});
    engine.completeTask(pi, 'Invoice');
    expect(engine.state(pi).status).toBe('completed');
    // the join was entered exactly once
    expect(engine.trail(pi).filter((id) => id === 'Join')).toHaveLength(1);
  });
});

describe('Feature: event-based gateways', () => {
  /**
   *  (start) → <◇> ┬→ (accepted) → [ship] → (end1)
   *                └→ (rejected) → (end2)
   */
  const EVENTS = bpmn(
    'race',
    `
    <bpmn:startEvent id="Start" />
    <bpmn:eventBasedGateway id="Wait" />
    <bpmn:intermediateCatchEvent id="Accepted">${msg('accepted')}</bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="Rejected">${msg('rejected')}</bpmn:intermediateCatchEvent>
    <bpmn:userTask id="Ship" />
    <bpmn:endEvent id="End1" /><bpmn:endEvent id="End2" />
    ${flow('f1', 'Start', 'Wait')}
    ${flow('f2', 'Wait', 'Accepted')}
    ${flow('f3', 'Wait', 'Rejected')}
    ${flow('f4', 'Accepted', 'Ship')}
    ${flow('f5', 'Ship', 'End1')}
    ${flow('f6', 'Rejected', 'End2')}`,
    ['accepted', 'rejected'],
  );

  it('Scenario: the first message wins and the other subscription disappears', async () => {
    const engine = new EngineHarness();
    await engine.deploy(EVENTS);
    const pi = engine.start('race');
    expect(engine.activeElements(pi)).toEqual(['Wait']);
    expect(engine.waitingFor(pi)).toEqual(['Accepted:accepted', 'Rejected:rejected']);

    engine.message('accepted', { processInstanceId: pi }, { by: 'bob' });
    expect(engine.activeElements(pi)).toEqual(['Ship']);
    expect(engine.waitingFor(pi)).toEqual([]);
    expect(() => engine.message('rejected', { processInstanceId: pi })).toThrow('no-match');
    expect(engine.trail(pi)).toEqual(['Start', 'Wait', 'Accepted']);
    // The history says so: the winner's subscription was consumed, the other one closed without its message.
    const subscriptionSteps = (engine.history.get(pi) ?? [])
      .filter((h) => h.kind.startsWith('subscription-'))
      .map((h) => `${h.kind} ${h.elementId} ${String(h.detail?.messageName)}`);
    expect(subscriptionSteps).toEqual([
      'subscription-opened Accepted accepted',
      'subscription-opened Rejected rejected',
      'subscription-consumed Accepted accepted',
      'subscription-closed Rejected rejected',
    ]);
  });
});
